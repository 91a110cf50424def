package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.report.TestDays.DATE;
import static org.officeguard.reporting.report.TestDays.violation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.officeguard.core.model.Rule;

class ReportInputsTest {

    @Test
    void day_totals_count_by_rule_and_by_habit_and_treat_missing_rules_as_zero() {
        DayTotals t = DayTotals.of(DATE, List.of(
                violation("1", Rule.ZONE_NOT_ALLOWED, "09:00", "E001"),
                violation("2", Rule.ZONE_NOT_ALLOWED, "09:01", "E001"),
                violation("3", Rule.PC_LEFT_ON, "19:00", "E001"),
                violation("4", Rule.SCREEN_LOCK_IDLE, "12:00", "E002")));

        assertEquals(4, t.total());
        assertEquals(2, t.count(Rule.ZONE_NOT_ALLOWED));
        assertEquals(0, t.count(Rule.UNKNOWN_BADGE));
        assertEquals(2, t.count(Rule.Habit.VISITORS));
        assertEquals(1, t.count(Rule.Habit.LAST_EXIT));
        assertEquals(1, t.count(Rule.Habit.SCREEN_LOCK));
    }

    @Test
    void day_totals_copy_their_map_skip_null_entries_and_refuse_negative_counts() {
        Map<Rule, Long> m = new HashMap<>();
        m.put(Rule.PC_LEFT_ON, 2L);
        m.put(Rule.UNKNOWN_BADGE, null);
        DayTotals t = new DayTotals(DATE, m);
        m.put(Rule.PC_LEFT_ON, 5L);

        assertEquals(2, t.total());
        assertEquals(0, new DayTotals(DATE, null).total());
        assertThrows(IllegalArgumentException.class, () -> new DayTotals(DATE, Map.of(Rule.PC_LEFT_ON, -1L)));
        assertThrows(NullPointerException.class, () -> new DayTotals(null, Map.of()));
    }

    @Test
    void activity_refuses_negative_counts_and_none_is_all_zero_without_times() {
        assertThrows(IllegalArgumentException.class, () -> new Activity(-1, 0, 0, null, null, null));
        Activity none = Activity.none();
        assertEquals(0, none.passagesGranted() + none.passagesDenied() + none.visitors());
        assertTrue(none.firstInAt() == null && none.lastOutAt() == null && none.lockupAt() == null);
    }

    @Test
    void day_data_stands_in_empty_values_for_nulls_and_drops_null_visitor_names() {
        Map<String, String> names = new HashMap<>();
        names.put("V1", "来訪 一郎");
        names.put("V2", null);
        DayData d = new DayData(TestDays.site(), DATE, false, (DayViolations) null, null, names, null);

        assertEquals(0, d.violations().size());
        assertEquals(Activity.none(), d.activity());
        assertEquals(Map.of("V1", "来訪 一郎"), d.visitorNames());
        assertEquals(List.of(), d.trend());
        assertThrows(NullPointerException.class, () -> new DayData(null, DATE, false, (DayViolations) null, null, null, null));
        assertThrows(NullPointerException.class, () -> new DayData(null, DATE, false, List.of(), null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"0,1", "4,1", "5,2", "8,2", "9,5", "13,5", "20,5", "21,10", "40,10", "41,20", "99,50", "1234,500"})
    void the_trend_axis_steps_by_one_two_or_five_times_a_power_of_ten(long max, long step) {
        assertEquals(step, TrendChart.step(max));
    }
}
