package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * A final report is served as written: when the day closed, and again when data of that day came after the close (a
 * site's backlog after its line was cut): the report is then rewritten from what is stored, published again (retained)
 * and served as rewritten; the same late violation delivered once more changes nothing.
 */
class FinalReportServedTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void a_violation_that_comes_after_the_close_has_the_final_report_rewritten_once(@TempDir Path dir)
            throws Exception {
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        int port = FreePort.next();
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(List.of(site), broker.url(), dir,
                                List.of(ReportingService.NAME)).withHttp("127.0.0.1", port, null).withClientIdPrefix("served"),
                        List.of(new ReportingService(Duration.ofMillis(300))));
                TestMqttClient device = TestMqttClient.connect(broker.url(), "served-device");
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "served-observer")
                        .subscribe("office/hq/report/+")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            device.publish("office/hq/violation/PC_LEFT_ON", violation(site, "v1", "2026-11-25T10:00:00Z", "PC-01"));
            device.publish("office/hq/clock", "{\"ts\":\"2026-11-26T01:00:00+09:00\"}"); // past the close point
            byte[] published = observer.awaitOne("office/hq/report/2026-11-25", r -> true).payload();
            Path files = dir.resolve("reports").resolve("hq");
            assertArrayEquals(published, Files.readAllBytes(files.resolve(DAY + ".json")));
            var served = LocalHttp.get(port, "/reports/hq/" + DAY + ".json");
            assertArrayEquals(published, served.body().getBytes(StandardCharsets.UTF_8), "the final report as published");
            String english = LocalHttp.get(port, "/reports/hq/" + DAY + ".html?lang=en").body(); // kept in memory

            byte[] late = violation(site, "v2", "2026-11-25T10:00:01Z", "PC-02");
            device.publish("office/hq/violation/PC_LEFT_ON", late);
            await().atMost(Duration.ofSeconds(20)).until(() -> observer.received("office/hq/report/+").size() == 2);
            byte[] rewritten = observer.received("office/hq/report/+").get(1).payload();
            JsonNode report = Payloads.JSON.readTree(rewritten);
            assertTrue(report.get("final").asBoolean());
            assertEquals(2, report.at("/totals/violations").asLong(), "with the violation that came late");
            assertArrayEquals(rewritten, Files.readAllBytes(files.resolve(DAY + ".json")));
            assertArrayEquals(rewritten, LocalHttp.get(port, "/reports/hq/" + DAY + ".json").body()
                    .getBytes(StandardCharsets.UTF_8), "served as rewritten, not as kept in memory before");
            String englishAfter = LocalHttp.get(port, "/reports/hq/" + DAY + ".html?lang=en").body();
            assertTrue(englishAfter.contains("PC-02") && !english.contains("PC-02"), "the page is rewritten too");

            // the same violation again (a bridge sending its queue again): stored once, nothing rewritten
            device.publish("office/hq/violation/PC_LEFT_ON", late);
            await().atMost(Duration.ofSeconds(20)).until(() -> LocalHttp.json(port, "/health")
                    .at("/services/reporting/duplicatesIgnored").asLong() == 1);
            device.publish("office/hq/clock", "{\"ts\":\"2026-11-27T01:00:00+09:00\"}"); // closes the next day
            observer.awaitOne("office/hq/report/2026-11-26", r -> true);
            assertEquals(2, observer.received("office/hq/report/2026-11-25").size(), "published on close and once rewritten");
            JsonNode health = LocalHttp.json(port, "/health").at("/services/reporting");
            assertEquals(1, health.get("afterDayClosed").asLong());
            assertEquals(1, health.get("daysCorrected").asLong());
            assertEquals(2, LocalHttp.json(port, "/reports/hq/" + DAY).at("/totals/violations").asLong());
        }
    }

    private static byte[] violation(SiteConfig site, String id, String ts, String pc) {
        return Payloads.write(new Violation(id, "hq", Rule.PC_LEFT_ON, Instant.parse(ts), "E001", "pc:" + pc, Map.of(),
                List.of("src-" + id)), site.timezone());
    }
}
