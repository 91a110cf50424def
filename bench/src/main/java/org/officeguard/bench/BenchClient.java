package org.officeguard.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.officeguard.simulator.mqtt.NoDelaySocketFactory;

/**
 * A Paho MQTT 5 async client for the benchmark: TCP_NODELAY, clean session, QoS 1 publishing with an
 * in-flight window (a semaphore released on each PUBACK, never larger than the broker's receive maximum),
 * and a handler called for every message received (on Paho's callback thread; the PUBACK follows its return).
 */
final class BenchClient implements AutoCloseable {

    private final MqttAsyncClient client;
    private final Semaphore window;
    private final int windowSize;
    private final AtomicLong failed = new AtomicLong();
    private final MqttActionListener onAck;

    private BenchClient(MqttAsyncClient client, int windowSize) {
        this.client = client;
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        this.onAck = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                failed.incrementAndGet();
                window.release();
            }
        };
    }

    static BenchClient connect(String url, String clientId, int requestedWindow, BiConsumer<String, byte[]> handler)
            throws MqttException {
        return connect(url, clientId, requestedWindow, handler, false);
    }

    /**
     * {@code durable}: a session that outlives the connection (cleanStart=false, one-hour expiry), as every
     * officeguard service's session is; a broker may queue messages for such a session differently.
     */
    static BenchClient connect(String url, String clientId, int requestedWindow, BiConsumer<String, byte[]> handler,
            boolean durable) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(!durable);
        options.setSessionExpiryInterval(durable ? 3600L : 0L);
        options.setAutomaticReconnect(false);
        options.setSocketFactory(new NoDelaySocketFactory());
        options.setReceiveMaximum(65535);
        options.setKeepAliveInterval(60);
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (handler != null) {
                    handler.accept(topic, message.getPayload());
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                System.err.println("bench: client " + clientId + " disconnected: " + response.getReasonString());
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                System.err.println("bench: client " + clientId + ": " + e);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        IMqttToken connected = client.connect(options);
        connected.waitForCompletion(10_000);
        int serverMax = 65535;
        MqttProperties connack = connected.getResponseProperties();
        if (connack != null && connack.getReceiveMaximum() != null) {
            serverMax = connack.getReceiveMaximum();
        }
        return new BenchClient(client, Math.max(1, Math.min(requestedWindow, serverMax)));
    }

    int window() {
        return windowSize;
    }

    long failedPublishes() {
        return failed.get();
    }

    void subscribe(String... filters) throws MqttException {
        MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
        for (int index = 0; index < filters.length; index++) {
            subscriptions[index] = new MqttSubscription(filters[index], 1);
        }
        client.subscribe(subscriptions).waitForCompletion(10_000);
    }

    /** Publishes at QoS 1, waiting only for a free slot of the in-flight window. */
    void publish(String topic, byte[] payload) throws MqttException, InterruptedException {
        window.acquire();
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        try {
            client.publish(topic, message, null, onAck);
        } catch (MqttException e) {
            window.release();
            throw e;
        }
    }

    /** Publishes retained at QoS 1 (a state the broker keeps for every later subscriber), as {@link #publish}. */
    void publishRetained(String topic, byte[] payload) throws MqttException, InterruptedException {
        window.acquire();
        try {
            client.publish(topic, new MqttMessage(payload, 1, true, null), null, onAck);
        } catch (MqttException e) {
            window.release();
            throw e;
        }
    }

    /** Waits until every publish so far has its PUBACK. */
    void drain(long timeoutMillis) throws InterruptedException {
        if (!window.tryAcquire(windowSize, timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("publishes not acknowledged within " + timeoutMillis + " ms");
        }
        window.release(windowSize);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
