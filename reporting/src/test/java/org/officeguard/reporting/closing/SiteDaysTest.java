package org.officeguard.reporting.closing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.reporting.closing.ClosingDay.State;
import org.officeguard.testsupport.ExampleDay;

/**
 * One site's watermark and days, driven by hand. The example site is in Tokyo with a largest grace of 900 s and a
 * reorder margin of 5 s: 2026-11-25 closes once the watermark is past 2026-11-26 00:15:05 local time.
 */
class SiteDaysTest {

    private static final SiteConfig HQ = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final SiteDays days = new SiteDays(HQ, Clock.fixed(WALL, ZoneOffset.UTC), SETTLE, DayCloser.RETRY);

    private static Instant at(String localTime) {
        return OffsetDateTime.parse(localTime).toInstant();
    }

    @Test
    void a_day_settles_once_the_watermark_is_past_its_close_point() {
        days.touched(DAY);
        days.advance(at("2026-11-26T00:15:05+09:00"));
        assertEquals(State.OPEN, days.touched(DAY).state(), "at the close point, not past it");
        assertFalse(days.anyDue(WALL.plus(Duration.ofDays(1))));

        days.advance(at("2026-11-26T00:15:06+09:00"));
        assertEquals(State.SETTLING, days.touched(DAY).state());
        assertFalse(days.anyDue(WALL.plus(SETTLE).minusMillis(1)));
        assertEquals(List.of(DAY), days.due(WALL.plus(SETTLE)).stream().map(ClosingDay::date).toList());
        assertEquals(List.of(DAY), days.openDays(), "the next day is not known before the watermark passes it");
    }

    @Test
    void the_watermark_only_moves_forward_and_is_saved_once_per_move() {
        assertNull(days.watermark());
        assertNull(days.unsavedWatermark());
        Instant first = at("2026-11-25T10:00:00+09:00");
        days.advance(first);
        assertEquals(first, days.unsavedWatermark());
        days.advance(first.minusSeconds(60)); // a late input
        assertEquals(first, days.watermark());
        days.watermarkSaved(first);
        assertNull(days.unsavedWatermark());
        days.advance(first);
        assertNull(days.unsavedWatermark(), "not moved");
        days.advance(first.plusSeconds(1));
        days.watermarkSaved(first); // an older one saved: the newer still waits
        assertEquals(first.plusSeconds(1), days.unsavedWatermark());
    }

    @Test
    void days_without_any_input_after_the_first_one_close_too() {
        days.touched(DAY);
        days.touched(DAY.plusDays(2));
        days.advance(at("2026-11-29T12:00:00+09:00"));

        List<LocalDate> upToThe28th = List.of(DAY, DAY.plusDays(1), DAY.plusDays(2), DAY.plusDays(3));
        assertEquals(upToThe28th, days.openDays());
        assertEquals(upToThe28th, days.due(WALL.plus(SETTLE)).stream().map(ClosingDay::date).toList());
    }

    @Test
    void the_sites_days_start_with_its_first_tick_when_no_data_came_before() {
        days.advance(at("2026-11-25T10:00:00+09:00")); // the first tick: the site's first day
        assertEquals(List.of(), days.openDays());
        days.advance(at("2026-11-27T10:00:00+09:00"));
        assertEquals(List.of(DAY, DAY.plusDays(1)), days.openDays(), "from the 25th, nothing before it");
    }

    @Test
    void at_most_a_month_of_quiet_days_in_a_row_becomes_known() {
        days.touched(DAY);
        days.advance(at("2062-01-01T00:00:00+09:00"));
        List<LocalDate> open = days.openDays();
        assertEquals(1 + SiteDays.QUIET_DAYS, open.size());
        assertEquals(DAY.plusDays(SiteDays.QUIET_DAYS), open.get(open.size() - 1));
    }

