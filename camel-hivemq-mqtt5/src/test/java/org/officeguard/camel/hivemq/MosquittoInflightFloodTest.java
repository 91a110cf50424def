package org.officeguard.camel.hivemq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.officeguard.testsupport.MosquittoProcess;

/**
 * The field defect behind {@code MqttSession}'s fresh start, on the real broker: Mosquitto before 2.0.13 lets every
 * acknowledgement of the oldest message in flight move up to its whole in-flight limit more from the queue, so with a
 * backlog of more than 65,535 it sends everything at once, packet identifiers wrap while the older ones are still
 * unacknowledged, and it keeps both in flight. Here a service comes back to 70,000 waiting messages, acknowledges the
 * first thousand and is still working on the next when the flood arrives. The session cannot be resumed; it is
 * started afresh, and what is published afterwards is taken.
 *
 * <p>Only where the installed Mosquitto has the defect (Debian 12's 2.0.11 does); a fixed broker never floods.
 */
class MosquittoInflightFloodTest {

    private static final int BACKLOG = 70_000;
    private static final int ACKNOWLEDGED_AT_ONCE = 1_000;

    private static int held(List<Mqtt5Publish> working) {
        synchronized (working) {
            return working.size();
        }
    }

    @Test
    void a_session_flooded_past_its_packet_identifiers_is_started_afresh_and_takes_new_messages() throws Exception {
        int[] version = MosquittoProcess.version();
        assumeTrue(Arrays.compare(version, new int[] {2, 0, 13}) < 0,
                "Mosquitto " + Arrays.toString(version) + " has no flood");
        try (MosquittoProcess mosquitto = MosquittoProcess.start()) {
            MqttSettings settings = MqttSettings.of(mosquitto.url());
            MqttSession away = new MqttSession("flooded", settings);
            away.open();
            away.subscribe(List.of("flood/#"));
            away.close(); // the broker keeps the session, and queues what comes for it

            MqttSession device = new MqttSession("flood-device", settings);
            device.open();
            try {
                List<CompletableFuture<?>> window = new ArrayList<>();
                for (int i = 1; i <= BACKLOG; i++) {
                    window.add(device.publish(Outbound.of("flood/m", ("m" + i).getBytes(StandardCharsets.UTF_8))));
                    if (window.size() == 1_000) {
                        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
                        window.clear();
                    }
                }
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();

                AtomicInteger acknowledged = new AtomicInteger();
                AtomicBoolean caughtUp = new AtomicBoolean();
                List<Mqtt5Publish> working = new ArrayList<>(); // guarded by itself
                List<String> after = new CopyOnWriteArrayList<>();
                MqttSession back = new MqttSession("flooded", settings);
                back.attach(message -> {
                    String text = StandardCharsets.UTF_8.decode(message.getPayload().orElseThrow()).toString();
                    if (text.equals("after")) {
                        after.add(text);
                        back.acknowledge(message);
                    } else if (acknowledged.getAndIncrement() < ACKNOWLEDGED_AT_ONCE) {
                        back.acknowledge(message);
                    } else {
                        synchronized (working) {
                            if (!caughtUp.get()) {
                                working.add(message); // still being worked on while connected
                                return;
                            }
                        }
                        back.acknowledge(message);
                    }
                });
                back.open();
                try {
                    back.subscribe(List.of("flood/#")); // as a service's inbox does on every start
                    // The service finishes what it holds once a connection is lost (and only then: it is slow).
                    // Once the session has been started afresh it keeps up with what comes.
                    while (!caughtUp.get()) {
                        await().atMost(Duration.ofSeconds(60)).until(() -> back.sessionsDiscarded() > 0
                                || !back.isConnected() && held(working) > 0);
                        List<Mqtt5Publish> done;
                        synchronized (working) {
                            caughtUp.set(back.sessionsDiscarded() > 0);
                            done = new ArrayList<>(working);
                            working.clear();
                        }
                        done.forEach(back::acknowledge);
                    }
                    await().atMost(Duration.ofSeconds(30)).until(back::isConnected);
                    device.publish(Outbound.of("flood/m", "after".getBytes(StandardCharsets.UTF_8))).join();
                    await().atMost(Duration.ofSeconds(10)).until(() -> after.contains("after"));
                    assertEquals(1, back.sessionsDiscarded(), "started afresh once, not again and again");
                } finally {
                    back.close();
                }
            } finally {
                device.close();
            }
        }
    }
}
