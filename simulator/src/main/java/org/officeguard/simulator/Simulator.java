package org.officeguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.simulator.mqtt.NoDelaySocketFactory;

/**
 * Plays a {@link Scenario} over MQTT as the office's devices: door readers, PC agents, the exit panel,
 * reception and a clock, all QoS 1 on one connection (so the broker receives them in the order they
 * happened). A door reader waits for the decision of each badge before anything else is sent (SPEC §4:
 * this keeps causality whatever the speed). Likewise, after a HASS.Agent message that the device-bridge makes a
 * PC state of (SPEC §8), nothing else is sent before that PC state is on the broker: the services then take it
 * before the clock ticks that follow it, as they would take the agent's own §2 report.
 */
public final class Simulator implements AutoCloseable {

    /** Called before the first message past a day's close point: lets the services catch up first. */
    @FunctionalInterface
    public interface DayCloseHook {
        void beforeDayCloses(LocalDate day) throws InterruptedException;
    }

    /** What a play tells whoever watches it (a test): each message before it goes, each badge's decision. */
    public interface Listener {
        /** Called before {@code message} is published: lets a test act at a point of event time. */
        default void beforePublish(DeviceMessage message) throws InterruptedException {}

        /**
         * The decision of {@code badge} arrived, {@code latency} after the badge was handed to the MQTT client (what
         * the door reader waited); called on the client's thread.
         */
        default void decided(DeviceMessage badge, JsonNode decision, Duration latency) {}
    }

    /**
     * @param speed real-time factor (1 = real time); 0 or less: as fast as the broker takes it
     * @param progress where to draw the progress line, or null
     * @param listener who watches the play, or null
     */
    public record Options(double speed, Duration decisionTimeout, DayCloseHook dayCloseHook, PrintStream progress,
            Listener listener) {
        public static Options maxSpeed() {
            return new Options(0, Duration.ofSeconds(15), null, null, null);
        }

        public Options withSpeed(double factor) {
            return new Options(factor, decisionTimeout, dayCloseHook, progress, listener);
        }

        public Options withDayCloseHook(DayCloseHook hook) {
            return new Options(speed, decisionTimeout, hook, progress, listener);
        }

        public Options withProgress(PrintStream line) {
            return new Options(speed, decisionTimeout, dayCloseHook, line, listener);
        }

        public Options withDecisionTimeout(Duration timeout) {
            return new Options(speed, timeout, dayCloseHook, progress, listener);
        }

        public Options withListener(Listener watcher) {
            return new Options(speed, decisionTimeout, dayCloseHook, progress, watcher);
        }
    }

    /**
     * What was sent, and how the door decisions compared with the model's; {@code translationTimeouts} counts the
     * HASS.Agent messages whose PC state the device-bridge did not publish in time.
     */
    public record Result(long published, long badges, long decisionsAsExpected, List<String> unexpectedDecisions,
            long decisionTimeouts, Duration took, Duration waitingForDecisions, long translationTimeouts) {}

    private final MqttAsyncClient client;
    private final Topics topics;
    private final String site;
    private final Semaphore window;
    private final int windowSize;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private volatile String lost;

    private volatile boolean pcStatesSubscribed;

    private Simulator(MqttAsyncClient client, Topics topics, String site, int windowSize) {
        this.client = client;
        this.topics = topics;
        this.site = site;
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
    }

    /**
     * Connects to {@code brokerUrl} and subscribes to the site's door decisions.
     *
     * @param user MQTT user name, or null for anonymous
     */
    public static Simulator connect(String brokerUrl, String clientId, String topicRoot, String site, String user,
            char[] password) {
        return connect(brokerUrl, clientId, topicRoot, site, user, password, null);
    }

