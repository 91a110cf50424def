package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;

/**
 * A timing harness, not part of the suite: badges through an in-process door-gateway over the embedded broker, and the
 * CPU its own threads (the session's application threads, where the route runs, and its acknowledger, where the
 * journal is written) spend per decision, in rounds of {@code officeguard.timing.badges} (200,000) after a warm-up.
 * Run it with
 * {@code mvn -o -q -pl door-gateway -am test -Dtest=DecisionCostTiming -Dsurefire.failIfNoSpecifiedTests=false
 * -Dofficeguard.timing=true} (optionally {@code -Dofficeguard.timing.badges=N -Dofficeguard.timing.rounds=N}).
 */
@EnabledIfSystemProperty(named = "officeguard.timing", matches = "true")
class DecisionCostTiming {

    private static final int WARM_UP = 20_000;
    private static final String SITE = """
            site: timing
            timezone: Asia/Tokyo
            businessHours: {start: "00:00", end: "23:59"}
            zones:
              - {id: hall}
            doors:
              - {id: main, from: outside, to: hall}
            people:
              - {badge: P001, name: Timing One, department: QA, zones: [hall]}
            """;
    private static final String BADGES = "office/timing/door/main/badge";
    private static final String DECISIONS = "office/timing/door/main/decision";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void cpu_per_decision() throws Exception {
        int badges = Integer.getInteger("officeguard.timing.badges", 200_000);
        Path dir = Files.createTempDirectory("officeguard-timing-");
        Path yaml = dir.resolve("timing.yaml");
        Files.writeString(yaml, SITE);
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
                OfficeguardApp app = OfficeguardApp.start(
                        AppConfig.defaults(SiteConfigLoader.loadAll(List.of(yaml)), broker.url(), dir,
                                List.of(DoorGatewayService.NAME)).withHttp("127.0.0.1", FreePort.next(), null),
                        List.of(new DoorGatewayService()));
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "timing-observer").subscribe(DECISIONS);
                Reader reader = new Reader(broker.port())) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            Instant start = Instant.parse("2026-11-25T00:00:00Z");
            send(reader.client, start, 0, WARM_UP);
            awaitDecisions(observer, WARM_UP);

            int rounds = Integer.getInteger("officeguard.timing.rounds", 3);
            int sent = WARM_UP;
            for (int round = 1; round <= rounds; round++) {
                long cpuBefore = gatewayCpuNanos();
                long wallBefore = System.nanoTime();
                send(reader.client, start, sent, badges);
                sent += badges;
                awaitDecisions(observer, sent);
                long wall = System.nanoTime() - wallBefore;
                long cpu = gatewayCpuNanos() - cpuBefore;
                System.out.printf("TIMING round %d: %d decisions in %.1f s (%.0f/s); door-gateway threads %.1f µs CPU"
                        + " per decision%n", round, badges, wall / 1e9, badges / (wall / 1e9), cpu / 1e3 / badges);
            }
            assertEquals(sent, observer.received(DECISIONS).size());
        }
    }

    /** Publishes without waiting for each PUBACK (the client queues what the broker's receive maximum holds back). */
    private static void send(Mqtt5AsyncClient reader, Instant start, int from, int count) {
        List<CompletableFuture<?>> sent = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String badge = "{\"eventId\":\"T-" + i + "\",\"ts\":\"" + start.plusMillis(i * 100L)
                    + "\",\"badge\":\"P001\",\"direction\":\"" + (i % 2 == 0 ? "IN" : "OUT") + "\"}";
            sent.add(reader.publishWith().topic(BADGES).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(badge.getBytes(StandardCharsets.UTF_8)).send());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private static void awaitDecisions(TestMqttClient observer, int count) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> observer.received(DECISIONS).size() >= count);
    }

    /** A badge reader on the HiveMQ client: it publishes as fast as the broker takes them. */
    private static final class Reader implements AutoCloseable {
        final Mqtt5AsyncClient client;

        Reader(int port) {
            client = MqttClient.builder().useMqttVersion5().identifier("timing-reader").serverHost("127.0.0.1")
                    .serverPort(port).buildAsync();
            client.connect().join();
        }

        @Override
        public void close() {
            client.disconnect().join();
        }
    }

    /** CPU time so far of the threads named for the door-gateway's session (application threads, acknowledger). */
    private long gatewayCpuNanos() {
        long total = 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().endsWith("-" + DoorGatewayService.NAME)) {
                total += Math.max(0, threads.getThreadCpuTime(ids[i]));
            }
        }
        return total;
    }
}
