package org.officeguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;

/**
 * Compares final daily reports (SPEC §6) with the ground truth, rule by rule. A violation matches when
 * its date, rule, badge, subject and ts (as an instant) are the same; each counts once (a multiset).
 * Precision is matched / found (1.0 when nothing was found), recall matched / expected (1.0 when nothing
 * was expected). Reports for days the truth does not cover are ignored. A report must also say it is final, and
 * its totals must count its own list (all, and by rule): a report that fails either is not perfect, whatever its list.
 */
public final class Verify {

    public record Row(String name, int expected, int found, int missed, int spurious) {
        public int matched() {
            return found - spurious;
        }

        public double precision() {
            return found == 0 ? 1.0 : (double) matched() / found;
        }

        public double recall() {
            return expected == 0 ? 1.0 : (double) matched() / expected;
        }

        public boolean perfect() {
            return missed == 0 && spurious == 0;
        }
    }

    public record Result(List<Row> rows, Row total, List<String> missed, List<String> spurious,
            List<LocalDate> datesWithoutReport, List<String> inconsistent) {
        public boolean perfect() {
            return total.perfect() && datesWithoutReport.isEmpty() && inconsistent.isEmpty();
        }

        public Row row(Rule rule) {
            return rows.stream().filter(row -> row.name().equals(rule.name())).findFirst().orElseThrow();
        }
    }

    private Verify() {}

