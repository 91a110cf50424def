package org.officeguard.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** How the bench waits: for a condition, polled, or for the instant of a paced sender's next send. */
final class Waits {

    /** How often a wait asks reporting over HTTP: each answer costs reporting CPU. */
    static final int HTTP_POLL_MILLIS = 50;

    private Waits() {}

    /** Polls {@code condition} every 20 ms; fails after {@code seconds}. */
    static void waitFor(BooleanSupplier condition, int seconds) {
        waitFor(condition, seconds, 20);
    }

    static void waitFor(BooleanSupplier condition, int seconds, int periodMillis) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within " + seconds + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(periodMillis));
        }
    }

    /** Waits for the {@link System#nanoTime} {@code due}: a paced sender's next send. */
    static void sleepUntil(long due) {
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());
        }
    }
}
