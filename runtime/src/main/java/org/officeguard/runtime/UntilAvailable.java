package org.officeguard.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.officeguard.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step of the inbox, and while something it depends on is away ({@link RetryableException}: the reporting
 * database) runs it again after the waits of {@link #BACKOFF}. The inbox waits meanwhile, so later inputs stay behind
 * this one, in order, and none is acknowledged. Only when the service is stopping does the failure come out (the input
 * is then never acknowledged, and the broker sends it again after the restart).
 *
 * <p>This is done here rather than by Camel's redelivery, because a route with redelivery copies every exchange
 * before every step in case a step must be repeated: 6 % of the pipeline's Java CPU samples (JFR), paid on every
 * input for the sake of a database outage.
 */
public final class UntilAvailable implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UntilAvailable.class);
    /** 250 ms after the first failure, doubling up to 30 s. */
    static final Backoff BACKOFF = Backoff.of(250, 30_000);

    /** Waits between attempts; a test replaces it. */
    interface Pause {
        void millis(long ms) throws InterruptedException;
    }

    private final Processor step;
    private final BooleanSupplier stopping;
    private final Pause pause;

    UntilAvailable(Processor step, BooleanSupplier stopping, Pause pause) {
        this.step = step;
        this.stopping = stopping;
        this.pause = pause;
    }

    UntilAvailable(Processor step, BooleanSupplier stopping) {
        this(step, stopping, Thread::sleep); // a back-off between attempts on the inbox's own thread
    }

    /** Sends each exchange to the route at {@code uri} (a {@code direct:} route), again while it depends on what is away. */
    public static Processor sendingTo(CamelContext camel, String uri) {
        return new UntilAvailable(new SendTo(uri), () -> camel.isStopping() || camel.isStopped());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Backoff.Attempts attempts = BACKOFF.attempts();
        while (true) {
            try {
                step.process(exchange);
                return;
            } catch (RetryableException e) {
                if (stopping.getAsBoolean()) {
                    throw e;
                }
                Duration delay = attempts.failed();
                LOG.warn("{} (attempt {}); trying the same input again in {} ms", e.getMessage(), attempts.failures(),
                        delay.toMillis());
                try {
                    pause.millis(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Sends the exchange to a route and throws what the route failed with, so that it can be tried again. */
    private static final class SendTo implements Processor {
        private final String uri;
        private volatile ProducerTemplate template;
        private volatile Endpoint endpoint;

        SendTo(String uri) {
            this.uri = uri;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            if (template == null) {
                endpoint = exchange.getContext().getEndpoint(uri);
                template = exchange.getContext().createProducerTemplate();
            }
            template.send(endpoint, exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                exchange.setException(null);
                throw failure;
            }
        }
    }
}
