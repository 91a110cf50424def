package org.officeguard.reporting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.closing.DayCloser;
import org.officeguard.reporting.closing.SiteDays;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.reporting.store.StorageUnavailableException;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.testsupport.ExampleDay;
import org.slf4j.LoggerFactory;

/**
 * Closing a day whose report files cannot be written: the day stays not final, is tried again with back-off while
 * the obstacle lasts, and becomes final, published and written once, when it is gone. Driven by hand: the wall
 * clock is the context's, and {@link Reports#closeDue} is called as the {@code reporting-close} timer calls it.
 */
class ReportsTest {

    private static final Topics TOPICS = new Topics("office");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final String[] FILES = {DAY + ".json", DAY + ".csv", DAY + ".html", DAY + ".en.html"};

    @TempDir
    Path dir;

    private final MutableClock wall = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.officeguard.reporting"); // Reports, the closing
    private final List<RuntimeException> escaped = new ArrayList<>();
    private ReportStore store;

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void close() {
        logger.detachAppender(log);
        if (store != null) {
            store.close();
        }
    }

    @Test
    void a_report_whose_files_cannot_be_written_is_tried_again_and_made_final_once_when_they_can() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.violation(violation(hq, "v1", "2026-11-25T10:00:00+09:00"));
        Path blocker = dir.resolve("reports");
        Files.writeString(blocker, "a file where the reports directory should be");
        reports.clock(clock(hq, "2026-11-26T00:30:00+09:00")); // past the close point

