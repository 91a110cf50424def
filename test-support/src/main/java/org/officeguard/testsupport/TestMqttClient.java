package org.officeguard.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A real MQTT 5 client (Eclipse Paho) for tests: QoS 1 everywhere, blocking calls, and a record of every message
 * it receives, in arrival order. Failures are unchecked exceptions, so tests and lambdas need no {@code throws}.
 */
public final class TestMqttClient implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 10_000;
    private static final Duration AWAIT = Duration.ofSeconds(10);

    /** A message as it arrived; {@code retained} is true when it came from the broker's retained store. */
    public record Received(String topic, byte[] payload, String responseTopic, byte[] correlationData,
                           boolean retained) {
        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + (retained ? " (retained) " : " ") + text();
        }
    }

    private final MqttAsyncClient client;
    private final String clientId;
    private final List<Received> received = new ArrayList<>(); // guarded by itself
    /** Paho refuses more unacknowledged PUBLISHes than the broker's receive maximum; this keeps us below it. */
    private Semaphore publishWindow;
    private volatile String disconnectReason;

    private TestMqttClient(MqttAsyncClient client, String clientId) {
        this.client = client;
        this.clientId = clientId;
        client.setCallback(new Recorder());
    }

    /** Connects with a clean start and no automatic reconnect. */
    public static TestMqttClient connect(String brokerUrl, String clientId) {
        TestMqttClient client;
        try {
            client = new TestMqttClient(new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence()), clientId);
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad broker URL or client id: " + brokerUrl + ", " + clientId, e);
        }
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) (TIMEOUT_MILLIS / 1000));
            IMqttToken token = client.client.connect(options);
            token.waitForCompletion(TIMEOUT_MILLIS);
            MqttProperties connack = token.getResponseProperties();
            Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
            client.publishWindow = new Semaphore(receiveMaximum == null ? 65_535 : receiveMaximum);
            return client;
        } catch (MqttException e) {
            client.close();
            throw new IllegalStateException("cannot connect " + clientId + " to " + brokerUrl + ": " + e, e);
        }
    }

    /**
     * Connects with a clean start and no automatic reconnect, as {@code user} (null: anonymous) and, for an
     * {@code ssl://} URL, over {@code tls} (null: the JVM's default trust). A refused connection throws an
     * IllegalStateException whose cause is Paho's MqttException with the CONNACK reason code.
     */
    public static TestMqttClient connect(String brokerUrl, String clientId, String user, String password,
            SSLSocketFactory tls) {
        TestMqttClient client;
        try {
            client = new TestMqttClient(new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence()), clientId);
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad broker URL or client id: " + brokerUrl + ", " + clientId, e);
        }
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) (TIMEOUT_MILLIS / 1000));
            if (user != null) {
                options.setUserName(user);
                options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
            }
            if (tls != null) {
                options.setSocketFactory(tls);
            }
            IMqttToken token = client.client.connect(options);
            token.waitForCompletion(TIMEOUT_MILLIS);
            MqttProperties connack = token.getResponseProperties();
            Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
            client.publishWindow = new Semaphore(receiveMaximum == null ? 65_535 : receiveMaximum);
            return client;
        } catch (MqttException e) {
            client.close();
            throw new IllegalStateException("cannot connect " + clientId + " to " + brokerUrl
                    + (user == null ? " anonymously" : " as " + user) + ": " + e, e);
        }
    }

    /** Subscribes with QoS 1 and returns once the broker has granted every filter. */
    public TestMqttClient subscribe(String... topicFilters) {
        MqttSubscription[] subscriptions = Arrays.stream(topicFilters)
                .map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
        try {
            IMqttToken token = client.subscribe(subscriptions);
            token.waitForCompletion(TIMEOUT_MILLIS);
            int[] codes = token.getReasonCodes();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                    throw new IllegalStateException(clientId + ": subscription to " + topicFilters[i]
                            + " refused with reason code 0x" + Integer.toHexString(codes[i]));
                }
            }
            return this;
        } catch (MqttException e) {
            throw new IllegalStateException(clientId + ": cannot subscribe to " + Arrays.toString(topicFilters), e);
        }
    }

    /** Publishes UTF-8 text with QoS 1 and returns once the broker has acknowledged it. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes with QoS 1 and returns once the broker has acknowledged it. */
    public void publish(String topic, byte[] payload) {
        send(topic, new MqttMessage(payload, 1, false, null));
    }

    /** Publishes UTF-8 text retained with QoS 1 (a state the broker hands to every later subscriber); returns once acknowledged. */
    public void publishRetained(String topic, String payload) {
        send(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, true, null));
    }

    /** Publishes a request: QoS 1 with the MQTT 5 response topic and correlation data properties. */
    public void publishWithResponseTopic(String topic, String payload, String responseTopic, byte[] correlationData) {
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(responseTopic);
        properties.setCorrelationData(correlationData);
        send(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, properties));
    }

    /** Every message received so far, in arrival order (a snapshot). */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The messages received so far whose topic matches {@code topicFilter} (MQTT wildcards), in arrival order. */
    public List<Received> received(String topicFilter) {
        return received().stream().filter(r -> matches(topicFilter, r.topic())).toList();
    }

    /**
     * Waits up to 10 s for a message on {@code topicFilter} that satisfies {@code condition}, including those that arrived
     * before the call, and returns the first one.
     */
    public Received awaitOne(String topicFilter, Predicate<Received> condition) {
        try {
            return await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> received(topicFilter).stream().filter(condition).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            List<Received> all = received();
            throw new AssertionError(clientId + ": no matching message on " + topicFilter + " within " + AWAIT
                    + (disconnectReason == null ? "" : " (disconnected: " + disconnectReason + ")")
                    + "; received " + all.size() + " message(s)"
                    + all.stream().limit(20).map(r -> "\n  " + abbreviate(r.toString()))
                    .collect(Collectors.joining()), e);
        }
    }

    /** Forgets every message received so far. */
    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            // the broker may already be gone; closing is all that is left to do
        } finally {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // nothing more to release
            }
        }
    }

    /**
     * Whether {@code topic} matches the MQTT topic filter {@code filter}: {@code +} is exactly one level,
     * {@code #} (last) is any number of levels including none, and filters starting with a wildcard do not match
     * topics starting with {@code $}.
     */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] filterLevels = filter.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return i == filterLevels.length - 1;
            }
            if (i >= topicLevels.length || !(filterLevels[i].equals("+") || filterLevels[i].equals(topicLevels[i]))) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }

    private void send(String topic, MqttMessage message) {
        try {
            publishWindow.acquire();
            try {
                // Paho 1.2.5 can report its in-flight window full for a moment after the previous PUBACK
                // completed its token (REASON_CODE_MAX_INFLIGHT): wait for the window, do not fail.
                IMqttToken token = await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .ignoreExceptionsMatching(e -> e instanceof MqttException me
                                && me.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT)
                        .until(() -> client.publish(topic, message), t -> t != null);
                token.waitForCompletion(TIMEOUT_MILLIS);
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    throw new IllegalStateException(clientId + ": PUBLISH to " + topic
                            + " refused with reason code 0x" + Integer.toHexString(codes[0]));
                }
            } finally {
                publishWindow.release();
            }
        } catch (MqttException e) {
            throw new IllegalStateException(clientId + ": cannot publish to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(clientId + ": interrupted while publishing to " + topic, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Paho's callback; messages arrive on one Paho thread, so the list keeps arrival order. */
    private final class Recorder implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties properties = message.getProperties();
            Received arrived = new Received(topic, message.getPayload(),
                    properties == null ? null : properties.getResponseTopic(),
                    properties == null ? null : properties.getCorrelationData(), message.isRetained());
            synchronized (received) {
                received.add(arrived);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            disconnectReason = String.valueOf(response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
