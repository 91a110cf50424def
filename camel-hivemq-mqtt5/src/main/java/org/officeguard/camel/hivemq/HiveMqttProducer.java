package org.officeguard.camel.hivemq;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.officeguard.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an exchange's {@link Outbound} (or list of them) at QoS 1 without waiting for
 * each PUBACK before the next: the exchange completes when the broker has acknowledged every one of its
 * messages. That completion is what lets a {@link HiveMqttConsumer} acknowledge the input that produced them,
 * so "acknowledged after its effect" holds while many inputs are in flight.
 *
 * <p>How much is in flight is bounded upstream: an output exists because an input was delivered, and the
 * consumer holds at most {@link HiveMqttConsumer#MAX_UNACKNOWLEDGED} unacknowledged inputs. Beyond the broker's
 * own receive maximum the client queues publishes itself.
 *
 * <p>Nothing is dropped: the session is durable, so the client sends in-flight messages again after a
 * reconnect, and a publish that fails (refused by the broker, say) is retried with back-off (200 ms, doubling to
 * 5 s) until the producer stops.
 */
public final class HiveMqttProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(HiveMqttProducer.class);
    private static final Backoff RETRY = Backoff.of(200, 5_000);

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
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "officeguard-publish-retry-" + endpoint.getClientId());
            thread.setDaemon(true);
            return thread;
        });
        session = endpoint.acquireSession();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MqttSession current = session;
        session = null;
        if (retries != null) {
            for (Runnable waiting : retries.shutdownNow()) {
                waiting.run(); // a retry that would have come: now it finds the producer stopped and gives up
            }
        }
        if (current != null) {
            endpoint.releaseSession(current);
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
            send(out, outcome, RETRY.attempts());
        }
        return outcome.loopDone();
    }

    /**
     * Completes the exchange once each of its messages is acknowledged or abandoned. A message is abandoned only
     * when the producer stops before the broker took it: the exchange then fails, so that the input behind it
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

    /** {@code attempts}: this message's failures so far (one message's attempts run one after another). */
    private void send(Outbound out, Outcome outcome, Backoff.Attempts attempts) {
        MqttSession current = session;
        if (current == null) {
            retry(out, outcome, attempts, "producer stopped");
            return;
        }
        current.publish(out).whenComplete((result, failure) -> {
            Throwable error = failure != null ? failure : result.getError().orElse(null);
            if (error == null) {
                outcome.acknowledged();
            } else {
                retry(out, outcome, attempts, error.toString());
            }
        });
    }

    private void retry(Outbound out, Outcome outcome, Backoff.Attempts attempts, String why) {
        if (!isRunAllowed()) {
            LOG.warn("Not publishing {}: stopping ({})", out.topic(), why);
            outcome.abandoned(out.topic(), why);
            return;
        }
        Duration delay = attempts.failed();
        LOG.warn("Publishing to {} failed ({}); retrying in {} ms", out.topic(), why, delay.toMillis());
        retries.schedule(() -> send(out, outcome, attempts), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    private static List<Outbound> outbound(Object body) {
        if (body instanceof Outbound single) {
            return List.of(single);
        }
        if (body instanceof Collection<?> several && several.stream().allMatch(Outbound.class::isInstance)) {
            return List.copyOf((Collection<Outbound>) several);
        }
        throw new IllegalArgumentException("expected an Outbound or a list of them to publish, not "
                + (body == null ? "null" : body.getClass().getName()));
    }
}
