package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.DeviceOptions;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.mqtt.NoDelaySocketFactory;
import org.officeguard.testsupport.ExampleDay;

/**
 * {@code ./officeguard simulate} for a site whose readers and PCs are devices (SPEC §8): it publishes in the devices'
 * own language and keeps causality through the device-bridge (a stand-in here, translating as the scenario says):
 * nothing follows a badge before its decision, nor a HASS.Agent message before the PC state the bridge makes of it.
 * {@code --devices} makes the devices of a site file and writes the site file with them.
 */
class SimulateDevicesTest {

    static final String DATE = "2026-11-25";

    @TempDir
    Path dir;

    @Test
    void a_site_with_devices_is_played_in_their_language_waiting_for_the_bridge() throws Exception {
        Path site = dir.resolve("hq.yaml");
        Files.writeString(site, SampleSite.yaml(12, LocalDate.parse(DATE), EnumSet.allOf(Device.Kind.class)));
        Scenario expected = Scenario.generate(SiteConfigLoader.load(site), LocalDate.parse(DATE), 1, 4,
                LapseRates.defaults(), "office", DeviceOptions.defaults().withAgentPollSeconds(15));
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
                StandInServices services = new StandInServices(broker.url(), expected)) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int code = SimulateCommand.run(SimulateCommandTest.simulate("--config", site.toString(), "--broker",
                    broker.url(), "--date", DATE, "--seed", "4", "--agent-poll-seconds", "15"),
                    new PrintStream(text, true, StandardCharsets.UTF_8), System.err, Map.of());
            assertEquals(0, code);
            String printed = text.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("devices: ") && printed.contains("12 hass-agent")
                    && printed.contains("polls every 15 s"), printed);

            List<DeviceMessage> messages = expected.messages();
            await().atMost(Duration.ofSeconds(20)).until(() -> services.fromSimulator().size() >= messages.size());
            List<Arrival> all = services.arrivals();
            List<Integer> sent = services.fromSimulator();
            assertEquals(messages.size(), sent.size());
            int answered = 0;
            for (int i = 0; i < messages.size(); i++) {
                DeviceMessage message = messages.get(i);
                Arrival arrival = all.get(sent.get(i));
                assertEquals(message.topic(), arrival.topic(), "message " + i);
                assertEquals(message.text(), arrival.text(), "message " + i);
                boolean awaited = message.kind() == DeviceMessage.Kind.AGENT_STATE
                        || message.kind() == DeviceMessage.Kind.BADGE;
                if (awaited && i + 1 < messages.size()) {
                    Integer answer = services.answeredAt(message.eventId());
                    assertTrue(answer != null && answer <= sent.get(i + 1), "message " + (i + 1)
                            + " was sent before the answer to " + message);
                    answered++;
                }
            }
            assertTrue(answered > 200, "badges and agent states waited for: " + answered);
        }
    }

    @Test
    void devices_makes_the_devices_of_a_site_file_and_writes_the_site_file_with_them() throws Exception {
        Path site = ExampleDay.writeSiteYaml(dir);
        Path out = dir.resolve("with-devices/hq.yaml");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SiteConfig played = SimulateCommand.withDevices(SimulateCommandTest.simulate("--devices", "esp-rfid,hass-agent",
                "--site-out", out.toString()), SiteConfigLoader.load(site), site,
                new PrintStream(text, true, StandardCharsets.UTF_8));
        SiteConfig written = SiteConfigLoader.load(out);
        assertEquals(written.devices(), played.devices());
        assertEquals(2 * written.doors().size() + written.pcs().size(), written.devices().size());
        assertTrue(Files.readString(out).startsWith(Files.readString(site).strip()), "the site file as it was, and its devices");
        assertTrue(text.toString(StandardCharsets.UTF_8).contains(out.toString()));
    }

    @Test
    void device_options_are_refused_where_they_make_no_sense() throws Exception {
        Path site = ExampleDay.writeSiteYaml(dir);
        SiteConfig plain = SiteConfigLoader.load(site);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.withDevices(
                SimulateCommandTest.simulate("--devices", "esp-rfid"), plain, site, quiet), "--devices needs --site-out");
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.withDevices(
                SimulateCommandTest.simulate("--site-out", "x.yaml"), plain, site, quiet), "--site-out needs --devices");
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.withDevices(SimulateCommandTest.simulate(
                "--devices", "zigbee", "--site-out", dir.resolve("z.yaml").toString()), plain, site, quiet));
        assertThrows(IllegalArgumentException.class, () -> SimulateCommand.withDevices(SimulateCommandTest.simulate(
                "--devices", "uhppoted", "--site-out", dir.resolve("u.yaml").toString()), plain, site, quiet),
                "uhppoted reads card numbers, and the example's badges are not");
        SiteConfig withDevices = SiteConfigLoader.parse(SampleSite.yaml(8, LocalDate.parse(DATE),
                EnumSet.of(Device.Kind.HASS_AGENT)), "s.yaml");
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.withDevices(SimulateCommandTest.simulate(
                "--devices", "esp-rfid", "--site-out", dir.resolve("e.yaml").toString()), withDevices, site, quiet),
                "a site file with devices of its own");
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.deviceOptions(
                SimulateCommandTest.simulate("--misconfigured-cards", "0.1"), plain));
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.deviceOptions(
                SimulateCommandTest.simulate("--misconfigured-cards", "2"), withDevices));
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.deviceOptions(
                SimulateCommandTest.simulate("--agent-poll-seconds", "0"), withDevices));
        assertEquals(new DeviceOptions(0.25, 20), SimulateCommand.deviceOptions(SimulateCommandTest.simulate(
                "--misconfigured-cards", "0.25", "--agent-poll-seconds", "20"), withDevices));
        assertEquals(DeviceOptions.defaults(), SimulateCommand.deviceOptions(SimulateCommandTest.simulate(), withDevices));
    }

    record Arrival(String topic, String text) {}

    /**
     * Stands in for the device-bridge and the door-gateway on one session subscribed to everything: it publishes, 5 ms
     * after each device message the bridge translates, the translation the scenario says, and answers every §2 badge
     * with a decision; it records everything in the order the broker delivered it.
     */
    static final class StandInServices implements AutoCloseable {
        /** The topics the simulator publishes on itself besides the devices' own. */
        private static final Set<String> SIMULATOR_SPEC_TOPICS = Set.of("office/hq/clock", "office/hq/last-exit",
                "office/hq/visitor/register");

        private final MqttAsyncClient client;
        private final List<Arrival> arrivals = new ArrayList<>();
        private final List<Integer> fromSimulator = new ArrayList<>();
        /** How many messages had arrived when the answer to an event id (its translation, its decision) was sent. */
        private final Map<String, Integer> answeredAt = new HashMap<>();
        private final List<DeviceMessage> deviceMessages;
        private final List<DeviceMessage> translations;
        private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        private int nextDevice;
        private int nextTranslation;

        StandInServices(String url, Scenario scenario) throws MqttException {
            this.deviceMessages = scenario.messages().stream().filter(m -> !m.topic().startsWith("office/")).toList();
            this.translations = scenario.bridgeOutput();
            client = new MqttAsyncClient(url, "sim-test-services", new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    arrived(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void disconnected(MqttDisconnectResponse r) {}

                @Override
                public void mqttErrorOccurred(MqttException e) {}

                @Override
                public void deliveryComplete(IMqttToken token) {}

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {}

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSocketFactory(new NoDelaySocketFactory());
            client.connect(options).waitForCompletion(10_000);
            client.subscribe("#", 1).waitForCompletion(10_000);
        }

        private synchronized void arrived(String topic, String text) {
            arrivals.add(new Arrival(topic, text));
            boolean device = !topic.startsWith("office/");
            if (device || SIMULATOR_SPEC_TOPICS.contains(topic)) {
                fromSimulator.add(arrivals.size() - 1);
            }
            if (device) {
                DeviceMessage sent = deviceMessages.get(nextDevice++);
                if (sent.kind() == DeviceMessage.Kind.AGENT_STATE) {
                    DeviceMessage translation = translations.get(nextTranslation++);
                    later(translation.eventId(), translation.topic(), translation.payload());
                } else if (sent.kind() == DeviceMessage.Kind.BADGE) {
                    DeviceMessage translation = translations.get(nextTranslation++);
                    later(null, translation.topic(), translation.payload()); // its decision answers the reader
                }
            } else if (topic.endsWith("/badge")) {
                JsonNode badge = json(text);
                ObjectNode decision = Payloads.JSON.createObjectNode();
                decision.put("eventId", badge.path("eventId").asText());
                decision.put("granted", badge.path("granted").asBoolean(true));
                decision.put("reason", "OK");
                later(badge.path("eventId").asText(), topic.replace("/badge", "/decision"), Payloads.bytes(decision));
            }
        }

        /** Publishes 5 ms later; {@code answers}, when not null, is the event id this answers. */
        private void later(String answers, String topic, byte[] payload) {
            later.schedule(() -> {
                synchronized (this) {
                    if (answers != null) {
                        answeredAt.put(answers, arrivals.size());
                    }
                }
                client.publish(topic, new MqttMessage(payload, 1, false, null));
                return null;
            }, 5, TimeUnit.MILLISECONDS);
        }

        synchronized Integer answeredAt(String eventId) {
            return answeredAt.get(eventId);
        }

        synchronized List<Arrival> arrivals() {
            return List.copyOf(arrivals);
        }

        synchronized List<Integer> fromSimulator() {
            return List.copyOf(fromSimulator);
        }

        private static JsonNode json(String text) {
            try {
                return Payloads.JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            later.shutdownNow();
            client.disconnect().waitForCompletion(5_000);
            client.close(true);
        }
    }
}
