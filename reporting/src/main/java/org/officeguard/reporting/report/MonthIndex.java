package org.officeguard.reporting.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Rule;

/**
 * One month of a site's reports, as {@code GET /reports/{site}.html} shows it: every day of the month, each with its
 * violations by habit when it has a report, whether that report is final, and which day is the site's today; the
 * nearest months before and after that have reports. Plain values: the page ({@link MonthPage}) adds the words.
 */
public final class MonthIndex {

    /** A day of the month; {@code totals} is null on a day without a report. */
    public record Day(LocalDate date, boolean hasReport, boolean isFinal, boolean today, DayTotals totals) {

        public long total() {
            return totals == null ? 0 : totals.total();
        }

        public long count(Rule.Habit habit) {
            return totals == null ? 0 : totals.count(habit);
        }
    }

    private final SiteConfig site;
    private final YearMonth month;
    private final List<Day> days;
    private final YearMonth previous;
    private final YearMonth next;
    private final long largestHabitCount;

    private MonthIndex(SiteConfig site, YearMonth month, List<Day> days, YearMonth previous, YearMonth next) {
        this.site = site;
        this.month = month;
        this.days = Collections.unmodifiableList(days);
        this.previous = previous;
        this.next = next;
        long largest = 0;
        for (Day day : days) {
            for (Rule.Habit habit : Rule.Habit.values()) {
                largest = Math.max(largest, day.count(habit));
            }
        }
        this.largestHabitCount = largest;
    }

    /**
     * @param days the site's days with a report, and its today
     * @param totals violation counts by rule of the month's days (days left out count none)
     * @param isFinal whether a day's report is final
     */
    public static MonthIndex of(SiteConfig site, YearMonth month, ReportDays days, List<DayTotals> totals,
            Predicate<LocalDate> isFinal) {
        Map<LocalDate, DayTotals> byDate = new HashMap<>();
        for (DayTotals day : totals) {
            byDate.put(day.date(), day);
        }
        List<Day> out = new ArrayList<>(month.lengthOfMonth());
        for (int dayOfMonth = 1; dayOfMonth <= month.lengthOfMonth(); dayOfMonth++) {
            LocalDate date = month.atDay(dayOfMonth);
            boolean has = days.has(date);
            DayTotals counted = has ? byDate.getOrDefault(date, new DayTotals(date, Map.of())) : null;
            out.add(new Day(date, has, has && isFinal.test(date), date.equals(days.today()), counted));
        }
        return new MonthIndex(site, month, out, days.monthBefore(month), days.monthAfter(month));
    }

    public SiteConfig site() {
        return site;
    }

    public YearMonth month() {
        return month;
    }

    /** Every day of the month, in order. */
    public List<Day> days() {
        return days;
    }

    /** The nearest earlier month with a report; null if there is none. */
    public YearMonth previous() {
        return previous;
    }

    /** The nearest later month with a report; null if there is none. */
    public YearMonth next() {
        return next;
    }

    /** The month's violations, over the days that have a report. */
    public long total() {
        long total = 0;
        for (Day day : days) {
            total += day.total();
        }
        return total;
    }

    public int daysWithReport() {
        int n = 0;
        for (Day day : days) {
            n += day.hasReport() ? 1 : 0;
        }
        return n;
    }

    /**
     * The month as weeks starting on {@code firstDay}, for a calendar: each week seven places, {@code null} before the
     * first and after the last day of the month.
     */
    public List<List<Day>> weeks(DayOfWeek firstDay) {
        List<List<Day>> weeks = new ArrayList<>();
        List<Day> week = new ArrayList<>(7);
        int lead = Math.floorMod(month.atDay(1).getDayOfWeek().getValue() - firstDay.getValue(), 7);
        for (int i = 0; i < lead; i++) {
            week.add(null);
        }
        for (Day day : days) {
            week.add(day);
            if (week.size() == 7) {
                weeks.add(Collections.unmodifiableList(week));
                week = new ArrayList<>(7);
            }
        }
        if (!week.isEmpty()) {
            while (week.size() < 7) {
                week.add(null);
            }
            weeks.add(Collections.unmodifiableList(week));
        }
        return Collections.unmodifiableList(weeks);
    }

    /**
     * The length of a day's bar for a habit, in percent of the month's largest count of any habit on any day: the
     * bars of the month compare with each other. A habit with any violation gets at least a sliver.
     */
    public int barPercent(Day day, Rule.Habit habit) {
        long count = day.count(habit);
        if (count == 0 || largestHabitCount == 0) {
            return 0;
        }
        return (int) Math.max(4, Math.round(100.0 * count / largestHabitCount));
    }
}
