package org.officeguard.broker;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.officeguard.broker.EmbeddedBroker.Tuning;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One publisher pushes 20,000 QoS 1 badge events as fast as the broker acknowledges them to one subscriber that
 * does a little work per message. With the officeguard tuning all arrive; with HiveMQ's defaults most are dropped
 * (the second test keeps that finding honest: if it ever stops failing to deliver, the tuning may be obsolete).
 */
class EmbeddedBrokerLoadTest {

    private static final int MESSAGES = 20_000;
    private static final String TOPIC = "office/hq/door/front/badge";
    private static final long WORK_NANOS = 50_000; // per message, in the subscriber's callback

    @Test
    void slowSubscriberReceivesEveryMessage() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0); Run run = run(broker)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> run.eventIds().size() == MESSAGES);
            run.report(broker);
            assertEquals(0, broker.droppedMessages());
        }
    }

    @Test
    void hiveMqDefaultsDropMessagesForASlowSubscriber() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0, Tuning.HIVEMQ_DEFAULTS);
             Run run = run(broker)) {
            // Every message is either delivered or counted as dropped by HiveMQ (its queue of 1000 was full).
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> run.eventIds().size() + broker.droppedMessages() == MESSAGES);
            run.report(broker);
            assertTrue(broker.droppedMessages() > 0, "HiveMQ defaults lost nothing this time");
        }
    }

    /** Subscribes a slow consumer, then publishes all messages; returns once every PUBLISH is acknowledged. */
    private static Run run(EmbeddedBroker broker) throws Exception {
        Set<String> eventIds = ConcurrentHashMap.newKeySet();
        MqttClient subscriber = new MqttClient(broker.url(), "load-subscriber", new MemoryPersistence());
        subscriber.connect(cleanStart());
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("office/+/door/+/badge", 1)},
                new IMqttMessageListener[] {(topic, message) -> {
                    eventIds.add(eventId(message.getPayload()));
                    busyWork();
                }});

        MqttAsyncClient publisher = new MqttAsyncClient(broker.url(), "load-publisher", new MemoryPersistence());
        IMqttToken connected = publisher.connect(cleanStart());
        connected.waitForCompletion();
        // Paho refuses more unacknowledged PUBLISHes than the broker's receive maximum, so keep that many in flight.
        Integer receiveMaximum = connected.getResponseProperties().getReceiveMaximum();
        int window = receiveMaximum == null ? 65_535 : receiveMaximum;
        Semaphore inFlight = new Semaphore(window);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failures.add(exception);
                inFlight.release();
            }
        };

        long start = System.nanoTime();
        for (int i = 1; i <= MESSAGES; i++) {
            inFlight.acquire();
            publisher.publish(TOPIC, new MqttMessage(payload(i), 1, false, null), null, release);
        }
        inFlight.acquire(window); // all acknowledged
        inFlight.release(window);
        long publishMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(failures.isEmpty(), () -> "publish failures: " + failures);
        System.out.printf("published %d in %d ms (window %d); delivered so far %d, dropped %d%n",
                MESSAGES, publishMillis, window, eventIds.size(), broker.droppedMessages());
        return new Run(eventIds, subscriber, publisher, start);
    }

    private static MqttConnectionOptions cleanStart() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        return options;
    }

    private static byte[] payload(int serial) {
        return ("{\"eventId\":\"e-%05d\",\"ts\":\"2026-11-25T09:00:00+09:00\",\"badge\":\"E%03d\",\"direction\":\"IN\"}"
                .formatted(serial, serial % 1000)).getBytes(StandardCharsets.UTF_8);
    }

    /** The eventId value, found the way a hand-written parser would (the test has no JSON library). */
    private static String eventId(byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        int start = json.indexOf("\"eventId\":\"") + "\"eventId\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Stands in for the per-message work of a real consumer; spinning, never sleeping. */
    private static void busyWork() {
        long end = System.nanoTime() + WORK_NANOS;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private record Run(Set<String> eventIds, MqttClient subscriber, MqttAsyncClient publisher, long startNanos)
            implements AutoCloseable {
        void report(EmbeddedBroker broker) {
            System.out.printf("%d distinct messages delivered, %d dropped, %d ms after the first publish%n",
                    eventIds.size(), broker.droppedMessages(), (System.nanoTime() - startNanos) / 1_000_000);
        }

        @Override
        public void close() throws Exception {
            publisher.disconnect().waitForCompletion();
            publisher.close();
            subscriber.disconnect();
            subscriber.close();
        }
    }
}
