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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.GroundTruth;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.Scenario;
import org.officeguard.testsupport.ExampleDay;

/**
 * {@code ./officeguard simulate} against a broker: every device message of the scenario arrives, in order,
 * and no message follows a badge before that badge's decision (a stand-in door-gateway answers here);
 * the ground truth is written; bad options are refused with a message.
 */
class SimulateCommandTest {

    static final String DATE = "2026-11-25";

    @TempDir
    Path dir;

    static CommandLine simulate(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandLine.parse(all, Map.of("simulate", SimulateCommand.OPTIONS), Set.of());
    }

    @Test
    void the_devices_play_the_day_in_order_and_each_badge_waits_for_its_decision() throws Exception {
        Path site = ExampleDay.writeSiteYaml(dir);
        Path truth = dir.resolve("truth.json");
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
                StandInGateway gateway = new StandInGateway(broker.url())) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int code = SimulateCommand.run(simulate("--config", site.toString(), "--broker", broker.url(), "--date", DATE,
                    "--seed", "3", "--truth", truth.toString()), new PrintStream(text, true, StandardCharsets.UTF_8),
                    System.err, Map.of());
            assertEquals(0, code);
            String printed = text.toString(StandardCharsets.UTF_8);

            Scenario expected = Scenario.generate(SiteConfigLoader.load(site), LocalDate.parse(DATE), 1, 3,
                    LapseRates.defaults());
            List<DeviceMessage> messages = expected.messages();
            await().atMost(Duration.ofSeconds(20)).until(() -> gateway.received().size() >= messages.size());
            List<Arrival> got = gateway.received();
            assertEquals(messages.size(), got.size());
            int badges = 0;
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(messages.get(i).topic(), got.get(i).topic(), "message " + i);
                assertEquals(messages.get(i).text(), got.get(i).text(), "message " + i);
                if (got.get(i).topic().endsWith("/badge") && i + 1 < got.size()) {
                    badges++;
                    // the reader sent nothing more until the decision, held back 5 ms here, had come
                    String id = json(got.get(i).text()).path("eventId").asText();
                    Long decided = gateway.decidedAt(id);
                    assertTrue(decided != null && got.get(i + 1).nanos() > decided,
                            "message " + (i + 1) + " was sent before the decision of " + id);
                }
            }
            assertTrue(badges > 20, "the day has badges: " + badges);

            GroundTruth written = GroundTruth.read(truth);
            assertEquals(expected.truth().toJson(), written.toJson());
            assertTrue(printed.contains("Published " + messages.size() + " messages"), printed);
            assertTrue(printed.contains("Ground truth: " + truth), printed);
        }
    }

    @Test
    void bad_options_are_refused_with_a_message() {
        assertThrows(CommandLine.UsageException.class,
                () -> SimulateCommand.run(simulate("--config", "x.yaml", "--date", DATE), System.out, System.err, Map.of()));
        CommandLine.UsageException speed = assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.speed("fast"));
        assertTrue(speed.getMessage().contains("--speed"));
        assertEquals(0.0, SimulateCommand.speed("max"));
        assertEquals(60.0, SimulateCommand.speed("60"));
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.date("25/11/2026"));
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.rates(simulate("--rates", "tailgate=2")));
        assertThrows(CommandLine.UsageException.class, () -> SimulateCommand.rates(simulate("--rates", "sleeping=0.1")));
        assertThrows(CommandLine.UsageException.class, () -> simulate("--people", "3"));
    }

    private static JsonNode json(String text) {
        try {
            return Payloads.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Arrival(String topic, String text, long nanos) {}

    /**
     * Stands in for door-gateway: one session subscribed to all the site's topics (so it sees the simulator's
     * messages in the order they were sent) that answers each badge with a grant, 5 ms later.
     */
    static final class StandInGateway implements AutoCloseable {
        private final MqttAsyncClient client;
        private final List<Arrival> received = new ArrayList<>();
        private final Map<String, Long> decided = new ConcurrentHashMap<>();
        private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

        StandInGateway(String url) throws MqttException {
            client = new MqttAsyncClient(url, "sim-test-gateway", new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    long now = System.nanoTime();
                    if (topic.endsWith("/decision")) {
                        return;
                    }
                    String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                    synchronized (received) {
                        received.add(new Arrival(topic, text, now));
                    }
                    if (topic.endsWith("/badge")) {
                        JsonNode badge = json(text);
                        ObjectNode d = Payloads.JSON.createObjectNode();
                        d.put("eventId", badge.path("eventId").asText());
                        d.put("ts", badge.path("ts").asText());
                        d.put("granted", true);
                        d.put("reason", "OK");
                        later.schedule(() -> {
                            decided.put(badge.path("eventId").asText(), System.nanoTime());
                            client.publish(topic.replace("/badge", "/decision"),
                                    new MqttMessage(Payloads.bytes(d), 1, false, null));
                            return null;
                        }, 5, TimeUnit.MILLISECONDS);
                    }
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
            client.connect(options).waitForCompletion(10_000);
            client.subscribe("office/hq/#", 1).waitForCompletion(10_000);
        }

        List<Arrival> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        Long decidedAt(String eventId) {
            return decided.get(eventId);
        }

        @Override
        public void close() throws Exception {
            later.shutdownNow();
            client.disconnect().waitForCompletion(5_000);
            client.close(true);
        }
    }
}
