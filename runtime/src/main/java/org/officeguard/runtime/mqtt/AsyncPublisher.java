package org.officeguard.runtime.mqtt;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.officeguard.runtime.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's outputs (an {@link Outbound} or a list of them) at QoS 1 without waiting for
 * each PUBACK before the next: up to a window of messages are in flight on the session, and the
 * exchange completes when the broker has acknowledged every one of its messages. That completion is
 * what lets the inbox acknowledge the input that produced them, so "acknowledged after its effect"
 * still holds while many inputs are in flight.
 *
 * <p>Nothing is dropped: the session is durable ({@code cleanStart=false}), so Paho sends in-flight
 * messages again after a reconnect, and a publish the client refuses (disconnected, say) is retried with
 * back-off. The window never exceeds the broker's receive maximum (HiveMQ CE announces 10), since Paho
 * refuses a publish beyond it.
 *
 * <p>Topic aliases are kept off. Paho 1.2.5 replaces the topic of a publish by an alias when the broker
 * allows aliases, and after a reconnect it sends the in-flight publish again with that alias only, which
 * the new connection does not know: the broker disconnects (reason 0x94), again and again. Paho has no
 * option for it, so the limit the broker granted is set back to 0 before each publish (by reflection).
 */
public final class AsyncPublisher extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncPublisher.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final OfficeMqttEndpoint endpoint;
    private final int requestedWindow;
    private volatile MqttAsyncClient client;
    private volatile Semaphore window;
    private volatile org.eclipse.paho.mqttv5.client.internal.MqttConnectionState connectionState;
    private ScheduledExecutorService retries;

    public AsyncPublisher(OfficeMqttEndpoint endpoint, int window) {
        super(endpoint);
        this.endpoint = endpoint;
        this.requestedWindow = window;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String clientId = endpoint.getConfiguration().getClientId();
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "officeguard-publish-retry-" + clientId);
            t.setDaemon(true);
            return t;
        });
        MqttAsyncClient c = new MqttAsyncClient(endpoint.getConfiguration().getBrokerUrl(), clientId,
                new MemoryPersistence());
        MqttConnectionOptions options = endpoint.connectionOptions();
        options.setCleanStart(false); // in-flight messages are sent again after a reconnect
        if (options.getSessionExpiryInterval() == null || options.getSessionExpiryInterval() <= 0) {
            options.setSessionExpiryInterval(86_400L);
        }
        c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
                LOG.warn("{} disconnected from the broker: {}", clientId, response);
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.warn("{}: {}", clientId, exception.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                noTopicAliases();
                if (reconnect) {
                    LOG.info("{} reconnected to {}", clientId, serverURI);
                }
            }

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
        });
        IMqttToken connected = c.connect(options);
        connected.waitForCompletion(endpoint.getConfiguration().getConnectionTimeout() * 1000L);
        Integer serverMax = connected.getResponseProperties() == null ? null
                : connected.getResponseProperties().getReceiveMaximum();
        int size = Math.max(1, Math.min(requestedWindow, serverMax == null ? 65_535 : serverMax));
        connectionState = connectionState(c);
        window = new Semaphore(size);
        client = c;
        LOG.info("Publishing as {} on {} (up to {} messages in flight)", clientId,
                endpoint.getConfiguration().getBrokerUrl(), size);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MqttAsyncClient c = client;
        client = null;
        if (retries != null) {
            for (Runnable waiting : retries.shutdownNow()) {
                waiting.run(); // a retry that would have come: now it finds the publisher stopped and gives up
            }
        }
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect().waitForCompletion(5_000);
                }
            } catch (MqttException e) {
                LOG.debug("disconnecting {}: {}", c.getClientId(), e.getMessage());
            } finally {
                c.close(true);
            }
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Outbound> messages;
        try {
            messages = outbound(exchange.getMessage().getBody());
        } catch (IllegalArgumentException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        Outcome outcome = new Outcome(exchange, callback, messages.size());
        for (Outbound out : messages) {
            window.acquireUninterruptibly(); // back-pressure: the caller waits while the window is full
            send(out, outcome, 0);
        }
        return outcome.loopDone();
    }

    /**
     * Completes the exchange once each of its messages is acknowledged or abandoned. A message is abandoned only
     * when the publisher stops before the broker took it: the exchange then fails, so that the input behind it
     * is not acknowledged (it is delivered again) and nothing waits for it.
     */
    private static final class Outcome {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final AtomicInteger left; // one extra count for the publishing loop: whoever reaches zero completes

        Outcome(Exchange exchange, AsyncCallback callback, int messages) {
            this.exchange = exchange;
            this.callback = callback;
            this.left = new AtomicInteger(messages + 1);
        }

        void acknowledged() {
            if (left.decrementAndGet() == 0) {
                callback.done(false);
            }
        }

        void abandoned(String topic, String why) {
            exchange.setException(new IllegalStateException("not published to " + topic + ": " + why));
            acknowledged();
        }

        /** True when every message was settled before the loop ended (the exchange completed synchronously). */
        boolean loopDone() {
            if (left.decrementAndGet() == 0) {
                callback.done(true);
                return true;
            }
            return false;
        }
    }

    private void send(Outbound out, Outcome outcome, int attempt) {
        MqttAsyncClient c = client;
        if (c == null) {
            retry(out, outcome, attempt, "publisher stopped");
            return;
        }
        noTopicAliases();
        MqttMessage message = new MqttMessage(out.payload());
        message.setQos(1);
        message.setRetained(out.retained());
        if (out.properties() != null) {
            message.setProperties(out.properties());
        }
        try {
            c.publish(out.topic(), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                    outcome.acknowledged();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retry(out, outcome, attempt + 1, String.valueOf(failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            retry(out, outcome, attempt + 1, e.toString());
        }
    }

    private void retry(Outbound out, Outcome outcome, int attempt, String why) {
        if (!isRunAllowed()) {
            window.release();
            LOG.warn("Not publishing {}: stopping ({})", out.topic(), why);
            outcome.abandoned(out.topic(), why);
            return;
        }
        long delay = Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 6));
        LOG.warn("Publishing to {} failed ({}); retrying in {} ms", out.topic(), why, delay);
        retries.schedule(() -> send(out, outcome, attempt), delay, TimeUnit.MILLISECONDS);
    }

    private void noTopicAliases() {
        var state = connectionState;
        if (state != null) {
            Integer granted = state.getOutgoingTopicAliasMaximum();
            if (granted != null && granted > 0) {
                state.setOutgoingTopicAliasMaximum(0);
            }
        }
    }

    private static org.eclipse.paho.mqttv5.client.internal.MqttConnectionState connectionState(MqttAsyncClient c) {
        try {
            java.lang.reflect.Field f = MqttAsyncClient.class.getDeclaredField("mqttConnection");
            f.setAccessible(true);
            return (org.eclipse.paho.mqttv5.client.internal.MqttConnectionState) f.get(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot turn Paho's topic aliases off ({}): a reconnect with messages in flight may loop", e.toString());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Outbound> outbound(Object body) {
        if (body instanceof Outbound o) {
            return List.of(o);
        }
        if (body instanceof Collection<?> c && c.stream().allMatch(Outbound.class::isInstance)) {
            return List.copyOf((Collection<Outbound>) c);
        }
        throw new IllegalArgumentException("expected an Outbound or a list of them to publish, not "
                + (body == null ? "null" : body.getClass().getName()));
    }
}