    @Test
    void a_violation_for_a_settling_day_restarts_its_settle_and_a_new_one_for_a_final_day_has_it_rewritten() {
        days.touched(DAY);
        days.advance(at("2026-11-26T01:00:00+09:00"));
        ClosingDay day = days.violationCame(DAY, true);
        assertEquals(State.SETTLING, day.state());

        days.madeFinal(day);
        assertTrue(days.isFinal(DAY));
        assertFalse(days.openDays().contains(DAY));
        assertEquals(State.FINAL, days.violationCame(DAY, false).state(), "one stored before changes nothing");
        assertEquals(List.of(), days.correctingDays());

        assertEquals(State.CORRECTING, days.violationCame(DAY, true).state(), "a new one is to be written in");
        assertTrue(days.isFinal(DAY), "the day stays final while its report is rewritten");
        assertFalse(days.openDays().contains(DAY));
        assertFalse(days.anyDue(WALL.plus(SETTLE).minusMillis(1)), "after a settle: more of the backlog may come");
        days.dataStored(DAY); // a passage of the backlog: the settle starts again (the fixed wall clock: same end)
        assertEquals(List.of(DAY), days.correctionsDue(WALL.plus(SETTLE)).stream().map(ClosingDay::date).toList());
        assertEquals(List.of(), days.due(WALL.plus(SETTLE)), "not closed again");

        days.corrected(day);
        assertEquals(State.FINAL, day.state());
        assertEquals(List.of(), days.correctingDays());
        assertFalse(days.anyDue(WALL.plus(Duration.ofDays(1))));
    }

    @Test
    void restored_closed_days_stay_final_and_the_days_after_the_last_one_come_in_turn() {
        days.restore(List.of(DAY, DAY.plusDays(1), DAY.plusDays(3)), Set.of(DAY, DAY.plusDays(1)),
                Optional.of(at("2026-11-29T01:00:00+09:00")));

        assertTrue(days.isFinal(DAY));
        assertTrue(days.isFinal(DAY.plusDays(1)));
        assertEquals(State.SETTLING, days.touched(DAY.plusDays(3)).state(), "passed before the restart: settles again");
        assertEquals(List.of(DAY.plusDays(3)), days.openDays(), "the 27th, quiet, waits for the watermark to move");
        assertNull(days.unsavedWatermark(), "as the database has it");

        days.advance(at("2026-11-29T01:00:01+09:00"));
        assertEquals(List.of(DAY.plusDays(2), DAY.plusDays(3)), days.openDays());
        assertEquals(State.SETTLING, days.touched(DAY.plusDays(2)).state());
    }

    @Test
    void a_restart_before_any_day_closed_starts_from_the_first_day_with_data() {
        days.restore(List.of(DAY.plusDays(1)), Set.of(), Optional.of(at("2026-11-26T10:00:00+09:00")));
        days.advance(at("2026-11-28T10:00:00+09:00"));
        assertEquals(List.of(DAY.plusDays(1), DAY.plusDays(2)), days.openDays(), "nothing before the 26th");
    }

    /** Retention deletes a day only once its report is final, and no day after one that is not. */
    @Test
    void retention_keeps_a_day_not_final_yet_and_forgets_only_final_days() {
        LocalDate stuck = DAY.minusDays(3);
        days.restore(List.of(stuck), Set.of(DAY.minusDays(5), DAY.minusDays(4)), Optional.empty());
        assertEquals(stuck, days.keptFrom(DAY), "the report of November 22 is not final yet");
        assertEquals(DAY.minusDays(4), days.keptFrom(DAY.minusDays(4)), "a horizon before it stays");
        days.forgetBefore(DAY);
        assertFalse(days.isFinal(DAY.minusDays(5)), "a final day before the horizon is forgotten");
        assertEquals(List.of(stuck), days.openDays(), "a day not final is not");
        days.advance(at("2026-11-23T00:15:06+09:00"));
        days.due(WALL.plus(SETTLE)).forEach(days::madeFinal);
        assertEquals(DAY, days.keptFrom(DAY), "final now: deleted at the next run");
    }
}