    public static Result compare(GroundTruth truth, List<JsonNode> reports) {
        Tally tally = new Tally();
        for (GroundTruth.Item item : truth.violations()) {
            tally.expect(item.rule(), key(item.date().toString(), item.rule().name(), item.badge(), item.subject(),
                    item.ts().toString()));
        }
        Set<LocalDate> covered = new LinkedHashSet<>(truth.dates());
        Set<LocalDate> seen = new LinkedHashSet<>();
        List<String> inconsistent = new ArrayList<>();
        for (JsonNode report : reports) {
            LocalDate date = LocalDate.parse(report.path("date").asText());
            if (!covered.contains(date)) {
                continue;
            }
            seen.add(date);
            inconsistent.addAll(inconsistencies(date, report));
            for (JsonNode violation : report.path("violations")) {
                Rule rule = Rule.valueOf(violation.path("rule").asText());
                tally.found(rule, key(date.toString(), rule.name(), violation.path("badge").asText(),
                        violation.path("subject").asText(), TimeFormat.parse(violation.path("ts").asText()).toString()));
            }
        }
        List<String> missed = tally.missed();
        List<String> spurious = tally.spurious();
        List<Row> rows = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            rows.add(tally.row(rule));
        }
        Row total = new Row("total", rows.stream().mapToInt(Row::expected).sum(), rows.stream().mapToInt(Row::found).sum(),
                rows.stream().mapToInt(Row::missed).sum(), rows.stream().mapToInt(Row::spurious).sum());
        List<LocalDate> without = covered.stream().filter(date -> !seen.contains(date)).toList();
        return new Result(List.copyOf(rows), total, missed, spurious, without, List.copyOf(inconsistent));
    }

    /** The violations expected and found, matched as a multiset by their keys, and counted by rule. */
    private static final class Tally {
        private final Map<Rule, Integer> expectedByRule = new EnumMap<>(Rule.class);
        private final Map<Rule, Integer> foundByRule = new EnumMap<>(Rule.class);
        private final Map<Rule, Integer> spuriousByRule = new EnumMap<>(Rule.class);
        /** Expected violations not matched yet, by key: how many of each. */
        private final Map<String, Integer> unmatched = new HashMap<>();
        private final List<String> spurious = new ArrayList<>();

        void expect(Rule rule, String key) {
            unmatched.merge(key, 1, Integer::sum);
            expectedByRule.merge(rule, 1, Integer::sum);
        }

        /** A violation a report lists: it matches one still expected, or it is spurious. */
        void found(Rule rule, String key) {
            foundByRule.merge(rule, 1, Integer::sum);
            Integer left = unmatched.get(key);
            if (left != null && left > 0) {
                unmatched.put(key, left - 1);
            } else {
                spuriousByRule.merge(rule, 1, Integer::sum);
                spurious.add(key);
            }
        }

        /** The expected violations no report listed, sorted. */
        List<String> missed() {
            List<String> missed = new ArrayList<>();
            unmatched.forEach((key, left) -> missed.addAll(Collections.nCopies(left, key)));
            missed.sort(null);
            return missed;
        }

        private int missed(Rule rule) {
            int missed = 0;
            for (Map.Entry<String, Integer> left : unmatched.entrySet()) {
                if (Rule.valueOf(left.getKey().split("\\|")[1]) == rule) {
                    missed += left.getValue();
                }
            }
            return missed;
        }

        List<String> spurious() {
            List<String> sorted = new ArrayList<>(spurious);
            sorted.sort(null);
            return sorted;
        }

        Row row(Rule rule) {
            return new Row(rule.name(), expectedByRule.getOrDefault(rule, 0), foundByRule.getOrDefault(rule, 0),
                    missed(rule), spuriousByRule.getOrDefault(rule, 0));
        }
    }

    /** What a report says of itself that is not so: not final, or totals that do not count its own list. */
    private static List<String> inconsistencies(LocalDate date, JsonNode report) {
        List<String> out = new ArrayList<>();
        if (!report.path("final").asBoolean(false)) {
            out.add(date + ": the report is not final");
        }
        JsonNode list = report.path("violations");
        if (report.path("totals").path("violations").asLong(-1) != list.size()) {
            out.add(date + ": totals.violations " + report.path("totals").path("violations") + ", listed " + list.size());
        }
        Map<String, Integer> listed = new HashMap<>();
        list.forEach(violation -> listed.merge(violation.path("rule").asText(), 1, Integer::sum));
        for (Rule rule : Rule.values()) {
            JsonNode total = report.path("totals").path("byRule").path(rule.name());
            if (total.asLong(-1) != listed.getOrDefault(rule.name(), 0)) {
                out.add(date + ": totals.byRule." + rule.name() + " " + (total.isMissingNode() ? "missing" : total.asText())
                        + ", listed " + listed.getOrDefault(rule.name(), 0));
            }
        }
        return out;
    }

    private static String key(String date, String rule, String badge, String subject, String instant) {
        return date + "|" + rule + "|" + badge + "|" + subject + "|" + instant;
    }

    /** The comparison as an aligned text table, with the first differences listed under it. */
    public static String table(Result result) {
        StringBuilder table = new StringBuilder();
        String format = "%-24s %8s %6s %7s %9s %10s %7s%n";
        table.append(String.format(format, "rule", "expected", "found", "missed", "spurious", "precision", "recall"));
        for (Row row : result.rows()) {
            line(table, format, row);
        }
        table.append("-".repeat(79)).append('\n');
        line(table, format, result.total());
        for (LocalDate date : result.datesWithoutReport()) {
            table.append("no final report for ").append(date).append('\n');
        }
        result.inconsistent().forEach(problem -> table.append("report:   ").append(problem).append('\n'));
        result.missed().stream().limit(20).forEach(key -> table.append("missed:   ").append(key).append('\n'));
        result.spurious().stream().limit(20).forEach(key -> table.append("spurious: ").append(key).append('\n'));
        return table.toString();
    }

    private static void line(StringBuilder table, String format, Row row) {
        table.append(String.format(Locale.ROOT, format, row.name(), row.expected(), row.found(), row.missed(),
                row.spurious(), String.format(Locale.ROOT, "%.3f", row.precision()),
                String.format(Locale.ROOT, "%.3f", row.recall())));
    }

    /** {@code java -cp ... org.officeguard.simulator.Verify TRUTH.json REPORT.json...}: prints the table; exit 1 unless perfect. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: Verify TRUTH.json REPORT.json [REPORT.json ...]");
            System.exit(2);
        }
        GroundTruth truth = GroundTruth.read(Path.of(args[0]));
        List<JsonNode> reports = new ArrayList<>();
        for (String report : Arrays.asList(args).subList(1, args.length)) {
            try {
                reports.add(Payloads.JSON.readTree(Path.of(report).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Result result = compare(truth, reports);
        System.out.print(table(result));
        System.exit(result.perfect() ? 0 : 1);
    }
}
