package org.officeguard.reporting.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.officeguard.reporting.closing.ClosingDay.State;

/** The transitions of one day on its way to a final report, driven by hand: no database, no files, no Camel. */
class ClosingDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final Instant CLOSES_AT = Instant.parse("2026-11-25T15:10:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T15:30:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final ClosingDay day = ClosingDay.open(DAY, CLOSES_AT, DayCloser.RETRY);

    @Test
    void an_open_day_settles_once_the_watermark_is_past_its_close_point_not_at_it() {
        assertEquals(State.OPEN, day.state());
        assertFalse(day.closePointPassedBy(CLOSES_AT.minusMillis(1)));
        assertFalse(day.closePointPassedBy(CLOSES_AT), "a watermark at the close point has not passed it");
        assertTrue(day.closePointPassedBy(CLOSES_AT.plusMillis(1)));

        day.settle(NOW.plus(SETTLE));
        assertEquals(State.SETTLING, day.state());
        assertFalse(day.closePointPassedBy(CLOSES_AT.plusSeconds(60)), "settles once");
        assertFalse(day.isDue(NOW.plus(SETTLE).minusMillis(1)));
        assertTrue(day.isDue(NOW.plus(SETTLE)));
    }

    @Test
    void a_violation_restarts_the_settle_but_never_shortens_it() {
        day.settle(NOW.plus(SETTLE));
        day.violationCame(NOW.plusSeconds(1).plus(SETTLE));
        assertFalse(day.isDue(NOW.plus(SETTLE)), "restarted");
        assertTrue(day.isDue(NOW.plusSeconds(1).plus(SETTLE)));
        day.violationCame(NOW.plus(SETTLE)); // an earlier end: kept as it was
        assertFalse(day.isDue(NOW.plus(SETTLE)));
        assertEquals(State.SETTLING, day.state());
    }

    @Test
    void an_open_or_final_day_does_not_change_for_a_violation_and_is_never_due() {
        day.violationCame(NOW);
        assertEquals(State.OPEN, day.state());
        assertFalse(day.isDue(NOW.plus(Duration.ofDays(365))));

        day.settle(NOW);
        day.madeFinal();
        day.violationCame(NOW.plusSeconds(5));
        assertEquals(State.FINAL, day.state());
        assertTrue(day.isFinal());
        assertFalse(day.isDue(NOW.plus(Duration.ofDays(365))));
    }

    @Test
    void a_failed_attempt_waits_out_the_back_off_which_doubles_up_to_thirty_seconds() {
        day.settle(NOW);
        Instant at = NOW;
        long[] waits = {250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int i = 0; i < waits.length; i++) {
            assertTrue(day.isDue(at));
            Duration wait = day.attemptFailed(at);
            assertEquals(Duration.ofMillis(waits[i]), wait);
            assertEquals(State.RETRYING, day.state());
            assertEquals(i + 1, day.failures());
            assertFalse(day.isDue(at.plus(wait).minusMillis(1)), "not before the back-off is over");
            at = at.plus(wait);
        }
        assertTrue(day.isDue(at));
    }

    @Test
    void a_violation_does_not_cut_a_back_off_short_but_may_lengthen_it() {
        day.settle(NOW);
        Duration wait = day.attemptFailed(NOW); // 250 ms
        day.violationCame(NOW.plusMillis(100)); // settles until 100 ms: sooner than the back-off
        assertFalse(day.isDue(NOW.plusMillis(100)));
        assertTrue(day.isDue(NOW.plus(wait)));
        day.violationCame(NOW.plus(SETTLE));
        assertFalse(day.isDue(NOW.plus(wait)));
        assertTrue(day.isDue(NOW.plus(SETTLE)));
        assertEquals(State.RETRYING, day.state());
    }

    @Test
    void a_retried_day_becomes_final_and_stays_so() {
        day.settle(NOW);
        day.attemptFailed(NOW);
        day.madeFinal();
        assertEquals(State.FINAL, day.state());
        assertEquals(0, day.failures());
        assertThrows(IllegalStateException.class, day::madeFinal, "written once");
        assertThrows(IllegalStateException.class, () -> day.attemptFailed(NOW));
        assertThrows(IllegalStateException.class, () -> day.settle(NOW));
        assertFalse(day.closePointPassedBy(CLOSES_AT.plusSeconds(1)));
    }

    @Test
    void an_open_day_is_neither_tried_nor_made_final() {
        assertThrows(IllegalStateException.class, () -> day.attemptFailed(NOW));
        assertThrows(IllegalStateException.class, day::madeFinal);
        assertEquals(State.OPEN, day.state());
    }

    @Test
    void a_final_day_with_new_data_is_corrected_after_its_settle_and_stays_final_meanwhile() {
        day.settle(NOW);
        day.madeFinal();
        assertTrue(day.dataCameAfterClose(NOW.plus(SETTLE)));
        assertEquals(State.CORRECTING, day.state());
        assertTrue(day.isFinal(), "still final: its report was published");
        assertFalse(day.isDue(NOW.plus(SETTLE).minusMillis(1)));
        day.dataCameAfterClose(NOW.plusSeconds(1).plus(SETTLE)); // more of the backlog: waits for it
        assertFalse(day.isDue(NOW.plus(SETTLE)));
        Duration wait = day.attemptFailed(NOW.plusSeconds(1).plus(SETTLE)); // its files cannot be written now
        assertEquals(State.CORRECTING, day.state());
        assertTrue(day.isDue(NOW.plusSeconds(1).plus(SETTLE).plus(wait)));
        assertThrows(IllegalStateException.class, day::madeFinal, "closed once");
        day.corrected();
        assertEquals(State.FINAL, day.state());
        assertEquals(0, day.failures());
        assertThrows(IllegalStateException.class, day::corrected);
    }

    @Test
    void an_open_day_is_not_corrected() {
        assertFalse(day.dataCameAfterClose(NOW));
        assertEquals(State.OPEN, day.state());
    }

    @Test
    void a_day_the_database_says_is_closed_starts_final() {
        ClosingDay closed = ClosingDay.alreadyFinal(DAY, CLOSES_AT, DayCloser.RETRY);
        assertEquals(State.FINAL, closed.state());
        assertFalse(closed.closePointPassedBy(CLOSES_AT.plusSeconds(1)));
        assertThrows(IllegalStateException.class, () -> closed.settle(NOW));
    }
}
