package org.officeguard.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.MonthIndex;
import org.officeguard.reporting.report.ReportDays;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.PostgresProcess;

/**
 * Retention (a privacy setting, {@code --retention-days}), on H2 and on PostgreSQL: with 30 days kept and the site's
 * current day October 25, 2026, the days before September 25 are gone from the database (violations, passages,
 * closed marks, mails owed, visitor registrations made before that day), from the report files and from the index;
 * September 25 and later are untouched. Driven by hand, as the {@code reporting-retention} timer calls it.
 */
class RetentionTest {

    private static final Topics TOPICS = new Topics("office");
    private static final SiteConfig HQ = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
    private static final LocalDate OLD = LocalDate.of(2026, 9, 20);
    private static final LocalDate LAST_DELETED = LocalDate.of(2026, 9, 24);
    private static final LocalDate HORIZON = LocalDate.of(2026, 9, 25);
    private static final LocalDate YOUNG = LocalDate.of(2026, 9, 28);
    private static final String[] FORMATS = {".json", ".csv", ".en.csv", ".html", ".en.html"};

    @TempDir
    Path dir;

    @Test
    void on_h2() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/officeguard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ReportStore store = ReportStore.open(url, null, null, dir)) {
            oldDaysAreGoneAndYoungOnesUntouched(store, url, null);
        }
    }

    @Test
    void on_postgresql() throws Exception {
        try (PostgresProcess postgres = PostgresProcess.start()) {
            String url = postgres.createDatabase("retention");
            try (ReportStore store = ReportStore.open(url, postgres.user(), "", dir)) {
                oldDaysAreGoneAndYoungOnesUntouched(store, url, postgres.user());
            }
        }
    }

    private void oldDaysAreGoneAndYoungOnesUntouched(ReportStore store, String url, String user) throws Exception {
        MutableClock wall = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        Reports reports = new Reports(new ServiceContext(List.of(HQ), TOPICS, ClockMode.EVENT, wall, "retention", dir,
                null), store, Duration.ofSeconds(2), 30);
        for (LocalDate day : List.of(OLD, LAST_DELETED, HORIZON, YOUNG)) {
            reports.violation(violation(day));
            store.savePassage(passage(day), day);
            store.saveVisitor("hq", "reg-" + day, "V-" + day, noon(day), "Visitor of " + day, "E001");
        }
        reports.commit();
        reports.clock(envelope(TOPICS.clock("hq"), "{\"ts\":\"2026-10-25T12:00:00+09:00\"}"));
        reports.commit();
        wall.advance(Duration.ofSeconds(10));
        reports.closeDue(); // every day up to October 24 is final, its files written
        store.mails().owe("hq", OLD, List.of("soumu@example.com"), 1, wall.millis());
        store.mails().owe("hq", YOUNG, List.of("soumu@example.com"), 1, wall.millis());
        store.commitClosing(Map.of());
        assertTrue(Files.exists(file(OLD, ".json")), "the old day was written");
        assertEquals(OLD, store.days("hq").get(0));

        assertEquals(HORIZON, reports.horizon(HQ));
        ReportDays index = reports.reportDays(HQ);
        assertFalse(index.has(LAST_DELETED), "the index starts at the horizon before the deletion has run");
        assertTrue(index.has(HORIZON));

        List<Outbound> cleared = reports.deleteExpired();
        assertEquals(List.of("office/hq/report/2026-09-20", "office/hq/report/2026-09-21", "office/hq/report/2026-09-22",
                "office/hq/report/2026-09-23", "office/hq/report/2026-09-24"), cleared.stream().map(Outbound::topic).toList(),
                "the deleted days' retained reports are cleared");
        assertTrue(cleared.stream().allMatch(out -> out.retained() && out.payload().length == 0));

        assertEquals(HORIZON, store.days("hq").get(0), "nothing of the days before the horizon is stored");
        assertEquals(HORIZON, store.firstDay("hq").orElseThrow());
        assertFalse(store.closedDays("hq").contains(LAST_DELETED));
        assertTrue(store.closedDays("hq").contains(HORIZON));
        assertEquals(List.of(), store.violations("hq", OLD));
        assertEquals(List.of(), store.violations("hq", LAST_DELETED));
        assertEquals(1, store.violations("hq", HORIZON).size());
        assertEquals(1, store.violations("hq", YOUNG).size());
        assertEquals(0, store.dayData(HQ, OLD, true).activity().passagesGranted(), "its passages are gone");
        assertEquals(1, store.dayData(HQ, YOUNG, true).activity().passagesGranted(), "a young day's are kept");
        assertEquals(List.of(YOUNG), store.mails().owed().stream().map(mail -> mail.date()).toList());
        assertEquals(List.of("Visitor of " + HORIZON, "Visitor of " + YOUNG), registrations(url, user));

        for (String format : FORMATS) {
            assertFalse(Files.exists(file(OLD, format)), OLD + format);
            assertFalse(Files.exists(file(LAST_DELETED, format)), LAST_DELETED + format);
            assertTrue(Files.exists(file(HORIZON, format)), HORIZON + format);
            assertTrue(Files.exists(file(YOUNG, format)), YOUNG + format);
        }
        try (Stream<Path> left = Files.list(reports.reportsDir("hq"))) {
            assertTrue(left.noneMatch(path -> path.getFileName().toString().compareTo(HORIZON.toString()) < 0));
        }

        index = reports.reportDays(HQ);
        assertNull(index.before(HORIZON), "the horizon's day links to no day before it");
        MonthIndex september = MonthIndex.of(HQ, YearMonth.of(2026, 9), index,
                store.totals("hq", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30)), day -> reports.isFinal(HQ, day));
        assertEquals(6, september.daysWithReport(), "September 25 to 30");
        assertEquals(2, september.total());
        assertNull(september.previous());
        assertFalse(reports.isFinal(HQ, OLD), "forgotten in memory too");

        assertEquals(List.of(), reports.deleteExpired(), "a second run finds nothing more to delete");
        assertEquals(1, store.violations("hq", HORIZON).size());
    }

    private Path file(LocalDate day, String suffix) {
        return dir.resolve("reports/hq/" + day + suffix);
    }

    /** The names of the visitor registrations kept, read past the store. */
    private static List<String> registrations(String url, String user) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT name FROM visitor_registration WHERE site = 'hq' ORDER BY registered_ms");
                ResultSet rs = statement.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant();
    }

    private static Envelope violation(LocalDate day) {
        Violation v = new Violation("v-" + day, "hq", Rule.PC_LEFT_ON, noon(day), "E001", "pc:PC-01", Map.of(),
                List.of("src-" + day));
        return envelope(TOPICS.violation("hq", v.rule()), Payloads.write(v, HQ.timezone()));
    }

    private static Decision passage(LocalDate day) {
        return new Decision("d-" + day, noon(day).minusSeconds(3600), "hq", "front", "E001", Direction.IN, "outside",
                "lobby", true, Decision.OK, false);
    }

    private static Envelope envelope(String topic, String payload) {
        return envelope(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Envelope envelope(String topic, byte[] payload) {
        return new Envelope(topic, TOPICS.parse(topic).orElseThrow(), HQ, payload, null, null, Instant.now());
    }

    /** The wall clock, moved by the test. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
