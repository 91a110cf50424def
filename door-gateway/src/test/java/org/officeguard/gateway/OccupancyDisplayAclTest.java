package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.DeployedMosquitto;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;
import org.officeguard.testsupport.TestMqttClient.Received;

/**
 * Under the shipped Mosquitto ACL ({@code deploy/mosquitto/acl}, as docker-compose mounts it), the gateway publishes
 * the retained occupancy as the {@code officeguard} user, and a wall display logged in as {@code display} reads it
 * and can forge neither it nor a badge.
 */
class OccupancyDisplayAclTest {

    @Test
    void a_display_reads_the_retained_occupancy_and_writes_nothing(@TempDir Path dir) throws Exception {
        try (DeployedMosquitto broker = DeployedMosquitto.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(
                                SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir))), broker.plainUrl(),
                                dir.resolve("data"), List.of(DoorGatewayService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null)
                        .withClientIdPrefix("display-acl")
                        .withMqttCredentials("officeguard", broker.password("officeguard")),
                        List.of(new DoorGatewayService()));
                TestMqttClient reader = connect(broker, "reader-front").subscribe("office/hq/door/front/decision")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            reader.publish("office/hq/door/front/badge",
                    "{\"eventId\":\"acl-1\",\"ts\":\"2026-11-25T09:00:00+09:00\",\"badge\":\"E001\",\"direction\":\"IN\"}");
            reader.awaitOne("office/hq/door/front/decision", r -> r.text().contains("acl-1"));

            JsonNode occupancy = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (TestMqttClient display = connect(broker, "display")) {
                    display.subscribe("office/hq/occupancy", "office/hq/pcs");
                    Received retained = display.awaitOne("office/hq/occupancy", Received::retained);
                    return Payloads.JSON.readTree(retained.payload());
                }
            }, o -> o.get("count").asInt() == 1);
            assertEquals("E001", occupancy.at("/occupants/0/badge").asText());

            try (TestMqttClient display = connect(broker, "display")) {
                for (String topic : List.of("office/hq/occupancy", "office/hq/door/front/badge")) {
                    IllegalStateException refused = assertThrows(IllegalStateException.class,
                            () -> display.publish(topic, "{\"forged\":true}"), topic);
                    assertTrue(refused.getMessage().contains("0x87"), refused.getMessage());
                }
            }
        }
    }

    private static TestMqttClient connect(DeployedMosquitto broker, String user) {
        return TestMqttClient.connect(broker.plainUrl(), "display-acl-" + user + "-" + System.nanoTime(), user,
                broker.password(user), null);
    }
}
