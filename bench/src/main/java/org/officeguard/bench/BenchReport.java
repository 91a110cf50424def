package org.officeguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.model.Payloads;

/**
 * What a bench run reports: the JSON file, a section per phase with every figure, and the table printed at the
 * end, a row per measurement with its verdict and the machine's load when it was taken.
 */
final class BenchReport {

    private static final String[] HEADER = {"measurement", "result", "vs target", "load (1/5/15 min)"};

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    void put(String key, Object value) {
        json.put(key, value);
    }

    /** A phase's section of the JSON, starting with the load before it; says on the console that the phase starts. */
    Map<String, Object> section(String name) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("loadBefore", Machine.load());
        json.put(name, section);
        System.out.println("bench: " + name + " … (load " + Machine.load() + ")");
        return section;
    }

    /** A row of the table. */
    void row(String measurement, String result, String verdict) {
        rows.add(new String[] {measurement, result, verdict, Machine.load()});
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Payloads.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    /** The table, its columns as wide as their widest cell, under a line naming the broker and the machine. */
    void printTable() {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        System.out.println();
        System.out.println("officeguard bench — " + json.get("broker") + " — " + json.get("machine"));
        for (String[] line : lines) {
            System.out.printf("| %-" + widths[0] + "s | %-" + widths[1] + "s | %-" + widths[2] + "s | %-" + widths[3]
                    + "s |%n", (Object[]) line);
        }
    }
}
