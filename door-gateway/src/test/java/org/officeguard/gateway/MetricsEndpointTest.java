package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.testsupport.PrometheusText.assertPromtoolAccepts;
import static org.officeguard.testsupport.PrometheusText.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.TestMqttClient;

/**
 * {@code GET /metrics} on the service's HTTP port: Prometheus's text format that Prometheus's own linter, {@code
 * promtool check metrics}, accepts, and counters that move when a badge is decided and when an input is refused.
 * {@code /health} keeps its JSON.
 */
class MetricsEndpointTest {

    private static final String SITE = """
            site: metrics
            timezone: Asia/Tokyo
            businessHours: {start: "00:00", end: "23:59"}
            zones:
              - {id: hall}
            doors:
              - {id: main, from: outside, to: hall}
            people:
              - {badge: P001, name: Metrics One, department: QA, zones: [hall]}
            """;
    private static final String BADGES = "office/metrics/door/main/badge";
    private static final String DECISIONS = "office/metrics/door/main/decision";

    @Test
    void metrics_pass_promtool_and_move_when_a_badge_is_decided(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("metrics.yaml");
        Files.writeString(yaml, SITE);
        int port = FreePort.next();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
                OfficeguardApp app = OfficeguardApp.start(
                        AppConfig.defaults(SiteConfigLoader.loadAll(List.of(yaml)), broker.url(), dir,
                                List.of(DoorGatewayService.NAME)).withHttp("127.0.0.1", port, null),
                        List.of(new DoorGatewayService()));
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "metrics-observer").subscribe(DECISIONS);
                TestMqttClient reader = TestMqttClient.connect(broker.url(), "metrics-reader")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            String before = metrics(port);
            assertEquals(OptionalDouble.empty(), value(before, "officeguard_decisions_total", "reason=\"OK\""));
            assertEquals(OptionalDouble.of(0), value(before, "officeguard_outputs_published_total",
                    "service=\"door-gateway\""));

            reader.publish(BADGES, "{\"eventId\":\"M-1\",\"ts\":\"2026-11-25T09:00:00+09:00\",\"badge\":\"P001\","
                    + "\"direction\":\"IN\"}");
            reader.publish(BADGES, "not json");
            observer.awaitOne(DECISIONS, r -> r.text().contains("M-1"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    value(metrics(port), "officeguard_inputs_dead_lettered_total", "site=\"metrics\"").isPresent());

            String after = metrics(port);
            assertPromtoolAccepts(after);
            assertEquals(OptionalDouble.of(1), value(after, "officeguard_decisions_total",
                    "decided_by=\"officeguard\",reason=\"OK\""));
            assertEquals(OptionalDouble.of(2), value(after, "officeguard_inputs_taken_total", "site=\"metrics\""));
            assertEquals(OptionalDouble.of(1), value(after, "officeguard_inputs_dead_lettered_total", "site=\"metrics\""));
            assertEquals(OptionalDouble.of(1), value(after, "officeguard_decision_latency_seconds_count",
                    "site=\"metrics\""));
            assertEquals(OptionalDouble.of(1), value(after, "officeguard_outputs_published_total",
                    "service=\"door-gateway\""));
            assertTrue(value(after, "officeguard_decision_latency_seconds_bucket", "le=\"5.0\"").isPresent(),
                    "the decision latency is a histogram");

            JsonNode health = LocalHttp.json(port, "/health");
            assertEquals("UP", health.at("/status").asText());
            assertEquals("UP", health.at("/services/door-gateway/status").asText());
            assertEquals(2, health.at("/services/door-gateway/taken").asInt());
            assertEquals(1, health.at("/services/door-gateway/deadLettered").asInt());
            assertEquals(0, health.at("/services/door-gateway/sites/metrics/late").asInt());
        }
    }

    private static String metrics(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.get(port, "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return response.body();
    }
}