    /**
     * As {@link #connect(String, String, String, String, String, char[])}, over TLS when the URL is
     * {@code ssl://}: {@code tls} must trust the broker's certificate.
     */
    public static Simulator connect(String brokerUrl, String clientId, String topicRoot, String site, String user,
            char[] password, SSLSocketFactory tls) {
        if (brokerUrl.startsWith("ssl://") && tls == null) {
            throw new IllegalArgumentException(brokerUrl + " uses TLS: give the broker's CA (--mqtt-ca FILE.pem)");
        }
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad broker URL '" + brokerUrl + "': " + e.getMessage(), e);
        }
        Callbacks callbacks = new Callbacks();
        client.setCallback(callbacks);
        try {
            IMqttToken token = client.connect(options(brokerUrl, user, password, tls));
            token.waitForCompletion(15_000);
            MqttProperties connack = token.getResponseProperties();
            Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
            int size = Math.max(1, Math.min(receiveMaximum == null ? 65_535 : receiveMaximum, 1000));
            Topics topics = new Topics(topicRoot);
            Simulator simulator = new Simulator(client, topics, site, size);
            callbacks.simulator = simulator;
            subscribe(client, topics.decision(site, "+"));
            return simulator;
        } catch (MqttException e) {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // nothing more to release
            }
            throw new IllegalStateException("cannot connect the simulator to " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    /** A clean session, no automatic reconnect; TCP_NODELAY on plain TCP, {@code tls} on {@code ssl://}. */
    private static MqttConnectionOptions options(String brokerUrl, String user, char[] password, SSLSocketFactory tls) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (brokerUrl.startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySocketFactory());
        } else if (tls != null) {
            options.setSocketFactory(tls);
        }
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password == null ? new byte[0] : new String(password).getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    /** Subscribes to {@code filter}; the broker refusing (an ACL) is an error, not silence. */
    private static void subscribe(MqttAsyncClient client, String filter) throws MqttException {
        IMqttToken subscription = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        subscription.waitForCompletion(15_000);
        for (int code : subscription.getReasonCodes()) {
            if (code >= 0x80) {
                throw new IllegalStateException("the broker refused the subscription to " + filter
                        + " (reason code 0x" + Integer.toHexString(code) + ")");
            }
        }
    }

    /** What the client reports, passed on to the simulator once there is one. */
    private static final class Callbacks implements MqttCallback {
        private volatile Simulator simulator;

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (simulator != null) {
                simulator.lost = "disconnected by the broker: " + response;
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            if (simulator != null) {
                simulator.lost = "MQTT error: " + e;
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (simulator != null) {
                simulator.answer(message.getPayload());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            if (simulator != null && token.getMessageId() != 0) {
                simulator.window.release();
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    /** A door decision, or a PC state the device-bridge published: completes the wait for it, if any. */
    private void answer(byte[] payload) {
        try {
            JsonNode answer = Payloads.JSON.readTree(payload);
            CompletableFuture<JsonNode> awaited = pending.remove(answer.path("eventId").asText());
            if (awaited != null) {
                awaited.complete(answer);
            }
        } catch (IOException e) {
            // not an answer to anything we sent; ignore
        }
    }

    /** Publishes the scenario's messages in order; returns once the broker has acknowledged every one. */
    public Result play(Scenario scenario, Options options) throws InterruptedException {
        if (!pcStatesSubscribed && scenario.messages().stream().anyMatch(m -> m.kind() == DeviceMessage.Kind.AGENT_STATE)) {
            try {
                subscribe(client, topics.pcState(site, "+"));
            } catch (MqttException e) {
                throw new IllegalStateException("cannot subscribe to the site's PC states: " + e.getMessage(), e);
            }
            pcStatesSubscribed = true;
        }
        return new Playback(this, scenario, options).play();
    }

    /** Waits for the answer (a decision, a PC state) whose event id is {@code eventId}: complete once it is here. */
    CompletableFuture<JsonNode> expect(String eventId) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(eventId, answer);
        return answer;
    }

    /** No longer waits for the answer to {@code eventId}. */
    void forget(String eventId) {
        pending.remove(eventId);
    }

    String site() {
        return site;
    }

    Topics topics() {
        return topics;
    }

    /** Publishes {@code message} QoS 1 within the window of messages the broker has not acknowledged yet. */
    void publish(DeviceMessage message) throws InterruptedException {
        if (lost != null) {
            throw new IllegalStateException("the simulator lost its broker connection: " + lost);
        }
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker acknowledged nothing for 30 s");
        }
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                client.publish(message.topic(), new MqttMessage(message.payload(), 1, false, null));
                return;
            } catch (MqttException e) {
                // Paho may count a slot as in flight a moment after its PUBACK completed: try again shortly
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT && System.nanoTime() < giveUp) {
                    TimeUnit.MILLISECONDS.sleep(1);
                    continue;
                }
                window.release();
                throw new IllegalStateException("cannot publish to " + message.topic() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Waits until the broker has acknowledged everything published so far. */
    public void flush() throws InterruptedException {
        if (!window.tryAcquire(windowSize, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not acknowledge the last messages within 30 s");
        }
        window.release(windowSize);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            // the broker may be gone already
        } finally {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // nothing more to release
            }
        }
    }
}
