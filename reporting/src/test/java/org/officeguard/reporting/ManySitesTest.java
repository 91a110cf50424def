package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.testsupport.PrometheusText.assertPromtoolAccepts;
import static org.officeguard.testsupport.PrometheusText.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * One reporting process for sites in three time zones, as at the centre (event clock: each site's time is what its
 * own inputs say), through Mosquitto with Paho clients as the sites' bridges. Each site's days close on its own
 * local midnight; a site whose line is cut keeps its day open while the others go on, and its backlog closes it with
 * everything in it; {@code /health} and {@code /metrics} say which site is behind and by how much.
 */
class ManySitesTest {

    private static MosquittoProcess broker;

    private final SiteInputs tokyo = new SiteInputs("tokyo", "Asia/Tokyo");
    private final SiteInputs london = new SiteInputs("london", "Europe/London");
    private final SiteInputs newYork = new SiteInputs("newyork", "America/New_York");

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoProcess.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void each_site_closes_its_days_on_its_own_time_and_a_cut_site_waits_for_its_backlog() throws Exception {
        int port = FreePort.next();
        AppConfig config = AppConfig.defaults(List.of(tokyo.config(), london.config(), newYork.config()), broker.url(),
                dir, List.of(ReportingService.NAME)).withHttp("127.0.0.1", port, null).withClientIdPrefix("many");
        try (OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))));
                TestMqttClient sites = TestMqttClient.connect(broker.url(), "many-sites");
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "many-observer")
                        .subscribe("office/+/report/+")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            publish(sites, tokyo.violation("t1", "2026-11-25T10:00:00+09:00"),
                    tokyo.decision("td1", "2026-11-25T09:00:00+09:00"),
                    london.violation("l1", "2026-11-25T10:00:00Z"),
                    newYork.violation("n1", "2026-11-25T10:00:00-05:00"),
                    newYork.decision("nd1", "2026-11-25T09:00:00-05:00"));

            // London past its local midnight but not past its close point (00:15:05), at an instant long past Tokyo's
            publish(sites, london.clock("2026-11-26T00:10:00Z"), tokyo.clock("2026-11-26T00:30:00+09:00"));
            JsonNode tokyoDay = report(observer, tokyo, "2026-11-25");
            assertEquals(1, tokyoDay.at("/totals/violations").asInt());
            assertEquals("Asia/Tokyo", tokyoDay.get("timezone").asText());
            // London's clock came first and would have settled with Tokyo's: its day is still open
            assertFalse(LocalHttp.json(port, "/reports/london/2026-11-25").get("final").asBoolean());

            publish(sites, london.clock("2026-11-26T00:16:00Z"));
            assertEquals(1, report(observer, london, "2026-11-25").at("/totals/violations").asInt());

            // New York's line is cut: Tokyo goes on for days, New York's day stays open and falls behind
            publish(sites, tokyo.violation("t2", "2026-11-27T10:00:00+09:00"),
                    tokyo.clock("2026-11-28T12:00:00+09:00"));
            assertEquals(1, report(observer, tokyo, "2026-11-27").at("/totals/violations").asInt());
            assertFalse(LocalHttp.json(port, "/reports/newyork/2026-11-25").get("final").asBoolean(),
                    "a cut site's day does not close on other sites' time");
            JsonNode health = LocalHttp.json(port, "/health");
            assertEquals(200, LocalHttp.get(port, "/health").statusCode(), "a site behind is not unhealth");
            JsonNode nySite = health.at("/services/reporting/sites/newyork");
            assertEquals("2026-11-25T10:00:00-05:00", nySite.get("newestEvent").asText());
            long behind = Duration.between(OffsetDateTime.parse("2026-11-25T10:00:00-05:00"),
                    OffsetDateTime.parse("2026-11-28T12:00:00+09:00")).toSeconds();
            assertEquals(behind, nySite.get("behindSeconds").asLong());
            assertEquals(0, health.at("/services/reporting/sites/tokyo/behindSeconds").asLong());
            assertEquals("2026-11-28T12:00:00+09:00", health.at("/services/reporting/sites/tokyo/newestEvent").asText());
            assertEquals(List.of("2026-11-25"), texts(nySite.get("openDays")));

            String metrics = metrics(port);
            assertPromtoolAccepts(metrics);
            assertEquals(OptionalDouble.of(behind), value(metrics, "officeguard_site_behind_seconds",
                    "site=\"newyork\""));
            assertEquals(OptionalDouble.of(OffsetDateTime.parse("2026-11-25T10:00:00-05:00").toEpochSecond()),
                    value(metrics, "officeguard_site_newest_event_seconds", "site=\"newyork\""));

            // The line is back: New York's backlog comes in order, and its day closes with all of it
            publish(sites, newYork.violation("n2", "2026-11-25T20:00:00-05:00"),
                    newYork.decision("nd2", "2026-11-25T19:00:00-05:00"),
                    newYork.clock("2026-11-26T01:00:00-05:00"));
            JsonNode nyDay = report(observer, newYork, "2026-11-25");
            assertEquals(2, nyDay.at("/totals/violations").asInt());
            assertEquals(2, nyDay.at("/activity/passagesGranted").asInt());
            assertEquals("America/New_York", nyDay.get("timezone").asText());
            assertEquals(0, LocalHttp.json(port, "/health").at("/services/reporting/afterDayClosed").asInt());

            // every report was published once
            List<String> topics = observer.received().stream().filter(r -> !r.retained())
                    .map(TestMqttClient.Received::topic).toList();
            assertEquals(topics.stream().distinct().toList(), topics, "no report published twice");
        }
    }

    /**
     * Twelve hours of Tokyo's inputs at once (its line was cut), its bridge sending the last thousand again as after a
     * reconnect, while London's day flows in between on a bridge of its own: reporting holds a bounded number of
     * inputs (the rest waits at the broker), stores each input once, closes London's day while
     * Tokyo's backlog is still coming, and Tokyo's once its backlog has passed midnight, with every input counted once.
     */
    @Test
    void a_burst_of_one_sites_backlog_is_taken_in_bounded_memory_and_counted_once_while_another_site_flows()
            throws Exception {
        int port = FreePort.next();
        AppConfig config = AppConfig.defaults(List.of(london.config(), tokyo.config()), broker.url(), dir,
                List.of(ReportingService.NAME)).withHttp("127.0.0.1", port, null).withClientIdPrefix("burst");
        List<SiteInputs.Message> backlog = new ArrayList<>();
        int decisions = 0;
        int violations = 0;
        OffsetDateTime start = OffsetDateTime.parse("2026-11-25T08:00:00+09:00");
        for (int second = 0; second < 12 * 3600; second += 5) {
            String ts = start.plusSeconds(second).toString();
            backlog.add(tokyo.decision("td-" + second, ts));
            decisions++;
            if (second % 60 == 0) {
                backlog.add(tokyo.violation("tv-" + second, ts));
                violations++;
            }
            if (second % 30 == 0) {
                backlog.add(tokyo.clock(ts));
            }
        }
        List<SiteInputs.Message> resent = backlog.subList(backlog.size() - 1_000, backlog.size());
        long resentViolations = resent.stream().filter(m -> m.topic().contains("/violation/")).count();
        List<SiteInputs.Message> tokyoLine = new ArrayList<>(backlog);
        tokyoLine.addAll(resent);
        tokyoLine.add(tokyo.clock("2026-11-26T00:30:00+09:00"));

        List<SiteInputs.Message> londonLine = new ArrayList<>();
        for (int minute = 0; minute < 300; minute++) {
            String ts = OffsetDateTime.parse("2026-11-25T08:00:00Z").plusMinutes(minute).toString();
            londonLine.add(london.decision("ld-" + minute, ts));
            if (minute % 10 == 0) {
                londonLine.add(london.violation("lv-" + minute, ts));
            }
        }
        londonLine.add(london.clock("2026-11-26T00:30:00Z")); // London's day closes halfway through Tokyo's backlog

        AtomicLong mostHeld = new AtomicLong();
        try (OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))));
                TestMqttClient tokyoBridge = TestMqttClient.connect(broker.url(), "burst-tokyo-bridge");
                TestMqttClient londonBridge = TestMqttClient.connect(broker.url(), "burst-london-bridge");
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "burst-observer")
                        .subscribe("office/+/report/+")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            // taken and not yet committed and acknowledged: what reporting holds of the inputs
            Gauge held = app.metrics().get("officeguard.inputs.backlog").tag("service", ReportingService.NAME).gauge();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleWithFixedDelay(() -> mostHeld.accumulateAndGet((long) held.value(), Math::max),
                    0, 5, TimeUnit.MILLISECONDS);
            try {
                int londonSent = 0;
                for (int i = 0; i < tokyoLine.size(); i++) {
                    tokyoBridge.publish(tokyoLine.get(i).topic(), tokyoLine.get(i).payload());
                    if (i % 20 == 0 && londonSent < londonLine.size()) {
                        londonBridge.publish(londonLine.get(londonSent).topic(), londonLine.get(londonSent).payload());
                        londonSent++;
                    }
                }
                assertEquals(londonLine.size(), londonSent, "London's day went in between Tokyo's backlog");

                JsonNode tokyoDay = report(observer, tokyo, "2026-11-25");
                assertEquals(violations, tokyoDay.at("/totals/violations").asInt());
                assertEquals(decisions, tokyoDay.at("/activity/passagesGranted").asInt());
                JsonNode londonDay = report(observer, london, "2026-11-25");
                assertEquals(30, londonDay.at("/totals/violations").asInt());
                assertEquals(300, londonDay.at("/activity/passagesGranted").asInt());
                assertEquals(List.of(london.report("2026-11-25"), tokyo.report("2026-11-25")), observer.received()
                        .stream().filter(r -> !r.retained()).map(TestMqttClient.Received::topic).toList(),
                        "London's day closed before Tokyo's backlog was through: not held back by it");
            } finally {
                sampler.shutdownNow();
            }
            JsonNode health = LocalHttp.json(port, "/health").at("/services/reporting");
            assertEquals(violations + 30, health.get("violationsStored").asLong());
            assertEquals(resentViolations, health.get("duplicatesIgnored").asLong());
            assertEquals(0, health.get("afterDayClosed").asLong());
            assertEquals(0, health.get("daysCorrected").asLong());
            assertEquals(tokyoLine.size() + londonLine.size(), health.get("taken").asLong());
            assertTrue(mostHeld.get() > 0, "the sampler saw inputs held");
            // the broker's in-flight window (100) binds from Mosquitto 2.0.13 on; before it (Debian 12's 2.0.11) a
            // backlog comes all at once and the inbox's own bound (10,000 unacknowledged, then delivery waits) binds
            assertTrue(mostHeld.get() <= 10_000, "reporting held at most its inbox's bound, not " + mostHeld.get());
            assertTrue(tokyoLine.size() > 10_000, "a backlog larger than that bound");
        }
    }

    private static void publish(TestMqttClient client, SiteInputs.Message... messages) {
        for (SiteInputs.Message message : messages) {
            client.publish(message.topic(), message.payload());
        }
    }

    private static JsonNode report(TestMqttClient observer, SiteInputs site, String date) throws IOException {
        // not the retained report another test of this class left on the broker
        JsonNode report = Payloads.JSON.readTree(observer.awaitOne(site.report(date), r -> !r.retained()).payload());
        assertTrue(report.get("final").asBoolean());
        return report;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static String metrics(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.get(port, "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
