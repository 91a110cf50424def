package org.officeguard.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.DeployedMosquitto;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The shipped Mosquitto ACL ({@code deploy/mosquitto/acl}, run by {@link DeployedMosquitto} as docker-compose mounts
 * it) for the devices that speak their own language: each device user writes its own topic and no other device's,
 * no other user writes a device's topic, and the bridge, as the {@code officeguard} user, reads them. Every probe is
 * bad input, so the bridge dead-letters each one it receives: its dead letters list exactly which (user, topic) pairs
 * got through. The devices are those of the tests' site file, which README's "Connecting a real device" shows.
 */
class DeviceAclTest {

    private static final List<String> DEVICE_TOPICS = List.of("esprfid/front-in/send", "esprfid/front-out/send",
            "uhppoted/gateway/events", "homeassistant/sensor/PC-01/sessionstate/state",
            "homeassistant/sensor/PC-01/availability");
    /**
     * What each device user may write of {@link #DEVICE_TOPICS} (the simulator plays every device with
     * {@code --devices}); every other user of the ACL, nothing.
     */
    private static final Map<String, Set<String>> MAY_WRITE = Map.of(
            "simulator", Set.copyOf(DEVICE_TOPICS),
            "esprfid-front-in", Set.of("esprfid/front-in/send"),
            "esprfid-front-out", Set.of("esprfid/front-out/send"),
            "uhppoted", Set.of("uhppoted/gateway/events"),
            "hass-PC-01", Set.of("homeassistant/sensor/PC-01/sessionstate/state",
                    "homeassistant/sensor/PC-01/availability"));

    @Test
    void each_device_writes_only_its_own_topic_and_the_bridge_reads_them(@TempDir Path dir) throws Exception {
        List<TestMqttClient> clients = new ArrayList<>();
        try (DeployedMosquitto broker = DeployedMosquitto.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(List.of(Fixtures.site()),
                                broker.plainUrl(), dir.resolve("data"), List.of(DeviceBridgeService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null)
                        .withClientIdPrefix("acl")
                        .withMqttCredentials("officeguard", broker.password("officeguard")),
                        List.of(new DeviceBridgeService()))) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            TestMqttClient observer = connect(broker, "officeguard", clients).subscribe("office/hq/deadletter");
            assertTrue(broker.users().containsAll(MAY_WRITE.keySet()), "the shipped ACL names every device user");

            Set<String> expectedThrough = new TreeSet<>();
            Set<String> refused = new TreeSet<>();
            Set<String> expectedRefused = new TreeSet<>();
            Map<String, TestMqttClient> users = new LinkedHashMap<>();
            for (String user : broker.users()) {
                if (!user.equals("officeguard")) {
                    users.put(user, connect(broker, user, clients));
                }
            }
            users.forEach((user, client) -> {
                for (String topic : DEVICE_TOPICS) {
                    String probe = user + " -> " + topic;
                    try {
                        client.publish(topic, "{\"probe\":\"" + probe + "\"}");
                    } catch (IllegalStateException e) {
                        assertTrue(e.getMessage().contains("0x87"), e.getMessage());
                        refused.add(probe);
                    }
                    boolean mayWrite = MAY_WRITE.getOrDefault(user, Set.of()).contains(topic);
                    (mayWrite ? expectedThrough : expectedRefused).add(probe);
                }
            });
            // a last probe: once its dead letter is in, every earlier one the bridge received is too
            users.get("hass-PC-01").publish("homeassistant/sensor/PC-01/availability", "{\"probe\":\"last\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> probes(observer).contains("last"));

            Set<String> through = new TreeSet<>(probes(observer));
            through.remove("last");
            assertEquals(expectedThrough, through, "what the bridge received, as its dead letters");
            assertEquals(expectedRefused, refused, "what the MQTT 5 publishers were told (PUBACK 0x87)");
        } finally {
            clients.forEach(TestMqttClient::close);
        }
    }

    private static TestMqttClient connect(DeployedMosquitto broker, String user, List<TestMqttClient> clients) {
        TestMqttClient client = TestMqttClient.connect(broker.plainUrl(), "acl-" + user, user, broker.password(user),
                null);
        clients.add(client);
        return client;
    }

    /** The probes the bridge dead-lettered so far. */
    private static List<String> probes(TestMqttClient observer) {
        return observer.received().stream()
                .map(message -> Payloads.object(message.payload()).path("payload").asText())
                .filter(payload -> payload.startsWith("{\"probe\""))
                .map(payload -> Payloads.object(payload.getBytes(StandardCharsets.UTF_8))
                        .get("probe").asText())
                .toList();
    }
}
