package org.officeguard.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * The one retry policy of officeguard: wait {@code first} after the first failure, double the wait after each
 * further one, never wait longer than {@code max}, and try again for as long as the caller wants. Every place
 * that retries (a database away, a journal that cannot be written, a publish or a connection the broker
 * refused, a report that cannot be written) takes its delays from here, so they all behave alike.
 *
 * <p>The policy is immutable and shared; {@link #attempts()} gives the state of one sequence of failures.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < first <= max, not " + first + " and " + max);
        }
    }

    public static Backoff of(long firstMillis, long maxMillis) {
        return new Backoff(Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis));
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failures in a row (at least 1). */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("no failure yet: " + failures);
        }
        int doublings = Math.min(failures - 1, 62);
        long firstMillis = first.toMillis();
        long maxMillis = max.toMillis();
        long millis = doublings >= Long.numberOfLeadingZeros(firstMillis) - 1 ? maxMillis
                : Math.min(maxMillis, firstMillis << doublings);
        return Duration.ofMillis(millis);
    }

    public Attempts attempts() {
        return new Attempts(this);
    }

    /** One sequence of failures: each {@link #failed()} gives the next wait; {@link #succeeded()} starts over. */
    public static final class Attempts {
        private final Backoff policy;
        private int failures;

        private Attempts(Backoff policy) {
            this.policy = policy;
        }

        /** Counts a failure and returns how long to wait before the next attempt. */
        public Duration failed() {
            if (failures < Integer.MAX_VALUE) {
                failures++;
            }
            return policy.delayAfter(failures);
        }

        public void succeeded() {
            failures = 0;
        }

        /** Failures since the last success. */
        public int failures() {
            return failures;
        }
    }
}
