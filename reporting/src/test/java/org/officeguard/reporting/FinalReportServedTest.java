package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A final report is the one published when the day closed: {@code /reports} serves it as written, also when a
 * violation of that day comes after the close (it is stored, and counted as {@code afterDayClosed}, but the final
 * report does not take it in). It used to be made again from the database on the first request.
 */
class FinalReportServedTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void a_violation_that_comes_after_the_close_does_not_change_the_final_report_served(@TempDir Path dir)
            throws Exception {
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        int port = FreePort.next();
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(List.of(site), broker.url(), dir,
                                List.of(ReportingService.NAME)).withHttp("127.0.0.1", port, null).withClientIdPrefix("served"),
                        List.of(new ReportingService(Duration.ofMillis(300))));
                TestMqttClient device = TestMqttClient.connect(broker.url(), "served-device")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            device.publish("office/hq/violation/PC_LEFT_ON", violation(site, "v1", "2026-11-25T10:00:00Z", "PC-01"));
            device.publish("office/hq/clock", "{\"ts\":\"2026-11-26T01:00:00+09:00\"}"); // past the close point
            Path files = dir.resolve("reports").resolve("hq");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(files.resolve(DAY + ".en.html"))); // the last
            byte[] written = Files.readAllBytes(files.resolve(DAY + ".json"));
            byte[] writtenEnglish = Files.readAllBytes(files.resolve(DAY + ".en.html"));

            device.publish("office/hq/violation/PC_LEFT_ON", violation(site, "v2", "2026-11-25T10:00:01Z", "PC-02"));
            await().atMost(Duration.ofSeconds(20)).until(() -> Payloads.JSON.readTree(LocalHttp.get(port, "/health").body())
                    .at("/services/reporting/afterDayClosed").asLong() == 1);

            var served = LocalHttp.get(port, "/reports/hq/" + DAY + ".json");
            assertEquals(200, served.statusCode());
            assertArrayEquals(written, served.body().getBytes(StandardCharsets.UTF_8), "the final report as published");
            assertEquals(1, Payloads.JSON.readTree(served.body()).at("/totals/violations").asLong());
            assertArrayEquals(writtenEnglish, LocalHttp.get(port, "/reports/hq/" + DAY + ".html?lang=en").body()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] violation(SiteConfig site, String id, String ts, String pc) {
        return Payloads.write(new Violation(id, "hq", Rule.PC_LEFT_ON, Instant.parse(ts), "E001", "pc:" + pc, Map.of(),
                List.of("src-" + id)), site.timezone());
    }
}
