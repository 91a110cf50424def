package org.officeguard.runtime.mqtt;

import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Persistence;
import org.apache.camel.support.DefaultConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT session subscribed to several filters, acknowledging each message only after its route has
 * completed — its outputs acknowledged by the broker, its effect made durable — and always in the order
 * the broker delivered the messages (MQTT requires PUBACKs in order).
 *
 * <p>Each message starts its route on Paho's callback thread, so the rules see messages one at a time
 * in delivery order; but the route does not hold that thread while its outputs are in flight (the
 * publisher is asynchronous), so the next message is handled meanwhile. Completed messages are
 * acknowledged from the head of an ordered queue (Paho's manual acks): first the endpoint's
 * {@link OfficeMqttEndpoint#onAcknowledge} hook sees them (the service's journal), then the PUBACKs go
 * out. A message still retrying holds back the acknowledgement of every later one.
 *
 * <p>After a reconnect the broker sends the unacknowledged messages again; the ones already handled
 * are not acknowledged on the new connection (their packet ids belong to the old one) and are
 * recognised as duplicates when they come back.
 */
public class MultiTopicConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MultiTopicConsumer.class);

    /** Messages handled but not yet acknowledged, at most (then delivery waits). */
    private static final int MAX_UNACKNOWLEDGED = 10_000;

    private volatile MqttClient client;
    private volatile boolean subscribed;
    /** Messages in delivery order, until acknowledged. Guarded by itself. */
    private final java.util.ArrayDeque<Delivery> unacknowledged = new java.util.ArrayDeque<>();
    /** Counts connections: an acknowledgement is only sent on the connection its message came on. */
    private final java.util.concurrent.atomic.AtomicInteger connection = new java.util.concurrent.atomic.AtomicInteger();
    /** Acknowledges completed messages in groups, in order, off the threads that complete them. */
    private java.util.concurrent.ScheduledExecutorService acknowledger;
    private final java.util.concurrent.atomic.AtomicBoolean ackScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    /** When the last group was taken ({@link System#nanoTime}): the next waits for the endpoint's interval. */
    private volatile long lastGroupNanos;

    /** One delivered message: its packet id on the connection it came on, and whether its route is done. */
    private static final class Delivery {
        final int messageId;
        final int qos;
        final int connection;
        final Exchange exchange;
        volatile boolean done;

        Delivery(int messageId, int qos, int connection, Exchange exchange) {
            this.messageId = messageId;
            this.qos = qos;
            this.connection = connection;
            this.exchange = exchange;
        }
    }

    public MultiTopicConsumer(OfficeMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public OfficeMqttEndpoint getEndpoint() {
        return (OfficeMqttEndpoint) super.getEndpoint();
    }

    /** Connected and subscribed: what {@code /health} calls ready. */
    public boolean isReady() {
        MqttClient c = client;
        return c != null && c.isConnected() && subscribed;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PahoMqtt5Configuration config = getEndpoint().getConfiguration();
        String clientId = config.getClientId() != null ? config.getClientId() : "officeguard-" + UUID.randomUUID();
        lastGroupNanos = System.nanoTime() - getEndpoint().acknowledgementInterval().toNanos(); // the first group at once
        acknowledger = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "officeguard-ack-" + clientId);
            t.setDaemon(true);
            return t;
        });
        MqttClient c = new MqttClient(config.getBrokerUrl(), clientId, persistence(config));
        c.setManualAcks(true);
        c.setCallback(new Callback());
        client = c;
        LOG.info("Connecting {} to {} for {}", clientId, config.getBrokerUrl(), getEndpoint().topicFilters());
        c.connect(getEndpoint().connectionOptions());
        subscribe();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MqttClient c = client;
        client = null;
        subscribed = false;
        if (acknowledger != null) {
            acknowledger.shutdown();
        }
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect();
                }
            } finally {
                c.close(true);
            }
        }
    }

    private void subscribe() throws MqttException {
        List<String> filters = getEndpoint().topicFilters();
        int qos = getEndpoint().getConfiguration().getQos();
        MqttSubscription[] subs = filters.stream().map(f -> new MqttSubscription(f, qos)).toArray(MqttSubscription[]::new);
        IMqttToken token = client.subscribe(subs);
        for (int rc : token.getReasonCodes()) {
            if (rc >= 0x80) {
                throw new IllegalStateException("broker refused subscription to " + filters + " (reason code " + rc + ")");
            }
        }
        subscribed = true;
    }

    private static MqttClientPersistence persistence(PahoMqtt5Configuration config) {
        if (config.getPersistence() == PahoMqtt5Persistence.MEMORY) {
            return new MemoryPersistence();
        }
        return config.getFilePersistenceDirectory() != null
                ? new MqttDefaultFilePersistence(config.getFilePersistenceDirectory())
                : new MqttDefaultFilePersistence();
    }

    private Exchange createExchange(String topic, MqttMessage message) {
        Exchange exchange = createExchange(false); // released once acknowledged, not when the route completes
        exchange.getIn().setBody(message.getPayload());
        exchange.getIn().setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
        exchange.getIn().setHeader(PahoMqtt5Constants.MQTT_QOS, message.getQos());
        exchange.getIn().setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, message.getProperties());
        return exchange;
    }

    /**
     * Wakes the acknowledger; completions that come while it works are taken in its next group. With an
     * acknowledgement interval the next group is taken that long after the last one at the earliest, so
     * that more inputs share one durable write (reporting's database commit).
     */
    private void completed() {
        if (ackScheduled.compareAndSet(false, true)) {
            Runnable group = () -> {
                ackScheduled.set(false);
                lastGroupNanos = System.nanoTime();
                acknowledgeCompleted();
            };
            long wait = getEndpoint().acknowledgementInterval().toNanos() - (System.nanoTime() - lastGroupNanos);
            if (wait > 0) {
                acknowledger.schedule(group, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
            } else {
                acknowledger.execute(group);
            }
        }
    }

    /**
     * On the acknowledger thread only: takes every message at the head of the queue whose route is done,
     * lets the endpoint's hook make the group durable (one journal write, one commit), then acknowledges
     * them in order. A group the hook cannot make durable is not acknowledged, and neither is anything
     * after it on this connection: the session is restarted and the broker sends them all again.
     */
    private void acknowledgeCompleted() {
        List<Delivery> ready = new java.util.ArrayList<>();
        synchronized (unacknowledged) {
            while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().done) {
                ready.add(unacknowledged.pollFirst());
            }
            if (ready.isEmpty()) {
                return;
            }
            unacknowledged.notifyAll();
        }
        try {
            getEndpoint().acknowledging().accept(ready.stream().map(d -> d.exchange).toList());
        } catch (RuntimeException e) {
            LOG.error("Could not make {} handled messages durable ({}); not acknowledging them: restarting the session"
                    + " so that the broker sends them again", ready.size(), e.getMessage(), e);
            ready.forEach(d -> releaseExchange(d.exchange, false));
            restartSession();
            return;
        }
        MqttClient c = client;
        for (Delivery d : ready) {
            if (d.qos > 0 && c != null && d.connection == connection.get()) {
                try {
                    c.messageArrivedComplete(d.messageId, d.qos);
                } catch (MqttException e) {
                    LOG.debug("Acknowledging message {}: {} (sent again by the broker)", d.messageId, e.getMessage());
                }
            }
            releaseExchange(d.exchange, false);
        }
    }

    /** Drops this connection (nothing more is acknowledged on it) and connects again. */
    private void restartSession() {
        connection.incrementAndGet();
        MqttClient c = client;
        if (c == null) {
            return;
        }
        startDaemon("officeguard-session-restart", () -> {
            for (long backoff = 250; client == c && isRunAllowed(); backoff = Math.min(backoff * 2, 5_000)) {
                try {
                    if (c.isConnected()) {
                        c.disconnect();
                    }
                    c.connect(getEndpoint().connectionOptions());
                    subscribe();
                    return;
                } catch (MqttException | RuntimeException e) {
                    LOG.warn("Restarting the session failed ({}); retrying in {} ms", e.getMessage(), backoff);
                    try {
                        Thread.sleep(backoff); // a reconnect back-off on a plain thread, not a test wait
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    private static void startDaemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            Exchange exchange = createExchange(topic, message);
            Delivery delivery = new Delivery(message.getId(), message.getQos(), connection.get(), exchange);
            synchronized (unacknowledged) {
                while (unacknowledged.size() >= MAX_UNACKNOWLEDGED) {
                    unacknowledged.wait();
                }
                unacknowledged.addLast(delivery);
            }
            getAsyncProcessor().process(exchange, doneSync -> {
                if (exchange.getException() instanceof org.officeguard.runtime.RetryableException) {
                    // a dependency still away as the service stops (UntilAvailable): this message and every one after
                    // it stay unacknowledged, and the broker sends them again to the next session
                    return;
                }
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Failed on " + topic, exchange, exchange.getException());
                }
                delivery.done = true;
                completed();
            });
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                // Not on this thread: it also delivers the messages the broker kept for the session, and the
                // broker may send those before the SUBACK, which this thread would then never read (deadlock).
                startDaemon("officeguard-resubscribe", () -> {
                    try {
                        LOG.info("Reconnected to {}: subscribing again to {}", serverURI, getEndpoint().topicFilters());
                        subscribe();
                    } catch (Exception e) {
                        LOG.error("Could not subscribe again after reconnecting: {}", e.getMessage(), e);
                    }
                });
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            subscribed = false;
            connection.incrementAndGet(); // packet ids of the old connection are not acknowledged on the next one
            LOG.warn("Disconnected from the broker: {}", response.getReasonString(), response.getException());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
