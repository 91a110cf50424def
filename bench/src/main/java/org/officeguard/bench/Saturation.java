package org.officeguard.bench;

import static org.officeguard.bench.Figures.round;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** A load as fast as it is taken: what arrives at the far end per second once warm. */
final class Saturation {

    /** One send of a load generator; may wait for its window. */
    interface Step {
        void run() throws Exception;
    }

    private Saturation() {}

    /**
     * Runs {@code step} as fast as it goes on this thread, {@code warmup} seconds and then {@code measure} seconds
     * more, and measures what {@code received} counted over the latter; puts the published count, the seconds
     * measured, the rate and the load into {@code section}.
     */
    static double measure(Step step, AtomicLong received, Map<String, Object> section, double warmup, double measure)
            throws Exception {
        long start = System.nanoTime();
        long warmEnd = start + (long) (warmup * 1e9);
        long end = warmEnd + (long) (measure * 1e9);
        long published = 0;
        long receivedWhenWarm = -1;
        long warmAt = 0;
        while (true) {
            long now = System.nanoTime();
            if (receivedWhenWarm < 0 && now >= warmEnd) {
                receivedWhenWarm = received.get();
                warmAt = now;
            }
            if (now >= end) {
                break;
            }
            step.run();
            published++;
        }
        long receivedAtEnd = received.get();
        long endedAt = System.nanoTime();
        double rate = (receivedAtEnd - receivedWhenWarm) / ((endedAt - warmAt) / 1e9);
        section.put("published", published);
        section.put("measuredSeconds", round((endedAt - warmAt) / 1e9));
        section.put("messagesPerSecond", round(rate));
        section.put("load", Machine.load());
        return rate;
    }

    /** What of the section's published count has not arrived, after waiting up to 30 s for it. */
    static long missing(Map<String, Object> section, AtomicLong received) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long published = (long) section.get("published");
        while (received.get() < published && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return published - received.get();
    }
}
