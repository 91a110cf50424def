package org.officeguard.reporting.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Collections;

/**
 * The days of a site that have a report, for the index and a report's links: every day from the site's first (its
 * earliest day with anything stored), or from its retention horizon if that is later (older days are deleted),
 * through its current day. Every one of them closes, a quiet one too
 * ({@code SiteDays}), so each has a final report once closed, and the current day has its preliminary one. A day
 * outside is not linked (any date can still be asked for).
 */
public final class ReportDays {

    private final LocalDate first;
    private final LocalDate today;

    private ReportDays(LocalDate first, LocalDate today) {
        this.first = first;
        this.today = today;
    }

    /**
     * {@code first}: the site's earliest day with anything stored or closed (null before its first input);
     * {@code today}: its current local date.
     */
    public static ReportDays of(LocalDate first, LocalDate today) {
        return new ReportDays(first == null || first.isAfter(today) ? today : first, today);
    }

    /**
     * The same, kept from {@code horizon} on: the days before it are deleted (or about to be) and have no report.
     */
    public static ReportDays of(LocalDate first, LocalDate today, LocalDate horizon) {
        return of(first != null && first.isBefore(horizon) ? horizon : first, today);
    }

    /** The same from every day with anything stored or closed. */
    public static ReportDays of(Collection<LocalDate> stored, LocalDate today) {
        return of(stored.isEmpty() ? null : Collections.min(stored), today);
    }

    public LocalDate today() {
        return today;
    }

    public boolean has(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(today);
    }

    /** The links of {@code day}'s report: its month, the nearest reports before and after it. */
    public DayLinks links(LocalDate day) {
        return new DayLinks(YearMonth.from(day), before(day), after(day));
    }

    /** The nearest day before {@code day} that has a report; null if none. */
    public LocalDate before(LocalDate day) {
        if (!day.isAfter(first)) {
            return null;
        }
        return day.isAfter(today) ? today : day.minusDays(1);
    }

    /** The nearest day after {@code day} that has a report; null if none. */
    public LocalDate after(LocalDate day) {
        if (!day.isBefore(today)) {
            return null;
        }
        return day.isBefore(first) ? first : day.plusDays(1);
    }

    /** The nearest month before {@code month} that has a report; null if none. */
    public YearMonth monthBefore(YearMonth month) {
        LocalDate day = before(month.atDay(1));
        return day == null ? null : YearMonth.from(day);
    }

    /** The nearest month after {@code month} that has a report; null if none. */
    public YearMonth monthAfter(YearMonth month) {
        LocalDate day = after(month.atEndOfMonth());
        return day == null ? null : YearMonth.from(day);
    }
}
