package org.officeguard.camel.hivemq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The streak as Disconnects uses it for a broken session: three in a row, each within 30 s of connecting. */
class ConnectionStreakTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static final Duration SOON = Duration.ofSeconds(30);
    private final ConnectionStreak watch = new ConnectionStreak(3, SOON);
    private long now = 1_000 * SECOND;

    /** One connection that lives {@code seconds} and ends, broken or not; whether the session must start afresh. */
    private boolean connection(long seconds, boolean breach) {
        watch.connected(now);
        now += seconds * SECOND;
        boolean fresh = watch.disconnected(now, breach);
        now += SECOND; // the reconnect's back-off
        return fresh;
    }

    @Test
    void three_breaches_in_a_row_each_soon_after_connecting_end_the_session() {
        assertFalse(connection(0, true));
        assertFalse(connection(1, true));
        assertTrue(connection(0, true));
    }

    @Test
    void the_count_starts_again_after_a_fresh_session() {
        connection(0, true);
        connection(0, true);
        assertTrue(connection(0, true));
        assertFalse(connection(0, true));
        assertFalse(connection(0, true));
        assertTrue(connection(0, true));
    }

    @Test
    void a_connection_that_ends_for_another_reason_starts_the_count_again() {
        connection(0, true);
        connection(0, true);
        assertFalse(connection(0, false)); // e.g. the broker restarted
        assertFalse(connection(0, true));
        assertFalse(connection(0, true));
        assertTrue(connection(0, true));
    }

    @Test
    void a_connection_that_lived_a_while_before_its_breach_made_progress() {
        connection(0, true);
        connection(0, true);
        long later = SOON.toSeconds() + 1;
        assertFalse(connection(later, true));
        assertFalse(connection(0, true));
        assertFalse(connection(0, true));
        assertTrue(connection(0, true));
        assertFalse(connection(SOON.toSeconds(), true)); // at the limit still counts as soon
        assertFalse(connection(0, true));
        assertTrue(connection(0, true));
    }

    @Test
    void a_failed_attempt_to_connect_is_no_breach_and_starts_the_count_again() {
        connection(0, true);
        connection(0, true);
        assertFalse(watch.disconnected(now, false)); // connection refused: never connected
        assertFalse(watch.disconnected(now, true)); // a breach before the CONNACK is not one soon after connecting
        assertFalse(connection(0, true));
        assertFalse(connection(0, true));
        assertTrue(connection(0, true));
    }
}
