package org.officeguard.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The topic tree of SPEC §2 under a configurable root (default {@code office}). */
public final class Topics {

    /** What a topic carries. */
    public enum Kind {
        BADGE("+/door/+/badge"),
        DECISION("+/door/+/decision"),
        PC_STATE("+/pc/+/state"),
        LAST_EXIT("+/last-exit"),
        VISITOR_REGISTER("+/visitor/register"),
        CLOCK("+/clock"),
        VIOLATION("+/violation/+"),
        REPORT("+/report/+"),
        DEADLETTER("+/deadletter");

        private final String filter;

        Kind(String filter) {
            this.filter = filter;
        }
    }

    /** A parsed topic: its kind, its site and, for doors, PCs, violations and reports, the last named level. */
    public record Address(Kind kind, String site, String name) {}

    private final String root;

    public Topics(String root) {
        if (root == null || root.isEmpty() || root.contains("+") || root.contains("#")) {
            throw new IllegalArgumentException("topic root must be a plain topic prefix, not '" + root + "'");
        }
        this.root = root;
    }

    public String root() {
        return root;
    }

    public String badge(String site, String door) {
        return root + "/" + site + "/door/" + door + "/badge";
    }

    public String decision(String site, String door) {
        return root + "/" + site + "/door/" + door + "/decision";
    }

    public String pcState(String site, String pc) {
        return root + "/" + site + "/pc/" + pc + "/state";
    }

    public String lastExit(String site) {
        return root + "/" + site + "/last-exit";
    }

    public String visitorRegister(String site) {
        return root + "/" + site + "/visitor/register";
    }

    public String clock(String site) {
        return root + "/" + site + "/clock";
    }

    public String violation(String site, Rule rule) {
        return root + "/" + site + "/violation/" + rule.name();
    }

    public String report(String site, String date) {
        return root + "/" + site + "/report/" + date;
    }

    public String deadletter(String site) {
        return root + "/" + site + "/deadletter";
    }

    /** Subscription filters for all sites, e.g. {@code office/+/door/+/badge}. */
    public List<String> filters(Kind... kinds) {
        List<String> out = new ArrayList<>();
        for (Kind k : kinds) {
            out.add(root + "/" + k.filter);
        }
        return out;
    }

    public Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(root + "/")) {
            return Optional.empty();
        }
        String[] p = topic.substring(root.length() + 1).split("/", -1);
        for (String level : p) {
            if (level.isEmpty()) {
                return Optional.empty();
            }
        }
        String site = p[0];
        Kind kind = null;
        String name = null;
        if (p.length == 2) {
            kind = switch (p[1]) {
                case "last-exit" -> Kind.LAST_EXIT;
                case "clock" -> Kind.CLOCK;
                case "deadletter" -> Kind.DEADLETTER;
                default -> null;
            };
        } else if (p.length == 3) {
            name = p[2];
            kind = switch (p[1]) {
                case "visitor" -> "register".equals(p[2]) ? Kind.VISITOR_REGISTER : null;
                case "violation" -> Kind.VIOLATION;
                case "report" -> Kind.REPORT;
                default -> null;
            };
            if (kind == Kind.VISITOR_REGISTER) {
                name = null;
            }
        } else if (p.length == 4) {
            name = p[2];
            if (p[1].equals("door") && p[3].equals("badge")) {
                kind = Kind.BADGE;
            } else if (p[1].equals("door") && p[3].equals("decision")) {
                kind = Kind.DECISION;
            } else if (p[1].equals("pc") && p[3].equals("state")) {
                kind = Kind.PC_STATE;
            }
        }
        return kind == null ? Optional.empty() : Optional.of(new Address(kind, site, name));
    }
}
