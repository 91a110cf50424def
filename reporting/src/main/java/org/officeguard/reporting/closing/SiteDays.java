package org.officeguard.reporting.closing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's event time and its days: the watermark (the latest event time of its inputs), and every day from the
 * site's first on, each a {@link ClosingDay}. A day closes once the watermark has passed its next local midnight plus
 * the largest grace period (SPEC §4); every day closes, one without any input too (a Sunday, a holiday: its final
 * report says that nothing happened), but not more than {@link #QUIET_DAYS} in a row. Not thread-safe: the closer's
 * lock guards it.
 */
public final class SiteDays {

    private static final Logger LOG = LoggerFactory.getLogger(SiteDays.class);

    /** Days in a row without any input that still close (the longest holidays are shorter). */
    public static final int QUIET_DAYS = 31;

    private final SiteConfig site;
    private final Clock wall;
    private final Duration settle;
    private final Backoff retry;
    /** Every day known: with data, closed, or quiet and passed. */
    private final TreeMap<LocalDate, ClosingDay> days = new TreeMap<>();
    /** The days whose report is not final yet: what the watermark and the closing look at. */
    private final TreeMap<LocalDate, ClosingDay> unfinished = new TreeMap<>();
    /** Final days whose report waits to be rewritten with data that came after the close. */
    private final TreeMap<LocalDate, ClosingDay> correcting = new TreeMap<>();
    /** Null before the site's first input. */
    private Instant watermark;
    private boolean watermarkSaved = true;
    /** The first day the watermark has not passed yet, from the site's first day on; null before it has one. */
    private LocalDate unseen;
    private Instant unseenClosesAt;

    SiteDays(SiteConfig site, Clock wall, Duration settle, Backoff retry) {
        this.site = site;
        this.wall = wall;
        this.settle = settle;
        this.retry = retry;
    }

    /**
     * Takes up what the database kept: the days with data, those closed, the watermark. The days not seen yet start
     * from the day after the last one closed (quiet days before it stay as they were), else from the first day with
     * data. A day whose close point the watermark passed before a restart settles again from now.
     */
    void restore(Collection<LocalDate> stored, Collection<LocalDate> closed, Optional<Instant> savedWatermark) {
        TreeSet<LocalDate> closedDays = new TreeSet<>(closed);
        for (LocalDate date : stored) {
            if (!closedDays.contains(date)) {
                add(ClosingDay.open(date, closesAt(date), retry));
            }
        }
        for (LocalDate date : closedDays) {
            days.put(date, ClosingDay.alreadyFinal(date, closesAt(date), retry));
        }
        if (!closedDays.isEmpty()) {
            moveUnseen(closedDays.last().plusDays(1));
        } else if (!unfinished.isEmpty()) {
            moveUnseen(unfinished.firstKey());
        }
        watermark = savedWatermark.orElse(null);
        if (watermark != null) {
            settleThosePassedBy(watermark);
        }
    }

    /**
     * The final days among {@code lateData} (days with data stored after they closed) are checked again, as if that
     * data had just come: a restart within a correction's settle must not leave the report without it. A report the
     * data is already in is not rewritten ({@link DayCloser}: only a changed report is).
     */
    void correctAfterRestart(Collection<LocalDate> lateData) {
        for (LocalDate date : lateData) {
            ClosingDay day = days.get(date);
            if (day != null) {
                correctIfFinal(day);
            }
        }
    }

    public SiteConfig config() {
        return site;
    }

    public String id() {
        return site.site();
    }

    /** The site's local date of {@code ts}. */
    public LocalDate dayOf(Instant ts) {
        return ts.atZone(site.timezone()).toLocalDate();
    }

    /** Null before the site's first input. */
    public Instant watermark() {
        return watermark;
    }

    /** Something was stored for {@code date}: an unknown day is OPEN; the site's days start with its first. */
    public ClosingDay touched(LocalDate date) {
        ClosingDay day = days.get(date);
        if (day == null) {
            day = add(ClosingDay.open(date, closesAt(date), retry));
        }
        if (unseen == null) {
            moveUnseen(date);
        }
        return day;
    }

    /**
     * A violation for {@code date} came: a day waiting to close settles again; a final day is rewritten with it if it
     * is {@code new} (not one stored before). Returns the day.
     */
    public ClosingDay violationCame(LocalDate date, boolean isNew) {
        ClosingDay day = touched(date);
        if (day.state() == ClosingDay.State.SETTLING || day.state() == ClosingDay.State.RETRYING) {
            day.violationCame(wall.instant().plus(settle));
        } else if (isNew) {
            correctIfFinal(day);
        }
        return day;
    }

    /**
     * Something other than a violation was stored for {@code date} (a passage, a lock-up): as {@link #touched}, and a
     * final day's report is rewritten if it changes.
     */
    public ClosingDay dataStored(LocalDate date) {
        ClosingDay day = touched(date);
        correctIfFinal(day);
        return day;
    }

    private void correctIfFinal(ClosingDay day) {
        if (day.isFinal() && day.dataCameAfterClose(wall.instant().plus(settle))) {
            correcting.put(day.date(), day);
        }
    }

    /**
     * Moves the watermark to {@code ts} if that is later: the days it passes without any input become known, and the
     * OPEN days whose close point it passes settle.
     */
    public void advance(Instant ts) {
        if (watermark != null && !ts.isAfter(watermark)) {
            return;
        }
        watermark = ts;
        watermarkSaved = false; // written with the next commit, not once per input
        addQuietDays(ts);
        settleThosePassedBy(ts);
    }

    /**
     * A clock tick decades ahead (event mode) would make thousands of empty reports: at most {@link #QUIET_DAYS}
     * quiet days in a row are added.
     */
    private void addQuietDays(Instant ts) {
        if (unseen == null) {
            moveUnseen(dayOf(ts)); // the site's first day
        }
        for (int quiet = 0; ts.isAfter(unseenClosesAt); moveUnseen(unseen.plusDays(1))) {
            if (days.containsKey(unseen)) {
                quiet = 0;
            } else if (++quiet <= QUIET_DAYS) {
                add(ClosingDay.open(unseen, unseenClosesAt, retry));
            } else if (quiet == QUIET_DAYS + 1) {
                LOG.warn("{}: event time jumped past {} days without any input (to {}); not closing them", site.site(),
                        QUIET_DAYS, ts);
            }
        }
    }

    private void settleThosePassedBy(Instant ts) {
        Instant settledAt = null;
        for (ClosingDay day : unfinished.values()) {
            if (day.closePointPassedBy(ts)) {
                settledAt = settledAt != null ? settledAt : wall.instant().plus(settle);
                day.settle(settledAt);
            }
        }
    }

    public boolean isFinal(LocalDate date) {
        ClosingDay day = days.get(date);
        return day != null && day.isFinal();
    }

    /**
     * The first day whose data retention keeps: {@code horizon}, or the oldest day not final yet if that is older
     * (its report is not written yet; a day is deleted only once final).
     */
    public LocalDate keptFrom(LocalDate horizon) {
        return unfinished.isEmpty() || !unfinished.firstKey().isBefore(horizon) ? horizon : unfinished.firstKey();
    }

    /** Forgets the final days before {@code horizon}: their data is deleted ({@link #keptFrom}). */
    public void forgetBefore(LocalDate horizon) {
        days.headMap(horizon).values().removeIf(ClosingDay::isFinal);
        correcting.headMap(horizon).clear();
    }

    /** The final days waiting to be rewritten, oldest first. */
    public List<LocalDate> correctingDays() {
        return new ArrayList<>(correcting.keySet());
    }

    /** The days not final yet, oldest first. */
    public List<LocalDate> openDays() {
        return new ArrayList<>(unfinished.keySet());
    }

    /** The days to be made final whose wait is over at {@code now}, oldest first. */
    List<ClosingDay> due(Instant now) {
        return due(unfinished, now);
    }

    /** The final days to be rewritten whose wait is over at {@code now}, oldest first. */
    List<ClosingDay> correctionsDue(Instant now) {
        return due(correcting, now);
    }

    private static List<ClosingDay> due(TreeMap<LocalDate, ClosingDay> days, Instant now) {
        List<ClosingDay> due = new ArrayList<>();
        for (ClosingDay day : days.values()) {
            if (day.isDue(now)) {
                due.add(day);
            }
        }
        return due;
    }

    boolean anyDue(Instant now) {
        for (ClosingDay day : unfinished.values()) {
            if (day.isDue(now)) {
                return true;
            }
        }
        for (ClosingDay day : correcting.values()) {
            if (day.isDue(now)) {
                return true;
            }
        }
        return false;
    }

    /** The final day's report is rewritten with what is stored now. */
    void corrected(ClosingDay day) {
        day.corrected();
        correcting.remove(day.date());
    }

    /** The day's report is written and the database says it is closed. */
    void madeFinal(ClosingDay day) {
        day.madeFinal();
        unfinished.remove(day.date());
    }

    /** The watermark, if it moved since it was last committed; else null. */
    Instant unsavedWatermark() {
        return watermarkSaved ? null : watermark;
    }

    /** {@code saved} is committed. */
    void watermarkSaved(Instant saved) {
        if (saved.equals(watermark)) {
            watermarkSaved = true;
        }
    }

    private ClosingDay add(ClosingDay day) {
        days.put(day.date(), day);
        unfinished.put(day.date(), day);
        return day;
    }

    private void moveUnseen(LocalDate date) {
        unseen = date;
        unseenClosesAt = closesAt(date);
    }

    /** SPEC §4: the next local midnight plus the largest grace period (and the reorder margin). */
    private Instant closesAt(LocalDate date) {
        ZonedDateTime midnight = date.plusDays(1).atStartOfDay(site.timezone());
        return midnight.toInstant().plus(site.rules().largestGrace()).plus(site.rules().reorder());
    }
}
