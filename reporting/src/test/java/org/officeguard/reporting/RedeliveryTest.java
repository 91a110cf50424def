package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.monitor.ExampleDayEngines;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.JsonSubset;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Nothing counted twice: reporting takes the example day's violations, decisions and lockup, is
 * restarted, takes every violation (and decision) again, and the day's final report is the one it had
 * before — 13 violations, the same ids, the same activity.
 */
class RedeliveryTest {

    @Test
    void every_violation_delivered_twice_across_a_restart_leaves_the_report_unchanged() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-redelivery-");
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        List<String[]> day = reportingInputs(site);
        int violations = (int) day.stream().filter(m -> m[0].contains("/violation/")).count();
        assertEquals(13, violations);
        int port = FreePort.next();

        try (MosquittoProcess broker = MosquittoProcess.start();
                TestMqttClient device = TestMqttClient.connect(broker.url(), "redelivery-device");
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "redelivery-observer")
                        .subscribe("office/hq/report/+")) {
            AppConfig config = AppConfig.defaults(List.of(site), broker.url(), dir, List.of(ReportingService.NAME))
                    .withHttp("127.0.0.1", port, null).withClientIdPrefix("redelivery");

            JsonNode before;
            try (OfficeguardApp first = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))))) {
                await().atMost(Duration.ofSeconds(20)).until(first::ready);
                day.forEach(m -> device.publish(m[0], m[1]));
                // The report reads what is committed; /health counts a violation as it is stored, up to one group
                // commit (100 ms) earlier. So wait for the report itself to hold every violation and every passage.
                long decisions = day.stream().filter(m -> m[0].endsWith("/decision")).count();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode r = LocalHttp.json(port, "/reports/hq/2026-11-25");
                    assertEquals(13, r.at("/totals/violations").asInt());
                    assertEquals(decisions, r.at("/activity/passagesGranted").asLong() + r.at("/activity/passagesDenied").asLong());
                });
                assertEquals(13, LocalHttp.json(port, "/health").at("/services/reporting/violationsStored").asInt());
                before = LocalHttp.json(port, "/reports/hq/2026-11-25");
                assertFalse(before.get("final").asBoolean(), "the day is not closed yet");
            }

            try (OfficeguardApp second = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))))) {
                await().atMost(Duration.ofSeconds(20)).until(second::ready);
                day.forEach(m -> device.publish(m[0], m[1]));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertEquals(13, LocalHttp.json(port, "/health").at("/services/reporting/duplicatesIgnored").asInt()));
                assertEquals(0, LocalHttp.json(port, "/health").at("/services/reporting/violationsStored").asInt(), "nothing new stored");

                device.publish("office/hq/clock", "{\"ts\":\"2026-11-26T00:30:00+09:00\"}");
                JsonNode fin = Payloads.JSON.readTree(observer.awaitOne("office/hq/report/2026-11-25", r -> true).payload());
                assertTrue(fin.get("final").asBoolean());
                ((ObjectNode) before).put("final", true);
                assertEquals(before, fin, "the final report is the report from before the redelivery");
                JsonSubset.assertMatches(ExampleDay.expectedReport(), fin);
            }
        }
    }

    /** What the other services would have published for the example day, in order. */
    private static List<String[]> reportingInputs(SiteConfig site) {
        Topics topics = new Topics("office");
        List<String[]> out = new ArrayList<>();
        for (ExampleDayEngines.Step step : ExampleDayEngines.run()) {
            switch (step.address().kind()) {
                case BADGE -> out.add(new String[] {topics.decision("hq", step.address().name()),
                        new String(Payloads.write(step.decision(), site.timezone()), StandardCharsets.UTF_8)});
                case VISITOR_REGISTER, LAST_EXIT -> out.add(new String[] {step.input().topic(), step.input().payload()});
                default -> { }
            }
            for (Violation v : step.violations()) {
                out.add(new String[] {topics.violation("hq", v.rule()),
                        new String(Payloads.write(v, site.timezone()), StandardCharsets.UTF_8)});
            }
        }
        return out;
    }
}
