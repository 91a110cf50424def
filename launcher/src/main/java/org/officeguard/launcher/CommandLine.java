package org.officeguard.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small parser for {@code ./officeguard COMMAND [--option value]...}: repeatable options keep every
 * value, unknown options are an error that names them.
 */
final class CommandLine {

    final String command;
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    private CommandLine(String command) {
        this.command = command;
    }

    static CommandLine parse(String[] args, Map<String, Set<String>> optionsByCommand, Set<String> flags) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            return new CommandLine("help");
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            return new CommandLine("version");
        }
        CommandLine cl = new CommandLine(args[0]);
        Set<String> allowed = optionsByCommand.get(cl.command);
        if (allowed == null) {
            throw new UsageException("unknown command '" + cl.command + "'");
        }
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                cl.options.put("help", List.of("true"));
                continue;
            }
            String name;
            String value;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(2, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            } else if (a.startsWith("--")) {
                name = a.substring(2);
                if (flags.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + " for '" + cl.command + "'");
            }
            cl.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return cl;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String get(String name, String dflt) {
        List<String> v = options.get(name);
        if (v == null) {
            return dflt;
        }
        if (v.size() > 1) {
            throw new UsageException("--" + name + " given more than once");
        }
        return v.get(0);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    int integer(String name, int dflt) {
        String v = get(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }

    /** A mistake on the command line: printed with the usage, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
