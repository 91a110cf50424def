package org.officeguard.camel.hivemq;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's outputs (an {@link Outbound} or a list of them) at QoS 1 without waiting for
 * each PUBACK before the next: the exchange completes when the broker has acknowledged every one of its
 * messages. That completion is what lets the inbox acknowledge the input that produced them, so
 * "acknowledged after its effect" still holds while many inputs are in flight.
 *
 * <p>How much is in flight is bounded upstream: an output exists because an input was delivered, and the
 * inbox holds at most {@link HiveMqttConsumer#MAX_UNACKNOWLEDGED} unacknowledged inputs. Beyond the broker's
 * own receive maximum the client queues publishes itself.
 *
 * <p>Nothing is dropped: the session is durable, so the client sends in-flight messages again after a
 * reconnect, and a publish that fails (refused by the broker, say) is retried with back-off until the
 * publisher stops.
 */
public final class HiveMqttProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(HiveMqttProducer.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final HiveMqttEndpoint endpoint;
    private volatile MqttSession session;
    private ScheduledExecutorService retries;

    public HiveMqttProducer(HiveMqttEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "officeguard-publish-retry-" + endpoint.clientId());
            t.setDaemon(true);
            return t;
        });
        session = endpoint.acquireSession();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MqttSession s = session;
        session = null;
        if (retries != null) {
            for (Runnable waiting : retries.shutdownNow()) {
                waiting.run(); // a retry that would have come: now it finds the publisher stopped and gives up
            }
        }
        if (s != null) {
            endpoint.releaseSession(s);
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
        MqttSession s = session;
        if (s == null) {
            retry(out, outcome, attempt, "publisher stopped");
            return;
        }
        s.publish(out).whenComplete((result, failure) -> {
            Throwable error = failure != null ? failure : result.getError().orElse(null);
            if (error == null) {
                outcome.acknowledged();
            } else {
                retry(out, outcome, attempt + 1, error.toString());
            }
        });
    }

    private void retry(Outbound out, Outcome outcome, int attempt, String why) {
        if (!isRunAllowed()) {
            LOG.warn("Not publishing {}: stopping ({})", out.topic(), why);
            outcome.abandoned(out.topic(), why);
            return;
        }
        long delay = Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 6));
        LOG.warn("Publishing to {} failed ({}); retrying in {} ms", out.topic(), why, delay);
        retries.schedule(() -> send(out, outcome, attempt), delay, TimeUnit.MILLISECONDS);
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
