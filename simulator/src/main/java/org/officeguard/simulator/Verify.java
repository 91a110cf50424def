package org.officeguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
            return rows.stream().filter(r -> r.name().equals(rule.name())).findFirst().orElseThrow();
        }
    }

    private Verify() {}

    public static Result compare(GroundTruth truth, List<JsonNode> reports) {
        Map<String, Integer> expected = new HashMap<>();
        Map<Rule, Integer> expectedByRule = new EnumMap<>(Rule.class);
        for (GroundTruth.Item v : truth.violations()) {
            expected.merge(key(v.date().toString(), v.rule().name(), v.badge(), v.subject(),
                    v.ts().toString()), 1, Integer::sum);
            expectedByRule.merge(v.rule(), 1, Integer::sum);
        }
        Set<LocalDate> covered = new LinkedHashSet<>(truth.dates());
        Set<LocalDate> seen = new LinkedHashSet<>();
        Map<Rule, Integer> foundByRule = new EnumMap<>(Rule.class);
        Map<Rule, Integer> spuriousByRule = new EnumMap<>(Rule.class);
        List<String> spurious = new ArrayList<>();
        List<String> inconsistent = new ArrayList<>();
        Map<String, Integer> unmatched = new HashMap<>(expected);
        for (JsonNode report : reports) {
            LocalDate date = LocalDate.parse(report.path("date").asText());
            if (!covered.contains(date)) {
                continue;
            }
            seen.add(date);
            inconsistent.addAll(inconsistencies(date, report));
            for (JsonNode v : report.path("violations")) {
                Rule rule = Rule.valueOf(v.path("rule").asText());
                String k = key(date.toString(), rule.name(), v.path("badge").asText(), v.path("subject").asText(),
                        TimeFormat.parse(v.path("ts").asText()).toString());
                foundByRule.merge(rule, 1, Integer::sum);
                Integer left = unmatched.get(k);
                if (left != null && left > 0) {
                    unmatched.put(k, left - 1);
                } else {
                    spuriousByRule.merge(rule, 1, Integer::sum);
                    spurious.add(k);
                }
            }
        }
        Map<Rule, Integer> missedByRule = new EnumMap<>(Rule.class);
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, Integer> e : unmatched.entrySet()) {
            if (e.getValue() > 0) {
                Rule rule = Rule.valueOf(e.getKey().split("\\|")[1]);
                missedByRule.merge(rule, e.getValue(), Integer::sum);
                for (int i = 0; i < e.getValue(); i++) {
                    missed.add(e.getKey());
                }
            }
        }
        missed.sort(null);
        spurious.sort(null);
        List<Row> rows = new ArrayList<>();
        int te = 0;
        int tf = 0;
        int tm = 0;
        int ts = 0;
        for (Rule rule : Rule.values()) {
            Row row = new Row(rule.name(), expectedByRule.getOrDefault(rule, 0), foundByRule.getOrDefault(rule, 0),
                    missedByRule.getOrDefault(rule, 0), spuriousByRule.getOrDefault(rule, 0));
            rows.add(row);
            te += row.expected();
            tf += row.found();
            tm += row.missed();
            ts += row.spurious();
        }
        List<LocalDate> without = covered.stream().filter(d -> !seen.contains(d)).toList();
        return new Result(List.copyOf(rows), new Row("total", te, tf, tm, ts), missed, spurious, without,
                List.copyOf(inconsistent));
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
        list.forEach(v -> listed.merge(v.path("rule").asText(), 1, Integer::sum));
        for (Rule rule : Rule.values()) {
            JsonNode n = report.path("totals").path("byRule").path(rule.name());
            if (n.asLong(-1) != listed.getOrDefault(rule.name(), 0)) {
                out.add(date + ": totals.byRule." + rule.name() + " " + (n.isMissingNode() ? "missing" : n.asText())
                        + ", listed " + listed.getOrDefault(rule.name(), 0));
            }
        }
        return out;
    }

    private static String key(String date, String rule, String badge, String subject, String instant) {
        return date + "|" + rule + "|" + badge + "|" + subject + "|" + instant;
    }

    /** The comparison as an aligned text table, with the first differences listed under it. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        String fmt = "%-24s %8s %6s %7s %9s %10s %7s%n";
        b.append(String.format(fmt, "rule", "expected", "found", "missed", "spurious", "precision", "recall"));
        for (Row row : r.rows()) {
            line(b, fmt, row);
        }
        b.append("-".repeat(79)).append('\n');
        line(b, fmt, r.total());
        for (LocalDate d : r.datesWithoutReport()) {
            b.append("no final report for ").append(d).append('\n');
        }
        r.inconsistent().forEach(i -> b.append("report:   ").append(i).append('\n'));
        r.missed().stream().limit(20).forEach(m -> b.append("missed:   ").append(m).append('\n'));
        r.spurious().stream().limit(20).forEach(s -> b.append("spurious: ").append(s).append('\n'));
        return b.toString();
    }

    private static void line(StringBuilder b, String fmt, Row row) {
        b.append(String.format(Locale.ROOT, fmt, row.name(), row.expected(), row.found(), row.missed(),
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
        for (int i = 1; i < args.length; i++) {
            try {
                reports.add(Payloads.JSON.readTree(Path.of(args[i]).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Result r = compare(truth, reports);
        System.out.print(table(r));
        System.exit(r.perfect() ? 0 : 1);
    }
}
