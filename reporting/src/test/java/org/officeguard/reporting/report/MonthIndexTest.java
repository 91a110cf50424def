package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Rule;
import org.officeguard.testsupport.ExampleDay;

/** A month of a site's reports, as the month index shows it, and the days a report links to. */
class MonthIndexTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    /** The site's first day is November 2: every day from then through today, November 25, has a report. */
    private static final ReportDays DAYS = ReportDays.of(LocalDate.of(2026, 11, 2), TODAY);

    private static MonthIndex november() {
        List<DayTotals> totals = List.of(
                new DayTotals(LocalDate.of(2026, 11, 2), Map.of(Rule.LEFT_PC_UNLOCKED, 4L, Rule.UNKNOWN_BADGE, 1L)),
                new DayTotals(LocalDate.of(2026, 11, 24), Map.of(Rule.LOCKUP_MISSING, 1L)),
                new DayTotals(TODAY, Map.of(Rule.SCREEN_LOCK_IDLE, 2L)));
        Set<LocalDate> finals = Set.of(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 24));
        return MonthIndex.of(ExampleDay.site(), NOVEMBER, DAYS, totals, finals::contains);
    }

    @Test
    void every_day_of_the_month_is_there_those_with_a_report_with_their_counts_and_whether_final() {
        MonthIndex index = november();
        assertEquals(30, index.days().size());
        assertEquals(24, index.daysWithReport(), "November 2 to 25");
        assertFalse(index.days().get(0).hasReport(), "before the site's first day");
        assertFalse(index.days().get(25).hasReport(), "after today");

        MonthIndex.Day second = index.days().get(1);
        assertEquals(5, second.total());
        assertEquals(4, second.count(Rule.Habit.SCREEN_LOCK));
        assertEquals(1, second.count(Rule.Habit.VISITORS));
        assertTrue(second.isFinal());

        MonthIndex.Day quiet = index.days().get(9);
        assertTrue(quiet.hasReport(), "a quiet day closes too");
        assertEquals(0, quiet.total(), "a report without violations counts none");
        assertFalse(quiet.isFinal(), "as the store says");

        MonthIndex.Day today = index.days().get(24);
        assertTrue(today.today());
        assertFalse(today.isFinal(), "today's report is preliminary");
        assertEquals(1, index.days().stream().filter(MonthIndex.Day::today).count());
        assertNull(index.days().get(0).totals());

        assertEquals(8, index.total());
    }

    @Test
    void the_months_around_are_the_nearest_with_a_report() {
        MonthIndex index = november();
        assertNull(index.previous(), "nothing before the site's first day");
        assertNull(index.next(), "nothing after today");

        MonthIndex august = MonthIndex.of(ExampleDay.site(), YearMonth.of(2026, 8), DAYS, List.of(), day -> true);
        assertEquals(0, august.daysWithReport());
        assertNull(august.previous());
        assertEquals(NOVEMBER, august.next(), "the site's first month, past the months without any");

        ReportDays sinceJune = ReportDays.of(LocalDate.of(2026, 6, 1), TODAY);
        MonthIndex augustSinceJune = MonthIndex.of(ExampleDay.site(), YearMonth.of(2026, 8), sinceJune, List.of(), day -> true);
        assertEquals(YearMonth.of(2026, 7), augustSinceJune.previous());
        assertEquals(YearMonth.of(2026, 9), augustSinceJune.next());
        assertEquals(31, augustSinceJune.daysWithReport());
    }

    @Test
    void the_weeks_start_on_the_day_given_and_are_padded_outside_the_month() {
        MonthIndex index = november(); // November 1, 2026 is a Sunday
        List<List<MonthIndex.Day>> sundayFirst = index.weeks(DayOfWeek.SUNDAY);
        assertEquals(5, sundayFirst.size());
        assertEquals(LocalDate.of(2026, 11, 1), sundayFirst.get(0).get(0).date());
        assertEquals(List.of(29, 30), sundayFirst.get(4).stream().filter(Objects::nonNull)
                .map(day -> day.date().getDayOfMonth()).toList());

        List<List<MonthIndex.Day>> mondayFirst = index.weeks(DayOfWeek.MONDAY);
        assertEquals(6, mondayFirst.size());
        assertEquals(6, mondayFirst.get(0).stream().filter(Objects::isNull).count());
        assertEquals(LocalDate.of(2026, 11, 1), mondayFirst.get(0).get(6).date());
        for (List<MonthIndex.Day> week : mondayFirst) {
            assertEquals(7, week.size());
        }
    }

    @Test
    void the_bars_compare_with_the_month_s_largest_count_of_any_habit() {
        MonthIndex index = november();
        MonthIndex.Day second = index.days().get(1);
        assertEquals(100, index.barPercent(second, Rule.Habit.SCREEN_LOCK));
        assertEquals(25, index.barPercent(second, Rule.Habit.VISITORS));
        assertEquals(0, index.barPercent(second, Rule.Habit.LAST_EXIT));
        assertEquals(50, index.barPercent(index.days().get(24), Rule.Habit.SCREEN_LOCK));

        MonthIndex many = MonthIndex.of(ExampleDay.site(), NOVEMBER, DAYS, List.of(
                new DayTotals(LocalDate.of(2026, 11, 2), Map.of(Rule.LEFT_PC_UNLOCKED, 1000L, Rule.UNKNOWN_BADGE, 1L))),
                day -> true);
        assertEquals(4, many.barPercent(many.days().get(1), Rule.Habit.VISITORS), "one violation still shows");
    }

    @Test
    void a_day_links_to_the_days_before_and_after_it_that_have_reports_and_to_its_month() {
        assertEquals(new DayLinks(NOVEMBER, LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 11)),
                DAYS.links(LocalDate.of(2026, 11, 10)));
        assertEquals(new DayLinks(NOVEMBER, null, LocalDate.of(2026, 11, 3)), DAYS.links(LocalDate.of(2026, 11, 2)),
                "nothing before the first day");
        assertEquals(new DayLinks(NOVEMBER, LocalDate.of(2026, 11, 24), null), DAYS.links(TODAY), "nothing after today");
        assertEquals(new DayLinks(YearMonth.of(2026, 12), TODAY, null), DAYS.links(LocalDate.of(2026, 12, 5)),
                "a day asked for ahead of today links back to today");
        assertEquals(new DayLinks(YearMonth.of(2026, 10), null, LocalDate.of(2026, 11, 2)),
                DAYS.links(LocalDate.of(2026, 10, 1)), "and one before the first day to the first");
        assertTrue(ReportDays.of((LocalDate) null, TODAY).has(TODAY), "today's report is always there");
        assertEquals(LocalDate.of(2026, 10, 30),
                ReportDays.of(List.of(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 10, 30)), TODAY).before(LocalDate.of(2026, 10, 31)));
    }
}
