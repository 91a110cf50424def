package org.officeguard.runtime;

import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's rules, and while something they depend on is away ({@link RetryableException}: the
 * reporting database) runs them again with back-off: 250 ms, doubling up to 30 s. The inbox waits meanwhile, so
 * later inputs stay behind this one, in order, and none is acknowledged. Only when the service is stopping does
 * the failure come out (the input is then never acknowledged, and the broker sends it again after the restart).
 *
 * <p>This is done here rather than by Camel's redelivery, because a route with redelivery copies every exchange
 * before every step in case a step must be repeated: 6 % of the pipeline's Java CPU samples (JFR), paid on every
 * input for the sake of a database outage.
 */
final class UntilAvailable implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UntilAvailable.class);
    static final long FIRST_DELAY_MS = 250;
    static final long MAX_DELAY_MS = 30_000;

    /** Waits between attempts; a test replaces it. */
    interface Pause {
        void millis(long ms) throws InterruptedException;
    }

    private final Processor rules;
    private final BooleanSupplier stopping;
    private final Pause pause;

    UntilAvailable(Processor rules, BooleanSupplier stopping, Pause pause) {
        this.rules = rules;
        this.stopping = stopping;
        this.pause = pause;
    }

    UntilAvailable(Processor rules, BooleanSupplier stopping) {
        this(rules, stopping, Thread::sleep); // a back-off between attempts on the inbox's own thread
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long delay = FIRST_DELAY_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                rules.process(exchange);
                return;
            } catch (RetryableException e) {
                if (stopping.getAsBoolean()) {
                    throw e;
                }
                LOG.warn("{} (attempt {}); trying the same input again in {} ms", e.getMessage(), attempt, delay);
                try {
                    pause.millis(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = Math.min(delay * 2, MAX_DELAY_MS);
            }
        }
    }
}
