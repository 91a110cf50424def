package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.HostilePayloads.Hostile;
import org.officeguard.testsupport.HostilePayloads;
import org.officeguard.testsupport.JsonSubset;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Bad input, fuzzed: the example day through the three services on Mosquitto, with 10,000 hostile
 * messages ({@link HostilePayloads}: random bytes, invalid UTF-8, deep JSON, wrong types, huge numbers, missing
 * fields, unknown sites, doors and PCs, bodies naming another device, empty and oversized payloads, ...) interleaved
 * between the day's messages. The day is played with causality (a badge's decision is awaited before the next
 * message). Then:
 * <ul>
 *   <li>the final report still matches the expected file exactly, and no hostile message made a decision or a
 *       violation;</li>
 *   <li>every service dead-lettered exactly the hostile messages on the topics it takes, once each, with a reason
 *       (never an "internal error"), and {@code /health} counts them ({@code deadLettered}, {@code taken});</li>
 *   <li>the services are still up ({@code /health} 200).</li>
 * </ul>
 * Far-future {@code ts} is bad input in wall mode only; {@link FuzzWallClockTest} covers it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzTest {

    static final int HOSTILE = 10_000;
    static final long SEED = 20261125L;
    static final String DATE = "2026-11-25";
    static final List<String> SERVICES = List.of("door-gateway", "lockout-monitor", "reporting");

    private MosquittoProcess broker;
    private OfficeguardApp app;
    private TestMqttClient device;
    private Attacker attacker;
    private TestMqttClient observer;
    private TestMqttClient deadLetters;
    private int httpPort;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        broker = MosquittoProcess.start();
        httpPort = FreePort.next();
        String prefix = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.defaults(SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir))),
                        broker.url(), dir.resolve("data"), SERVICES)
                .withHttp("127.0.0.1", httpPort, null)
                .withClientIdPrefix(prefix);
        app = OfficeguardApp.start(config, List.of(new DoorGatewayService(), new LockoutMonitorService(),
                new ReportingService(Duration.ofMillis(500))));
        await().atMost(Duration.ofSeconds(30)).until(app::ready);
        observer = TestMqttClient.connect(broker.url(), prefix + "-observer")
                .subscribe("office/hq/door/+/decision", "office/hq/violation/+", "office/hq/report/+");
        deadLetters = TestMqttClient.connect(broker.url(), prefix + "-deadletters").subscribe("office/+/deadletter");
        device = TestMqttClient.connect(broker.url(), prefix + "-device");
        attacker = new Attacker(broker.url(), prefix + "-attacker");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {attacker, device, deadLetters, observer, app, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void ten_thousand_hostile_messages_change_nothing_and_are_all_dead_lettered_and_counted() throws Exception {
        List<ExampleDay.Message> day = ExampleDay.messages();
        List<Hostile> hostile = HostilePayloads.generate(SEED, HOSTILE);

        // What each service must refuse, and where every hostile message must come back as a dead letter.
        Map<String, Long> expectedDead = new TreeMap<>();
        Map<String, Integer> expectedByServiceAndTopic = new HashMap<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        for (Hostile h : hostile) {
            byCategory.merge(h.category(), 1, Integer::sum);
            for (String s : h.takenBy()) {
                expectedDead.merge(s, 1L, Long::sum);
                expectedByServiceAndTopic.merge(s + " " + h.topic(), 1, Integer::sum);
            }
        }
        assertEquals(Set.copyOf(SERVICES), expectedDead.keySet(), "every service gets hostile input");

        // Interleave: a deterministic number of hostile messages before each of the day's messages and after the last.
        Random random = new Random(SEED);
        int[] before = new int[day.size() + 1];
        for (int i = 0; i < hostile.size(); i++) {
            before[random.nextInt(before.length)]++;
        }

        long started = System.nanoTime();
        int next = 0;
        Set<String> badgeIds = new HashSet<>();
        for (int i = 0; i <= day.size(); i++) {
            for (int k = 0; k < before[i]; k++) {
                Hostile h = hostile.get(next++);
                attacker.publish(h.topic(), h.payload());
            }
            attacker.flush(); // the broker has them all before the day goes on
            if (i == day.size()) {
                break;
            }
            ExampleDay.Message m = day.get(i);
            device.publish(m.topic(), m.payload());
            if (m.isBadge()) {
                String id = m.eventId();
                badgeIds.add(id);
                awaitLong(() -> observer.received("office/hq/door/+/decision").stream()
                        .anyMatch(r -> id.equals(eventId(r.payload()))));
            }
        }
        long played = System.nanoTime();

        // The report is final; all dead letters are in (or a minute has passed).
        awaitLong(() -> !observer.received("office/hq/report/" + DATE).isEmpty());
        long reported = System.nanoTime();
        long expectedTotal = expectedDead.values().stream().mapToLong(Long::longValue).sum();
        awaitQuietly(() -> deadLetters.received().size() >= expectedTotal);
        long drained = System.nanoTime();
        HttpResponse<String> response = get("/health");
        JsonNode health = Payloads.JSON.readTree(response.body());

        Map<String, Integer> gotByServiceAndTopic = new HashMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> improper = new ArrayList<>();
        for (TestMqttClient.Received r : deadLetters.received()) {
            JsonNode d = json(r.payload());
            String error = d.path("error").asText("");
            if (error.isBlank() || error.startsWith("internal error")) {
                improper.add(d.toString());
            }
            gotByServiceAndTopic.merge(d.path("service").asText() + " " + d.path("topic").asText(), 1, Integer::sum);
            reasons.merge(d.path("service").asText() + ": " + error.replaceAll("'[^']*'", "'…'")
                    .replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        Map<String, Integer> missing = new TreeMap<>();
        expectedByServiceAndTopic.forEach((k, n) -> {
            int got = gotByServiceAndTopic.getOrDefault(k, 0);
            if (got != n) {
                missing.put(k, got - n);
            }
        });
        gotByServiceAndTopic.keySet().stream().filter(k -> !expectedByServiceAndTopic.containsKey(k))
                .forEach(k -> missing.put(k, gotByServiceAndTopic.get(k)));
        System.out.printf("FuzzTest: %d hostile messages %s among the day's %d;%n"
                        + "  expected dead letters %s = %d, received %d; /health %s%n"
                        + "  played in %d ms, final report %d ms later, last dead letter after %d ms in all%n"
                        + "  dead letters got - expected, by service and topic: %s%n"
                        + "  reasons: %s%n",
                hostile.size(), byCategory, day.size(), expectedDead, expectedTotal, deadLetters.received().size(),
                health.path("services"), millis(started, played), millis(played, reported), millis(started, drained),
                missing, reasons);

        // The report is exactly the expected one.
        JsonNode report = json(observer.received("office/hq/report/" + DATE).get(0).payload());
        JsonSubset.assertMatches(ExampleDay.expectedReport(), report);

        // Every service refused exactly what it takes of the hostile messages, each once, with a reason.
        assertEquals(List.of(), improper, "dead letters without a proper reason");
        assertEquals(Map.of(), missing, "dead letters (got - expected) by service and topic");
        assertEquals(expectedTotal, deadLetters.received().size(), "one dead letter per hostile message and service");

        // Nothing hostile made a decision or a violation: only the day's decisions and violations (plus the
        // hostile messages the observer itself saw on those topics).
        long hostileOnDecisionTopics = hostile.stream()
                .filter(h -> TestMqttClient.matches("office/hq/door/+/decision", h.topic())).count();
        long hostileOnViolationTopics = hostile.stream()
                .filter(h -> TestMqttClient.matches("office/hq/violation/+", h.topic())).count();
        assertEquals(badgeIds.size() + hostileOnDecisionTopics, observer.received("office/hq/door/+/decision").size(),
                "one decision per badge of the day, none for hostile input");
        int violations = ExampleDay.expectedReport().at("/totals/violations").asInt();
        assertEquals(violations + hostileOnViolationTopics, observer.received("office/hq/violation/+").size(),
                "the day's violations and nothing else");

        // /health: up, and counting the rejects and everything taken.
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Long> baseline = new HashMap<>();
        for (ExampleDay.Message m : day) {
            HostilePayloads.subscribers(m.topic()).forEach(s -> baseline.merge(s, 1L, Long::sum));
        }
        baseline.merge("lockout-monitor", (long) badgeIds.size(), Long::sum); // the day's decisions
        baseline.merge("reporting", (long) badgeIds.size() + violations, Long::sum); // decisions and violations
        for (String s : SERVICES) {
            JsonNode n = health.at("/services/" + s);
            assertEquals("UP", n.path("status").asText(), s + ": " + n);
            assertEquals(expectedDead.get(s).longValue(), n.path("deadLettered").asLong(), s + " deadLettered: " + n);
            assertEquals(baseline.get(s) + expectedDead.get(s), n.path("taken").asLong(), s + " taken: " + n);
            assertEquals(0, n.path("sessionsDiscarded").asLong(-1), s + ": no session started afresh: " + n);
        }
        assertEquals(violations, health.at("/services/reporting/violationsStored").asInt());
    }

    private static void awaitQuietly(Callable<Boolean> condition) {
        try {
            awaitLong(condition);
        } catch (ConditionTimeoutException e) {
            // the assertions below say what is missing
        }
    }

    /**
     * Publishes QoS 1 messages pipelined (up to {@link #WINDOW} unacknowledged), in order; {@link #flush()} returns
     * once the broker has acknowledged them all. One by one, each waiting for its PUBACK, 10,000 messages would
     * cost a round trip each for no gain: the broker keeps one client's messages in order either way.
     */
    static final class Attacker implements AutoCloseable {
        static final int WINDOW = 50;
        private final MqttAsyncClient client;
        private final ArrayDeque<IMqttToken> inFlight = new ArrayDeque<>();

        Attacker(String url, String clientId) throws MqttException {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
        }

        void publish(String topic, byte[] payload) throws MqttException {
            if (inFlight.size() >= WINDOW) {
                complete(inFlight.removeFirst());
            }
            MqttMessage message = new MqttMessage(payload, 1, false, null);
            while (!inFlight.isEmpty()) {
                try {
                    inFlight.addLast(client.publish(topic, message));
                    return;
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                        throw e;
                    }
                    complete(inFlight.removeFirst()); // Paho's own window is full: wait for the oldest, try again
                }
            }
            // Paho 1.2.5 may still count the last PUBACK for a moment after its token completed (see TestMqttClient)
            inFlight.addLast(await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .ignoreExceptionsMatching(e -> e instanceof MqttException me
                            && me.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT)
                    .until(() -> client.publish(topic, message), t -> t != null));
        }

        void flush() throws MqttException {
            while (!inFlight.isEmpty()) {
                complete(inFlight.removeFirst());
            }
        }

        private static void complete(IMqttToken token) throws MqttException {
            token.waitForCompletion(10_000);
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IllegalStateException("the broker refused a hostile message: 0x" + Integer.toHexString(codes[0]));
            }
        }

        @Override
        public void close() throws MqttException {
            try {
                client.disconnect().waitForCompletion(10_000);
            } finally {
                client.close(true);
            }
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void awaitLong(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(condition);
    }

    /** The eventId of a decision; null for what is not one (the observer also sees the hostile messages). */
    private static String eventId(byte[] payload) {
        try {
            return Payloads.JSON.readTree(payload).path("eventId").asText(null);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static JsonNode json(byte[] payload) {
        try {
            return Payloads.JSON.readTree(payload);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + new String(payload, StandardCharsets.UTF_8), e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return LocalHttp.get(httpPort, path);
    }
}
