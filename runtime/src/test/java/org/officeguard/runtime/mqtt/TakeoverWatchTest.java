package org.officeguard.runtime.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TakeoverWatchTest {

    private static final long S = 1_000_000_000L;
    private final TakeoverWatch watch = new TakeoverWatch();

    /** Connects at {@code at} seconds and is closed {@code after} seconds later; what the watch says of it. */
    private boolean closed(long at, long after, boolean saidSo, boolean silently) {
        watch.connected(at * S);
        return watch.disconnected((at + after) * S, saidSo, silently);
    }

    @Test
    void a_broker_that_says_the_session_was_taken_over_is_believed_at_once() {
        assertEquals(true, closed(0, 100, true, false));
        assertEquals(true, closed(200, 1, true, false));
    }

    @Test
    void three_silent_closes_in_a_row_soon_after_connecting_are_a_takeover_and_the_count_starts_again() {
        List<Boolean> said = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            said.add(closed(i, 0, false, true));
        }
        assertEquals(List.of(false, false, true, false, false, true), said);
    }

    @Test
    void a_close_after_a_while_a_close_by_this_client_or_a_failed_attempt_breaks_the_row() {
        assertEquals(false, closed(0, 0, false, true));
        assertEquals(false, closed(1, 0, false, true));
        assertEquals(false, closed(2, 11, false, true), "lived longer than SOON");
        assertEquals(false, closed(20, 0, false, true));
        assertEquals(false, closed(21, 0, false, true));
        assertEquals(false, closed(22, 0, false, false), "not a silent close by the broker");
        assertEquals(false, closed(23, 0, false, true));
        assertEquals(false, closed(24, 0, false, true));
        assertEquals(false, watch.disconnected(25 * S, false, true), "an attempt that never connected");
        assertEquals(false, closed(26, 0, false, true));
    }
}