        assertEquals(List.of(), closeDue(reports, Duration.ZERO), "the day settles first");
        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(2)), "its files cannot be written");
        assertFalse(reports.isFinal(hq, DAY));

        // a violation that still comes for the day belongs in its report: the day is not final, and settles again
        reports.violation(violation(hq, "v2", "2026-11-25T11:00:00+09:00"));
        assertEquals(0L, reports.health().get("afterDayClosed"));
        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(2)), "still cannot be written");
        assertFalse(reports.isFinal(hq, DAY));
        assertTrue(store.closedDays("hq").isEmpty());
        List<String> whileBlocked = warnings();

        Files.delete(blocker);
        List<Outbound> published = closeDue(reports, Duration.ofMillis(500));
        assertEquals(1, published.size(), "published once the files can be written");
        Outbound report = published.get(0);
        assertEquals("office/hq/report/2026-11-25", report.topic());
        assertTrue(report.retained());
        JsonNode json = Payloads.JSON.readTree(report.payload());
        assertTrue(json.get("final").asBoolean());
        assertEquals(2, json.get("violations").size(), "with the violation that came while it was not final");
        assertTrue(reports.isFinal(hq, DAY));
        assertEquals(Set.of(DAY), store.closedDays("hq"));
        Path files = reports.reportsDir("hq");
        for (String f : FILES) {
            assertTrue(Files.isRegularFile(files.resolve(f)), f);
        }
        assertArrayEquals(report.payload(), Files.readAllBytes(files.resolve(DAY + ".json")));
        Map<String, FileTime> written = modified(files);

        // and never again: no second publication, the files stay as they were written
        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(1)));
        assertEquals(List.of(), closeDue(reports, Duration.ofMinutes(5)));
        reports.clock(clock(hq, "2026-11-27T00:30:00+09:00"));
        assertEquals(List.of("office/hq/report/2026-11-26"), // the next day, quiet, closes; this one not again
                closeDue(reports, Duration.ofMinutes(5)).stream().map(Outbound::topic).toList());
        written.keySet().forEach(f -> assertTrue(f.startsWith(DAY.toString()) || f.startsWith("2026-11-26"), f));
        Map<String, FileTime> now = modified(files);
        written.forEach((f, t) -> assertEquals(t, now.get(f), f));
        assertEquals(List.of(), escaped, "the closing timer never saw an exception");

        // what the log said: one WARN with the reason per attempt, no stack trace; then the report, once
        assertEquals(2, whileBlocked.size(), whileBlocked.toString());
        assertTrue(whileBlocked.get(0).startsWith("Report for hq 2026-11-25 is not final yet (attempt 1): cannot write "
                + "the report files under " + reports.reportsDir("hq")), whileBlocked.get(0));
        assertTrue(whileBlocked.get(0).endsWith("; trying again in 250 ms"), whileBlocked.get(0));
        assertTrue(whileBlocked.get(1).contains("(attempt 2)") && whileBlocked.get(1).endsWith("trying again in 500 ms"),
                whileBlocked.get(1));
        assertEquals(whileBlocked, warnings(), "no warning once final");
        assertTrue(log.list.stream().allMatch(e -> e.getThrowableProxy() == null), "a reason, not a stack trace");
        assertEquals(1, log.list.stream().filter(e -> e.getLevel() == Level.INFO
                && e.getFormattedMessage().equals("Report for hq 2026-11-25 is final: 2 violations")).count());
    }

    @Test
    void the_back_off_doubles_up_to_thirty_seconds() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.violation(violation(hq, "v1", "2026-11-25T10:00:00+09:00"));
        Files.writeString(dir.resolve("reports"), "not a directory");
        reports.clock(clock(hq, "2026-11-26T00:30:00+09:00"));
        closeDue(reports, Duration.ofSeconds(2));
        long delay = DayCloser.RETRY.first().toMillis();
        for (int i = 1; i <= 10; i++) {
            closeDue(reports, Duration.ofMillis(delay - 1));
            assertEquals(i, warnings().size(), "not tried again before the back-off is over");
            closeDue(reports, Duration.ofMillis(1));
            assertEquals(i + 1, warnings().size(), "tried again once it is over");
            delay = Math.min(delay * 2, DayCloser.RETRY.max().toMillis());
        }
        List<String> delays = warnings().stream().map(w -> w.substring(w.indexOf("trying again in "))).toList();
        assertEquals(List.of("trying again in 250 ms", "trying again in 500 ms", "trying again in 1000 ms",
                "trying again in 2000 ms", "trying again in 4000 ms", "trying again in 8000 ms",
                "trying again in 16000 ms", "trying again in 30000 ms", "trying again in 30000 ms",
                "trying again in 30000 ms", "trying again in 30000 ms"), delays);
        assertFalse(reports.isFinal(hq, DAY));
        assertEquals(List.of(), escaped);
    }

    @Test
    void a_report_that_cannot_be_written_does_not_take_another_sites_report_with_it() throws Exception {
        SiteConfig branch = site("branch");
        SiteConfig hq = site("hq");
        Reports reports = reports(branch, hq); // branch is closed first, then hq fails
        reports.violation(violation(branch, "b1", "2026-11-25T10:00:00+09:00"));
        reports.violation(violation(hq, "h1", "2026-11-25T10:00:00+09:00"));
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports").resolve("hq"), "a file where hq's reports directory should be");
        reports.clock(clock(branch, "2026-11-26T00:30:00+09:00"));
        reports.clock(clock(hq, "2026-11-26T00:30:00+09:00"));

        List<Outbound> first = closeDue(reports, Duration.ofSeconds(2));
        assertEquals(List.of("office/branch/report/2026-11-25"), first.stream().map(Outbound::topic).toList());
        assertTrue(reports.isFinal(branch, DAY));
        assertFalse(reports.isFinal(hq, DAY));

        Files.delete(dir.resolve("reports").resolve("hq"));
        List<Outbound> second = closeDue(reports, DayCloser.RETRY.first());
        assertEquals(List.of("office/hq/report/2026-11-25"), second.stream().map(Outbound::topic).toList());
        assertTrue(reports.isFinal(hq, DAY));
        assertEquals(List.of(), closeDue(reports, Duration.ofMinutes(1)));
        assertEquals(List.of(), escaped);
    }

    /**
     * A write that fails loses the open transaction, and with it what earlier inputs of the group wrote: their commit
     * must fail, so that they are not acknowledged but delivered again. The closing of a day commits too, and must not
     * take that failure for itself: the inputs' commit would then go through and they would be acknowledged, lost.
     */
    @Test
    void a_transaction_lost_before_a_day_closes_is_still_reported_to_the_inputs_that_wrote_in_it() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.violation(violation(hq, "v1", "2026-11-25T10:00:00+09:00"));
        reports.clock(clock(hq, "2026-11-26T00:30:00+09:00"));
        reports.commit(); // acknowledged
        closeDue(reports, Duration.ZERO); // the day settles

        reports.violation(violation(hq, "v2", "2026-11-26T09:00:00+09:00")); // written, not committed yet
        Envelope tooLong = envelope(hq, TOPICS.violation("hq", Rule.PC_LEFT_ON), Payloads.write(new Violation("v3", "hq",
                Rule.PC_LEFT_ON, Instant.parse("2026-11-26T00:01:00Z"), "E001", "pc:" + "x".repeat(600), Map.of(),
                List.of("src-v3")), hq.timezone()));
        assertThrows(StorageUnavailableException.class, () -> reports.violation(tooLong), "its write fails: v2's is lost");

        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(2)), "the day waits for the loss to be reported");
        assertEquals(List.of(), escaped);
        assertThrows(StorageUnavailableException.class, reports::commit, "v2's group is not acknowledged");
        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(5)), "nor does the day close before it comes again");
        assertTrue(store.violations("hq", LocalDate.of(2026, 11, 26)).isEmpty(), "v2 was indeed lost");
        // a later group, handled from the old connection before the session restarted, commits first
        reports.clock(clock(hq, "2026-11-26T00:31:00+09:00"));
        reports.commit();
        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(5)), "still not: v2 is on its way back");

        reports.violation(violation(hq, "v2", "2026-11-26T09:00:00+09:00")); // delivered again
        reports.commit();
        assertEquals(List.of("v2"), store.violations("hq", LocalDate.of(2026, 11, 26)).stream().map(Violation::id).toList());
        assertEquals(List.of("office/hq/report/2026-11-25"),
                closeDue(reports, DayCloser.REDELIVERY_GRACE).stream().map(Outbound::topic).toList());
    }

    /**
     * Restarted on the wall clock, reporting finds its watermark past a day's close point at once, while that day's
     * violations may still wait at the broker: it closes no day until the grace after its inbox opened is over.
     */
    @Test
    void no_day_closes_during_the_grace_after_start_even_when_it_is_due() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.holdClosing(ReportingRoutes.STARTUP_GRACE);
        reports.violation(violation(hq, "v1", "2026-11-25T10:00:00+09:00"));
        reports.clock(clock(hq, "2026-11-26T00:30:00+09:00")); // the close point passed while reporting was down

        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(2)), "settled, but within the grace");
        reports.violation(violation(hq, "v2", "2026-11-25T11:00:00+09:00")); // read from the broker's backlog
        assertEquals(List.of(), closeDue(reports, ReportingRoutes.STARTUP_GRACE.minusSeconds(3)));
        assertFalse(reports.isFinal(hq, DAY));

        List<Outbound> published = closeDue(reports, Duration.ofSeconds(1));
        assertEquals(1, published.size(), "closed once the grace is over");
        assertEquals(2, Payloads.JSON.readTree(published.get(0).payload()).get("violations").size());
        assertEquals(0L, reports.health().get("afterDayClosed"));
    }

    /** SPEC §4: a day closes when the watermark passes its close point, one without any input too. */
    @Test
    void a_day_without_any_input_closes_too_and_its_final_report_says_nothing_happened() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.violation(violation(hq, "v1", "2026-11-25T19:00:00+09:00"));
        reports.violation(violation(hq, "v2", "2026-11-27T19:00:00+09:00"));
        reports.clock(clock(hq, "2026-11-29T12:00:00+09:00"));

        List<Outbound> published = closeDue(reports, Duration.ofSeconds(2));
        assertEquals(List.of("office/hq/report/2026-11-25", "office/hq/report/2026-11-26", "office/hq/report/2026-11-27",
                "office/hq/report/2026-11-28"), published.stream().map(Outbound::topic).toList());
        JsonNode quiet = Payloads.JSON.readTree(published.get(1).payload());
        assertTrue(quiet.get("final").asBoolean());
        assertEquals(0, quiet.at("/totals/violations").asInt());
        assertTrue(Files.isRegularFile(reports.reportsDir("hq").resolve("2026-11-26.html")));
        assertEquals(List.of(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27),
                LocalDate.of(2026, 11, 28)), store.days("hq"), "listed, final");

        // after a restart the days already closed stay so, and the next quiet one closes in its turn
        store.close();
        Reports again = reports(hq);
        again.clock(clock(hq, "2026-11-30T00:30:00+09:00"));
        assertEquals(List.of("office/hq/report/2026-11-29"),
                closeDue(again, Duration.ofSeconds(2)).stream().map(Outbound::topic).toList());
    }

    /** A clock tick decades ahead (event mode) closes at most a month of days without input, not thousands. */
    @Test
    void at_most_a_month_of_quiet_days_closes_in_a_row() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.violation(violation(hq, "v1", "2026-11-25T19:00:00+09:00"));
        reports.clock(clock(hq, "2062-01-01T00:00:00+09:00"));

        List<Outbound> published = closeDue(reports, Duration.ofSeconds(2));
        assertEquals(1 + SiteDays.QUIET_DAYS, published.size());
        assertEquals("office/hq/report/" + DAY.plusDays(SiteDays.QUIET_DAYS), published.get(published.size() - 1).topic());
        assertTrue(warnings().stream().anyMatch(w -> w.contains("without any input")), warnings().toString());
    }

    /**
     * On the wall clock reporting ticks every site with its own system clock: a site whose line is cut has its day
     * closed (and mailed) on time without what the line holds back. Hence the centre's reporting runs on the event
     * clock (docs/decisions.md, "Many sites"); and the backlog, when it comes, has the final report rewritten.
     */
    @Test
    void on_the_wall_clock_a_cut_sites_day_closes_without_its_backlog_and_is_rewritten_when_it_comes()
            throws Exception {
        SiteConfig newYork = SiteConfigLoader.parse(ExampleDay.siteYaml().replace("site: hq", "site: newyork")
                .replace("timezone: Asia/Tokyo", "timezone: America/New_York"), "newyork.yaml");
        store = ReportStore.open(null, null, null, dir);
        Reports reports = new Reports(new ServiceContext(List.of(newYork), TOPICS, ClockMode.WALL, wall,
                "reports-test", dir, null), store, Duration.ofSeconds(2));
        reports.violation(violation(newYork, "n1", "2026-11-25T10:00:00-05:00"));
        // the line is cut; the wall clock passes the day's close point (2026-11-26 00:15:05 New York)
        wall.advance(Duration.between(wall.instant(), Instant.parse("2026-11-26T05:16:00Z")));
        reports.wallClock();
        assertEquals("2026-11-25T10:00:00-05:00", site(reports, "newyork").get("newestEvent"),
                "the newest event is the site's, not the wall clock's tick");
        List<Outbound> closed = closeDue(reports, Duration.ofSeconds(2));
        assertEquals(List.of("office/newyork/report/2026-11-25"), closed.stream().map(Outbound::topic).toList());
        assertEquals(1, Payloads.JSON.readTree(closed.get(0).payload()).at("/totals/violations").asInt());

        // the line is back: its backlog has a violation of that day
        reports.violation(violation(newYork, "n2", "2026-11-25T20:00:00-05:00"));
        reports.violation(violation(newYork, "n2", "2026-11-25T20:00:00-05:00")); // sent twice: counted once
        assertEquals(List.of(), closeDue(reports, Duration.ofSeconds(1)), "waits for the rest of the backlog");
        List<Outbound> rewritten = closeDue(reports, Duration.ofSeconds(1));
        assertEquals(List.of("office/newyork/report/2026-11-25"), rewritten.stream().map(Outbound::topic).toList());
        JsonNode report = Payloads.JSON.readTree(rewritten.get(0).payload());
        assertTrue(report.get("final").asBoolean());
        assertEquals(2, report.at("/totals/violations").asInt());
        assertArrayEquals(rewritten.get(0).payload(),
                Files.readAllBytes(reports.reportsDir("newyork").resolve(DAY + ".json")));
        assertEquals(1L, reports.health().get("daysCorrected"));
        assertEquals(1L, reports.health().get("afterDayClosed"));
        assertEquals(List.of(), closeDue(reports, Duration.ofMinutes(1)), "rewritten once");
        assertEquals(List.of(), escaped);
    }

    /** A restart between the commit of a final day's late violation and the rewrite of its report still rewrites it. */
    @Test
    void a_restart_before_a_late_violation_is_written_into_the_final_report_still_writes_it_in() throws Exception {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        reports.violation(violation(hq, "v1", "2026-11-25T10:00:00+09:00"));
        reports.clock(clock(hq, "2026-11-26T00:30:00+09:00"));
        assertEquals(1, closeDue(reports, Duration.ofSeconds(2)).size());
        reports.violation(violation(hq, "v2", "2026-11-25T11:00:00+09:00"));
        reports.commit(); // acknowledged: it does not come again
        store.close(); // and the process ends before the settle is over

        Reports again = reports(hq);
        assertEquals(List.of(), closeDue(again, Duration.ofSeconds(1)), "a settle first");
        List<Outbound> rewritten = closeDue(again, Duration.ofSeconds(1));
        assertEquals(1, rewritten.size());
        assertEquals(2, Payloads.JSON.readTree(rewritten.get(0).payload()).at("/totals/violations").asInt());
        store.close();

        Reports third = reports(hq); // the violation is in the report now: nothing rewritten, nothing published
        assertEquals(List.of(), closeDue(third, Duration.ofSeconds(2)));
        assertEquals(0L, third.health().get("daysCorrected"));
        assertEquals(List.of(), escaped);
    }

    /** On the event clock the watermark is the newest event: after a restart /health has it before any input. */
    @Test
    void the_newest_event_of_a_site_is_known_again_after_a_restart() {
        SiteConfig hq = site("hq");
        Reports reports = reports(hq);
        assertEquals(null, site(reports, "hq").get("newestEvent"));
        reports.clock(clock(hq, "2026-11-25T18:00:00+09:00"));
        reports.commit();
        store.close();
        assertEquals("2026-11-25T18:00:00+09:00", site(reports(hq), "hq").get("newestEvent"));
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> site(Reports reports, String id) {
        return ((Map<String, Map<String, Object>>) reports.health().get("sites")).get(id);
    }


    private Reports reports(SiteConfig... sites) {
        store = ReportStore.open(null, null, null, dir);
        ServiceContext context = new ServiceContext(List.of(sites), TOPICS, ClockMode.EVENT, wall, "reports-test", dir,
                null);
        return new Reports(context, store, Duration.ofSeconds(2));
    }

    /** Lets {@code later} of wall time pass and runs the closing as the timer does: an exception is logged, not thrown. */
    private List<Outbound> closeDue(Reports reports, Duration later) {
        wall.advance(later);
        try {
            return reports.closeDue();
        } catch (RuntimeException e) {
            escaped.add(e);
            return List.of();
        }
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Map<String, FileTime> modified(Path files) throws Exception {
        Map<String, FileTime> m = new LinkedHashMap<>();
        try (var list = Files.list(files)) {
            for (Path f : list.sorted().toList()) {
                m.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
            }
        }
        return m;
    }

    private static SiteConfig site(String id) {
        return SiteConfigLoader.parse(ExampleDay.siteYaml().replace("site: hq", "site: " + id), id + ".yaml");
    }

    private static Envelope violation(SiteConfig site, String id, String ts) {
        Violation v = new Violation(id, site.site(), Rule.PC_LEFT_ON, OffsetDateTime.parse(ts).toInstant(), "E001",
                "pc:PC-01", Map.of(), List.of("src-" + id));
        return envelope(site, TOPICS.violation(site.site(), v.rule()), Payloads.write(v, site.timezone()));
    }

    private static Envelope clock(SiteConfig site, String ts) {
        return envelope(site, TOPICS.clock(site.site()), ("{\"ts\":\"" + ts + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static Envelope envelope(SiteConfig site, String topic, byte[] payload) {
        return new Envelope(topic, TOPICS.parse(topic).orElseThrow(), site, payload, null, null, Instant.now());
    }

    /** The wall clock, moved by the test. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
