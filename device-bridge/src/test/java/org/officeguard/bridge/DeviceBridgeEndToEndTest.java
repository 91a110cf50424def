package org.officeguard.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.testsupport.PrometheusText.assertPromtoolAccepts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The device-bridge end to end: a real Mosquitto, the bridge alone (event mode) on its one session, and Paho clients
 * playing the devices (the fixtures written from each project's documentation) and watching the site's topics. What
 * the devices publish comes out as the site's §2 inputs in the order it went in; a malformed message goes to the
 * site's dead-letter topic with its reason and the next one is still translated; ignored messages are counted on
 * {@code /health} and {@code /metrics}; a message on a device topic that no site file lists is dead-lettered; after a
 * restart the journal gives back the site's event time and the PC's last input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceBridgeEndToEndTest {

    private static final String[] SITE_INPUTS =
        {"office/hq/door/+/badge", "office/hq/pc/+/state", "office/hq/deadletter"};
    private static final String SESSION_STATE = "homeassistant/sensor/PC-01/sessionstate/state";
    private static final String LAST_ACTIVE = "homeassistant/sensor/PC-01/lastactive/state";
    private static final String AVAILABILITY = "homeassistant/sensor/PC-01/availability";

    private MosquittoProcess broker;

    @BeforeAll
    void startBroker() {
        broker = MosquittoProcess.start();
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void device_messages_of_each_kind_become_the_sites_inputs_in_order(@TempDir Path dir) throws Exception {
        int http = FreePort.next();
        try (OfficeguardApp app = start("bridge-order", dir, http);
                TestMqttClient site = TestMqttClient.connect(broker.url(), "bridge-order-site").subscribe(SITE_INPUTS);
                TestMqttClient devices = TestMqttClient.connect(broker.url(), "bridge-order-devices")) {
            devices.publish("office/hq/clock", "{\"ts\":\"2026-11-25T08:59:00+09:00\"}");
            devices.publish("esprfid/front-in/send", Fixtures.bytes("esp-rfid/access-granted.json"));
            devices.publish("esprfid/front-in/send", Fixtures.bytes("esp-rfid/heartbeat.json"));         // ignored
            devices.publish("esprfid/front-in/send", Fixtures.bytes("esp-rfid/malformed-no-uid.json"));  // dead letter
            devices.publish("esprfid/front-out/send", Fixtures.bytes("esp-rfid/access-denied.json"));
            devices.publish(LAST_ACTIVE, Fixtures.bytes("hass-agent/lastactive.txt"));                   // 09:00
            devices.publish("uhppoted/gateway/events", Fixtures.bytes("uhppoted/swipe-in.json"));        // 09:05
            devices.publish(SESSION_STATE, Fixtures.bytes("hass-agent/sessionstate-unlocked.txt"));     // IDLE 300 s
            devices.publish("uhppoted/gateway/events", Fixtures.bytes("uhppoted/other-controller.json")); // ignored
            devices.publish("uhppoted/gateway/events", Fixtures.bytes("uhppoted/malformed-direction.json")); // dead
            devices.publish("uhppoted/gateway/events", Fixtures.bytes("uhppoted/swipe-out-in-message.json")); // 09:10
            devices.publish(SESSION_STATE, Fixtures.bytes("hass-agent/sessionstate-locked.txt"));
            devices.publish(SESSION_STATE, Fixtures.bytes("hass-agent/sessionstate-malformed.txt"));    // dead letter
            devices.publish(SESSION_STATE, Fixtures.bytes("hass-agent/sessionstate-unknown.txt"));      // ignored
            devices.publish(AVAILABILITY, Fixtures.bytes("hass-agent/availability-offline.txt"));

            List<String> expected = List.of(
                    badge("front", "front-in:1795564800:04a1b2c3", "09:00:00", "04a1b2c3", "IN", true),
                    deadLetter("esprfid/front-in/send", "esp-rfid device 'front-in': missing field 'uid'"),
                    badge("front", "front-out:1795564860:04a1b2c3", "09:01:00", "04a1b2c3", "OUT", false),
                    badge("office", "ctrl-1:1043", "09:05:00", "8165538", "IN", true),
                    pcState("pc-01:2026-11-25T09:05:00+09:00:sessionstate", "09:05:00", "IDLE", 300),
                    deadLetter("uhppoted/gateway/events", "uhppoted device 'ctrl-1': direction must be 1 (in) or 2"
                            + " (out), not 3"),
                    badge("office", "ctrl-1:1044", "09:10:00", "8165538", "OUT", true),
                    pcState("pc-01:2026-11-25T09:10:00+09:00:sessionstate", "09:10:00", "LOCKED", 0),
                    deadLetter(SESSION_STATE, "hass-agent device 'pc-01': sessionstate must be Locked, Unlocked,"
                            + " LoggedOff or Unknown, not 'Sleeping'"),
                    pcState("pc-01:2026-11-25T09:10:00+09:00:availability", "09:10:00", "OFF", 0));
            await().atMost(Duration.ofSeconds(15)).until(() -> site.received().size() >= expected.size());
            assertEquals(String.join("\n", expected), String.join("\n", seen(site)));

            JsonNode health = LocalHttp.json(http, "/health");
            JsonNode bridge = health.at("/services/device-bridge");
            assertEquals("UP", bridge.get("status").asText(), health::toString);
            assertEquals(15, bridge.get("taken").asInt());
            assertEquals(3, bridge.get("deadLettered").asInt());
            assertEquals(3, bridge.get("ignored").asInt());
            assertEquals(1, bridge.at("/sites/hq/ignored/esp-rfid/not-a-card-read").asInt(), bridge::toString);
            assertEquals(1, bridge.at("/sites/hq/ignored/uhppoted/other-controller").asInt(), bridge::toString);
            assertEquals(1, bridge.at("/sites/hq/ignored/hass-agent/unknown-state").asInt(), bridge::toString);
            assertEquals("2026-11-25T09:10:00+09:00", bridge.at("/sites/hq/watermark").asText());

            String metrics = LocalHttp.get(http, "/metrics").body();
            assertTrue(metrics.contains("officeguard_inputs_ignored_total{kind=\"hass-agent\",reason=\"unknown-state\","
                    + "service=\"device-bridge\",site=\"hq\"} 1.0"), metrics);
            assertPromtoolAccepts(metrics);
        }
    }

    /**
     * A subscription the broker kept for the bridge's session from a site file that listed a device then: its
     * messages reach the bridge, which no longer knows the device, and dead-letters them (no site names it, so to
     * {@code office/_unknown/deadletter}); the next device message is translated.
     */
    @Test
    void a_message_on_a_device_topic_that_no_site_lists_is_dead_lettered(@TempDir Path dir) throws Exception {
        leaveSessionSubscribedTo("bridge-stale-device-bridge", "esprfid/old-reader/send");
        try (OfficeguardApp app = start("bridge-stale", dir, FreePort.next());
                TestMqttClient site = TestMqttClient.connect(broker.url(), "bridge-stale-site")
                        .subscribe("office/+/deadletter", "office/hq/door/+/badge");
                TestMqttClient devices = TestMqttClient.connect(broker.url(), "bridge-stale-devices")) {
            devices.publish("esprfid/old-reader/send", Fixtures.bytes("esp-rfid/access-granted.json"));
            devices.publish("esprfid/front-in/send", Fixtures.bytes("esp-rfid/access-granted.json"));
            await().atMost(Duration.ofSeconds(15)).until(() -> site.received().size() >= 2);
            assertEquals(List.of(
                    deadLetter("office/_unknown/deadletter", "esprfid/old-reader/send",
                            "topic 'esprfid/old-reader/send' is not the topic of a device in the site files"
                                    + " served here"),
                    badge("front", "front-in:1795564800:04a1b2c3", "09:00:00", "04a1b2c3", "IN", true)), seen(site));
            assertEquals(1, app.service(DeviceBridgeService.NAME).metrics().deadLetteredCount());
        }
    }

    /**
     * The site's event time and the PC's last input come back from the journal after a restart, so a HASS.Agent state
     * that follows is stamped, and idle, as it would have been without the restart. The second start takes another
     * session, so that nothing the broker could send again helps it: only the journal does.
     */
    @Test
    void after_a_restart_the_journal_gives_back_the_event_time_and_the_last_input(@TempDir Path dir) throws Exception {
        try (TestMqttClient site = TestMqttClient.connect(broker.url(), "bridge-restart-site").subscribe(SITE_INPUTS);
                TestMqttClient devices = TestMqttClient.connect(broker.url(), "bridge-restart-devices")) {
            try (OfficeguardApp app = start("bridge-restart-1", dir, FreePort.next())) {
                devices.publish(LAST_ACTIVE, "2026-11-25T09:55:00+09:00");
                devices.publish("office/hq/clock", "{\"ts\":\"2026-11-25T10:00:00+09:00\"}");
                Gauge backlog = app.metrics().get("officeguard.inputs.backlog").tag("service", DeviceBridgeService.NAME)
                        .gauge();
                await().atMost(Duration.ofSeconds(15)).until(() ->
                        app.service(DeviceBridgeService.NAME).metrics().takenCount() == 2 && backlog.value() == 0);
            }
            try (OfficeguardApp app = start("bridge-restart-2", dir, FreePort.next())) {
                devices.publish(SESSION_STATE, "Unlocked");
                await().atMost(Duration.ofSeconds(15)).until(() -> !site.received().isEmpty());
                assertEquals(List.of(pcState("pc-01:2026-11-25T10:00:00+09:00:sessionstate", "10:00:00", "IDLE", 300)),
                        seen(site), "nothing replayed is published again, and the state is stamped as before");
            }
        }
    }

    private OfficeguardApp start(String clientIdPrefix, Path dir, int httpPort) throws Exception {
        AppConfig config = AppConfig.defaults(List.of(Fixtures.site()), broker.url(), dir.resolve("data"),
                        List.of(DeviceBridgeService.NAME))
                .withHttp("127.0.0.1", httpPort, null)
                .withClientIdPrefix(clientIdPrefix);
        OfficeguardApp app = OfficeguardApp.start(config, List.of(new DeviceBridgeService()));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        return app;
    }

    /** Leaves a durable session for {@code clientId} at the broker, subscribed to {@code filter}. */
    private void leaveSessionSubscribedTo(String clientId, String filter) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(3600L);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription(filter, 1)).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    /** What the site's topics received, one line each: a dead letter by its topic, device topic and reason. */
    private static List<String> seen(TestMqttClient site) {
        List<String> lines = new ArrayList<>();
        for (TestMqttClient.Received message : site.received()) {
            ObjectNode payload = Payloads.object(message.payload());
            if (message.topic().endsWith("/deadletter")) {
                lines.add(deadLetter(message.topic(), payload.get("topic").asText(), payload.get("error").asText()));
            } else {
                lines.add(message.topic() + " " + payload);
            }
        }
        return lines;
    }

    private static String badge(String door, String eventId, String time, String badge, String direction,
            boolean granted) {
        return "office/hq/door/" + door + "/badge " + Payloads.JSON.createObjectNode().put("eventId", eventId)
                .put("ts", "2026-11-25T" + time + "+09:00").put("badge", badge).put("direction", direction)
                .put("granted", granted);
    }

    private static String pcState(String eventId, String time, String state, long idleSeconds) {
        return "office/hq/pc/PC-01/state " + Payloads.JSON.createObjectNode().put("eventId", eventId)
                .put("ts", "2026-11-25T" + time + "+09:00").put("state", state).put("idleSeconds", idleSeconds);
    }

    private static String deadLetter(String deviceTopic, String error) {
        return deadLetter("office/hq/deadletter", deviceTopic, error);
    }

    private static String deadLetter(String topic, String deviceTopic, String error) {
        return topic + " dead letter of " + deviceTopic + ": " + error;
    }
}
