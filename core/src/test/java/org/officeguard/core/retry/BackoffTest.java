package org.officeguard.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doubles_from_the_first_delay_up_to_the_cap() {
        Backoff policy = Backoff.of(250, 30_000);
        long[] expected = {250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Duration.ofMillis(expected[i]), policy.delayAfter(i + 1), "after " + (i + 1) + " failures");
        }
    }

    @Test
    void stays_at_the_cap_however_many_failures() {
        Backoff policy = Backoff.of(100, 5_000);
        assertEquals(Duration.ofMillis(5_000), policy.delayAfter(64));
        assertEquals(Duration.ofMillis(5_000), policy.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void attempts_count_failures_and_start_over_after_a_success() {
        Backoff.Attempts attempts = Backoff.of(100, 1_000).attempts();
        assertEquals(Duration.ofMillis(100), attempts.failed());
        assertEquals(Duration.ofMillis(200), attempts.failed());
        assertEquals(2, attempts.failures());
        attempts.succeeded();
        assertEquals(0, attempts.failures());
        assertEquals(Duration.ofMillis(100), attempts.failed());
    }

    @Test
    void refuses_a_policy_that_cannot_back_off() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.of(0, 100));
        assertThrows(IllegalArgumentException.class, () -> Backoff.of(200, 100));
        assertThrows(IllegalArgumentException.class, () -> Backoff.of(100, 100).delayAfter(0));
    }
}
