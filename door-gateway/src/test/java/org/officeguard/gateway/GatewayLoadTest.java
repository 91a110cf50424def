package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;

/**
 * 20,000 QoS 1 badge events through the embedded broker to the door-gateway: every one is decided and
 * every decision arrives. (The embedded broker's default HiveMQ queue of 1,000 messages per client
 * dropped two thirds of such a burst; see EmbeddedBroker.)
 */
class GatewayLoadTest {

    private static final int BADGES = 20_000;
    private static final String SITE = """
            site: load
            timezone: Asia/Tokyo
            businessHours: {start: "00:00", end: "23:59"}
            zones:
              - {id: hall}
            doors:
              - {id: main, from: outside, to: hall}
            people:
              - {badge: P001, name: Load One, department: QA, zones: [hall]}
            """;

    @Test
    void twenty_thousand_badges_get_twenty_thousand_decisions() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-load-");
        Path yaml = dir.resolve("load.yaml");
        Files.writeString(yaml, SITE);
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
                OfficeguardApp app = OfficeguardApp.start(
                        AppConfig.defaults(SiteConfigLoader.loadAll(List.of(yaml)), broker.url(), dir,
                                List.of(DoorGatewayService.NAME)).withHttp("127.0.0.1", FreePort.next(), null),
                        List.of(new DoorGatewayService()));
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "load-observer")
                        .subscribe("office/load/door/main/decision");
                TestMqttClient reader = TestMqttClient.connect(broker.url(), "load-reader")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
            for (int i = 0; i < BADGES; i++) {
                reader.publish("office/load/door/main/badge", "{\"eventId\":\"L-" + i + "\",\"ts\":\"" + t0.plusMillis(i * 100L)
                        + "\",\"badge\":\"P001\",\"direction\":\"" + (i % 2 == 0 ? "IN" : "OUT") + "\"}");
            }
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertEquals(BADGES, observer.received("office/load/door/main/decision").size()));
            Set<String> ids = new HashSet<>();
            int granted = 0;
            for (TestMqttClient.Received r : observer.received()) {
                var d = Payloads.JSON.readTree(r.payload());
                ids.add(d.get("eventId").asText());
                granted += d.get("granted").asBoolean() ? 1 : 0;
            }
            assertEquals(BADGES, ids.size(), "every badge decided exactly once");
            assertEquals(BADGES, granted, "alternating IN/OUT of one person: all granted");
        }
    }
}
