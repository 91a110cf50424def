package org.officeguard.camel.hivemq;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every topic filter of its endpoint on the endpoint's session, and acknowledges each message only after
 * its route has completed — its outputs acknowledged by the broker, its effect made durable — and always
 * in the order the broker delivered the messages.
 *
 * <p>Each message starts its route on the session's delivery thread, so the rules see messages one at
 * a time in delivery order; but the route does not hold that thread while its outputs are in flight (the
 * producer is asynchronous), so the next message is handled meanwhile. Completed messages are
 * acknowledged from the head of an ordered queue: first the endpoint's
 * {@link AcknowledgeHook} sees them (the service's journal), then the PUBACKs go out. A message still
 * retrying holds back the acknowledgement of every later one, and a message whose route ends in a
 * {@link LeaveUnacknowledgedException} is never acknowledged by this consumer.
 *
 * <p>After a reconnect the broker sends the unacknowledged messages again; the ones already handled
 * are recognised as duplicates when they come back (the client drops acknowledgements meant for the old
 * connection).
 *
 * <p>Its health check ({@link HiveMqttConsumerHealthCheck}, in Camel's consumers health-check repository) is up while
 * the session is connected and subscribed.
 */
public class HiveMqttConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(HiveMqttConsumer.class);

    /**
     * Messages handled but not yet acknowledged, at most: then delivery waits (on the session's delivery thread;
     * the PUBACKs that free room complete on its other thread), and the broker holds the rest.
     */
    static final int MAX_UNACKNOWLEDGED = 10_000;

    private volatile MqttSession session;
    private volatile boolean subscribed;
    /** Messages in delivery order, until acknowledged. Guarded by itself. */
    private final ArrayDeque<Delivery> unacknowledged = new ArrayDeque<>();
    /** Acknowledges completed messages in groups, in order, off the threads that complete them. */
    private ScheduledExecutorService acknowledger;
    private final AtomicBoolean ackScheduled = new AtomicBoolean();
    /** When the last group was taken ({@link System#nanoTime}): the next waits for the endpoint's interval. */
    private volatile long lastGroupNanos;

    /** One delivered message and whether its route is done. */
    private static final class Delivery {
        final MqttSession session;
        final Mqtt5Publish message;
        final Exchange exchange;
        volatile boolean done;

        Delivery(MqttSession session, Mqtt5Publish message, Exchange exchange) {
            this.session = session;
            this.message = message;
            this.exchange = exchange;
        }
    }

    public HiveMqttConsumer(HiveMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public HiveMqttEndpoint getEndpoint() {
        return (HiveMqttEndpoint) super.getEndpoint();
    }

    /** Connected and subscribed. */
    public boolean isReady() {
        MqttSession current = session;
        return current != null && subscribed && current.isConnected();
    }

    /** Whether this consumer has subscribed its topic filters on its session (and not stopped since). */
    boolean isSubscribed() {
        return subscribed;
    }

    /** Whether this consumer's session is connected to the broker now. */
    boolean isConnected() {
        MqttSession current = session;
        return current != null && current.isConnected();
    }

    /** How often this consumer's session was started afresh because the broker kept breaking the protocol. */
    public long sessionsDiscarded() {
        MqttSession current = session;
        return current == null ? 0 : current.sessionsDiscarded();
    }

    /** How often another client (a second process with the same client id) took this consumer's session over. */
    public long sessionsTakenOver() {
        MqttSession current = session;
        return current == null ? 0 : current.sessionsTakenOver();
    }

    /** The last time this consumer's session was started afresh, and why; null if it never was. */
    public SessionDiscard lastSessionDiscard() {
        MqttSession current = session;
        return current == null ? null : current.lastDiscard();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HiveMqttEndpoint endpoint = getEndpoint();
        // The health check is optional: Camel's consumers repository calls it when camel-health is present.
        if (HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "consumers",
                HealthCheckRepository.class) != null) {
            HiveMqttConsumerHealthCheck check = new HiveMqttConsumerHealthCheck(this, getRouteId());
            check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        lastGroupNanos = System.nanoTime() - intervalNanos(); // the first group at once
        acknowledger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "officeguard-ack-" + endpoint.getClientId());
            thread.setDaemon(true);
            return thread;
        });
        MqttSession opened = endpoint.acquireSession();
        session = opened;
        LOG.info("{} takes {}", endpoint.getClientId(), endpoint.topicFilters());
        opened.subscribe(endpoint.topicFilters());
        subscribed = true;
        opened.attach(message -> arrived(opened, message));
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MqttSession current = session;
        session = null;
        subscribed = false;
        if (acknowledger != null) {
            acknowledger.shutdown();
            // A group already due is made durable and acknowledged while the session is still open, so that the
            // broker does not send it again to the next session (it would be recognised, but needlessly).
            if (!acknowledger.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{}: the last acknowledgements did not finish within 5 s; the broker will send them again",
                        getEndpoint().getClientId());
            }
        }
        synchronized (unacknowledged) {
            unacknowledged.notifyAll(); // a delivery waiting for room gives up: nothing more is acknowledged
        }
        if (current != null) {
            current.detach();
            getEndpoint().releaseSession(current);
        }
    }

    private long intervalNanos() {
        return TimeUnit.MILLISECONDS.toNanos(getEndpoint().getAcknowledgeInterval());
    }

    private Exchange createExchange(Mqtt5Publish message) {
        Exchange exchange = createExchange(false); // released once acknowledged, not when the route completes
        exchange.getIn().setBody(message.getPayloadAsBytes());
        exchange.getIn().setHeader(HiveMqttConstants.TOPIC, message.getTopic().toString());
        message.getResponseTopic().ifPresent(topic ->
                exchange.getIn().setHeader(HiveMqttConstants.RESPONSE_TOPIC, topic.toString()));
        message.getCorrelationData().ifPresent(data ->
                exchange.getIn().setHeader(HiveMqttConstants.CORRELATION_DATA, bytes(data)));
        return exchange;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
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
            long wait = intervalNanos() - (System.nanoTime() - lastGroupNanos);
            if (wait > 0) {
                acknowledger.schedule(group, wait, TimeUnit.NANOSECONDS);
            } else {
                acknowledger.execute(group);
            }
        }
    }

    /**
     * On the acknowledger thread only: takes every message at the head of the queue whose route is done,
     * lets the endpoint's {@link AcknowledgeHook} make the group durable (one journal write, one commit),
     * then acknowledges them in order. A group the hook cannot make durable is not acknowledged, and neither
     * is anything after it on this connection: the session is restarted and the broker sends them all again.
     */
    private void acknowledgeCompleted() {
        List<Delivery> ready = new ArrayList<>();
        synchronized (unacknowledged) {
            while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().done) {
                ready.add(unacknowledged.pollFirst());
            }
            if (ready.isEmpty()) {
                return;
            }
            unacknowledged.notifyAll();
        }
        AcknowledgeHook hook = getEndpoint().getAcknowledgeHook();
        try {
            if (hook != null) {
                hook.beforeAcknowledge(ready.stream().map(delivery -> delivery.exchange).toList());
            }
        } catch (RuntimeException e) {
            LOG.error("Could not make {} handled messages durable ({}); not acknowledging them: restarting the session"
                    + " so that the broker sends them again", ready.size(), e.getMessage(), e);
            MqttSession current = session;
            if (current != null) {
                current.restart();
            }
        }
        // After a restart has begun the client drops these acknowledgements (no PUBACK on a closed connection);
        // they are still given, since only so does it go on acknowledging the messages behind them.
        for (Delivery delivery : ready) {
            delivery.session.acknowledge(delivery.message);
            releaseExchange(delivery.exchange, false);
        }
    }

    /** On the session's delivery thread, in delivery order. */
    private void arrived(MqttSession from, Mqtt5Publish message) {
        Exchange exchange = createExchange(message);
        Delivery delivery = new Delivery(from, message, exchange);
        synchronized (unacknowledged) {
            while (unacknowledged.size() >= MAX_UNACKNOWLEDGED) {
                if (!isRunAllowed()) {
                    return; // stopping: left unacknowledged, the broker sends it again
                }
                try {
                    unacknowledged.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            unacknowledged.addLast(delivery);
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() instanceof LeaveUnacknowledgedException) {
                // a dependency still away as the service stops: this message and every one after it stay
                // unacknowledged, and the broker sends them again to the next session
                return;
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Failed on " + message.getTopic(), exchange, exchange.getException());
            }
            delivery.done = true;
            completed();
        });
    }
}
