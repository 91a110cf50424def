package org.officeguard.bench;

import static org.officeguard.bench.Figures.millis;
import static org.officeguard.bench.Figures.round;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.ReportingService;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.runtime.OfficeguardApp;

/**
 * Phase 4, the report endpoint: a day of {@code --violations} violations written straight into reporting's
 * database, then its JSON and HTML report asked for a few times each (the best and the median count); then the roll
 * call of the site with everyone inside ({@link RollCallTiming}).
 */
final class ReportPhase {

    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    /** The phase's topic root (and client id prefix). */
    private static final String ROOT = "brep";
    /** The rules the seeded violations take turns with. */
    private static final Rule[] RULES = {Rule.LEFT_PC_UNLOCKED, Rule.SCREEN_LOCK_IDLE, Rule.ZONE_NOT_ALLOWED,
        Rule.ANTI_PASSBACK, Rule.UNKNOWN_BADGE};

    private final BenchRun run;

    ReportPhase(BenchRun run) {
        this.run = run;
    }

    void run(SiteConfig site) throws Exception {
        Map<String, Object> section = run.report().section("reportEndpoint");
        Path data = run.work().resolve("report");
        int violations = run.options().violations();
        long start = System.nanoTime();
        seedViolations(data, site, violations);
        section.put("violations", violations);
        section.put("seedSeconds", round((System.nanoTime() - start) / 1e9));
        int port = ServiceHttp.freePort();
        try (OfficeguardApp app = run.startApp(site, ROOT, data, port, List.of("reporting"),
                List.of(new ReportingService(Duration.ofMillis(500))))) {
            for (String format : List.of("json", "html")) {
                section.put(format, time(port, format, section));
            }
            section.put("rollCall", new RollCallTiming(run).time(port, site, ROOT));
        }
    }

    /** Asks for the day's report a few times; the JSON report's total violations go into {@code section}. */
    private Map<String, Object> time(int port, String format, Map<String, Object> section) throws Exception {
        int runs = run.options().quick() ? 3 : 5;
        long[] times = new long[runs];
        long bytes = 0;
        for (int attempt = 0; attempt < runs; attempt++) {
            long asked = System.nanoTime();
            HttpResponse<byte[]> response = ServiceHttp.get(port, "/reports/" + Workload.SITE + "/" + DAY + "." + format);
            times[attempt] = System.nanoTime() - asked;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("report " + format + ": HTTP " + response.statusCode());
            }
            bytes = response.body().length;
            if (format.equals("json") && attempt == 0) {
                long total = Payloads.JSON.readTree(response.body()).path("totals").path("violations").asLong();
                section.put("jsonTotalsViolations", total);
            }
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runsMs", Arrays.stream(times).mapToObj(Figures::millis).toList());
        figures.put("bestMs", millis(sorted[0]));
        figures.put("medianMs", millis(sorted[runs / 2]));
        figures.put("bytes", bytes);
        figures.put("load", Machine.load());
        run.report().row("4 GET report ." + format + " (" + run.options().violations() + " violations) best / median",
                millis(sorted[0]) + " / " + millis(sorted[runs / 2]) + " ms (" + bytes / 1024 + " KiB)",
                "target < 1 s → " + (millis(sorted[runs / 2]) < 1000 ? "MET" : "NOT MET"));
        return figures;
    }

    /** Writes {@code count} violations of the day into reporting's database at {@code data}, in batches. */
    private static void seedViolations(Path data, SiteConfig site, int count) throws Exception {
        ReportStore.open(null, null, null, data).close(); // creates and migrates the database
        String url = "jdbc:h2:file:" + data.resolve("reporting").toAbsolutePath().resolve("officeguard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Instant start = DAY.atTime(9, 0).atZone(site.timezone()).toInstant();
        List<String> badges = new ArrayList<>(site.people().keySet());
        try (Connection connection = DriverManager.getConnection(url, null, null);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO violation (id, site, local_date,"
                        + " rule, ts_ms, badge, subject, body, stored_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int number = 0; number < count; number++) {
                Rule rule = RULES[number % RULES.length];
                String badge = rule == Rule.UNKNOWN_BADGE ? "X" + number : badges.get(number % badges.size());
                String subject = switch (rule) {
                    case LEFT_PC_UNLOCKED, SCREEN_LOCK_IDLE ->
                            "pc:" + Workload.pc(1 + number % Math.max(1, badges.size() - 1));
                    default -> "door:front";
                };
                Violation violation = Violation.of(site.site(), rule, start.plusMillis(number * 300L), badge, subject,
                        Map.of(), List.of("seed-" + number));
                insert.setString(1, violation.id());
                insert.setString(2, violation.site());
                insert.setDate(3, Date.valueOf(DAY));
                insert.setString(4, rule.name());
                insert.setLong(5, violation.ts().toEpochMilli());
                insert.setString(6, badge);
                insert.setString(7, subject);
                insert.setString(8, new String(Payloads.write(violation, site.timezone()), StandardCharsets.UTF_8));
                insert.setLong(9, System.currentTimeMillis());
                insert.addBatch();
                if (number % 5000 == 4999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
