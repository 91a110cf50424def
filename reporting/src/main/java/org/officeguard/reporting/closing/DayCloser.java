package org.officeguard.reporting.closing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.ReportSettings;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Topics;
import org.officeguard.core.retry.Backoff;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.DayData;
import org.officeguard.reporting.report.MailReport;
import org.officeguard.reporting.report.ReportDays;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.reporting.store.StorageUnavailableException;
import org.officeguard.runtime.RetryableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the days of every site (docs/decisions.md "Day close", "A report that cannot be written is tried again"):
 * each day whose settle or back-off is over is made final, its files written, the database told, and its report
 * returned to be published retained. Not thread-safe: the caller's lock guards it, with the days of every site.
 *
 * <p>A day is final once its files are written and the database says it is closed, and not before: if either
 * fails, the day waits out a back-off ({@link #RETRY}) and is tried again, with a WARN and the reason each time. No
 * day closes while {@link ReportStore#closingHeldBack()} (inputs' writes were lost and are on their way back), nor
 * before the time a {@link #holdClosing} names.
 */
public final class DayCloser {

    private static final Logger LOG = LoggerFactory.getLogger(DayCloser.class);

    /**
     * How a report that cannot be written is tried again: 250 ms, doubling up to 30 s, as the inbox does while the
     * database is away.
     */
    public static final Backoff RETRY = Backoff.of(250, 30_000);

    /** After the inputs' commit failed, how long no day closes: their redelivery comes with the session's restart. */
    public static final Duration REDELIVERY_GRACE = Duration.ofSeconds(30);

    private final Map<String, SiteDays> sites = new LinkedHashMap<>();
    private final ReportStore store;
    private final ReportFiles files;
    private final Topics topics;
    private final Clock wall;
    private final int retentionDays;
    /** No day is closed before this (wall time): see {@link #holdClosing}. */
    private Instant closingFrom = Instant.MIN;
    /** Told of every final report rewritten: site, day. */
    private BiConsumer<String, LocalDate> corrected = (site, day) -> { };
    private long corrections;

    /**
     * Takes up each site's days and watermark from {@code store}.
     *
     * @param retentionDays how many days before a site's current day have reports (older ones are deleted)
     */
    public DayCloser(Collection<SiteConfig> configs, ReportStore store, ReportFiles files, Topics topics, Clock wall,
            Duration settle, int retentionDays) {
        this.store = store;
        this.files = files;
        this.topics = topics;
        this.wall = wall;
        this.retentionDays = retentionDays;
        for (SiteConfig config : configs) {
            SiteDays days = new SiteDays(config, wall, settle, RETRY);
            days.restore(store.days(config.site()), store.closedDays(config.site()), store.watermark(config.site()));
            days.correctAfterRestart(store.closedDaysWithLaterViolations(config.site()));
            sites.put(config.site(), days);
        }
    }

    public SiteDays site(String site) {
        return sites.get(site);
    }

    public Collection<SiteDays> sites() {
        return sites.values();
    }

    /**
     * Closes no day for {@code grace} of wall time from now. On the wall clock a restarted reporting finds its
     * watermark at once past the close point of a day whose violations may still wait at the broker, taken while it
     * was down; a day closed before they are read is final without them (a later one only counts as
     * {@code afterDayClosed}). The broker sends what it kept as soon as the inbox opens.
     */
    public void holdClosing(Duration grace) {
        Instant until = wall.instant().plus(grace);
        closingFrom = until.isAfter(closingFrom) ? until : closingFrom;
    }

    /**
     * The inputs' commit failed: they are delivered again once the session is restarted, and a later group that
     * commits first must not let a day close without them.
     */
    public void inputsNotCommitted() {
        holdClosing(REDELIVERY_GRACE);
    }

    /** The sites' watermarks that moved since they were last committed, by site. */
    public Map<String, Instant> unsavedWatermarks() {
        Map<String, Instant> unsaved = new LinkedHashMap<>();
        for (SiteDays days : sites.values()) {
            Instant watermark = days.unsavedWatermark();
            if (watermark != null) {
                unsaved.put(days.id(), watermark);
            }
        }
        return unsaved;
    }

    /** {@code watermarks} (from {@link #unsavedWatermarks}) are committed. */
    public void watermarksSaved(Map<String, Instant> watermarks) {
        watermarks.forEach((site, watermark) -> sites.get(site).watermarkSaved(watermark));
    }

    /** {@code listener} is told of every final report rewritten (site, day), once its files are. */
    public void onCorrected(BiConsumer<String, LocalDate> listener) {
        corrected = listener;
    }

    /** Final reports rewritten with data that came after their day closed, and changed by it. */
    public long corrections() {
        return corrections;
    }

    /**
     * Makes final every day whose wait is over, and rewrites every final report whose correction is due; returns the
     * retained report messages.
     */
    public List<Outbound> closeDue() {
        List<Outbound> out = new ArrayList<>();
        Instant now = wall.instant();
        if (now.isBefore(closingFrom) || sites.values().stream().noneMatch(days -> days.anyDue(now))) {
            return out; // nothing due (a report waiting to be tried again, say): no commit four times a second
        }
        try {
            commit(); // the report is read through other connections: they see committed rows only
        } catch (StorageUnavailableException e) {
            LOG.debug("Not closing days now: {}", e.getMessage()); // the inputs' commit says it, and they retry
            return out;
        }
        for (SiteDays days : sites.values()) {
            for (ClosingDay day : days.due(now)) {
                // a failure must not throw the other days' reports, already marked closed, away with it
                try {
                    finalise(days, day.date()).ifPresent(out::add);
                } catch (RuntimeException e) {
                    retryLater(days, day, now, e);
                    if (store.closingHeldBack()) {
                        // the database lost inputs' writes: no other day closes (its closed mark, written now, would
                        // be committed by the inputs' commit) before they are back; the next run's commit waits
                        return out;
                    }
                    continue;
                }
                days.madeFinal(day);
            }
            for (ClosingDay day : days.correctionsDue(now)) {
                try {
                    rewrite(days, day.date()).ifPresent(out::add);
                } catch (RuntimeException e) {
                    retryLater(days, day, now, e);
                    continue;
                }
                days.corrected(day);
            }
        }
        return out;
    }

    /**
     * Writes a final day's files again from what is stored now (a cut site's backlog came after the close); the
     * report to publish again, unless it did not change (the late inputs were already in it). Its mail is not owed
     * again: a mail not sent yet goes out with the rewritten body and CSV.
     */
    private Optional<Outbound> rewrite(SiteDays days, LocalDate day) {
        DayData data = store.dayData(days.config(), day, true);
        byte[] json = DailyReport.jsonBytes(data);
        if (Arrays.equals(json, files.readJson(days.id(), day))) {
            return Optional.empty();
        }
        files.write(days.id(), day, data, json, reportDays(days).links(day));
        ReportSettings report = days.config().report();
        if (report.mails()) {
            files.writeMail(days.id(), day, MailReport.html(data, DailyReport.Lang.parse(report.language()))
                    .getBytes(StandardCharsets.UTF_8));
        }
        corrections++;
        corrected.accept(days.id(), day);
        LOG.info("Report for {} {} is rewritten with what came after it was final: {} violations", days.id(), day,
                data.violations().size());
        return Optional.of(Outbound.retained(topics.report(days.id(), day.toString()), json));
    }

    /**
     * Logs why a day's report is not final yet and when it is tried again. The timer that closes days runs four
     * times a second: one stack trace per run would flood the log for as long as the cause lasts.
     */
    private void retryLater(SiteDays days, ClosingDay day, Instant now, RuntimeException e) {
        Duration wait = day.attemptFailed(now);
        int attempt = day.failures();
        boolean expected = e instanceof RetryableException;
        String reason = expected ? e.getMessage() : e.toString();
        String what = day.isCorrecting() ? "rewritten" : "final";
        if (!expected && attempt == 1) {
            // not a file system or database away: a fault of ours, whose stack trace is worth having once
            LOG.warn("Report for {} {} is not {} yet (attempt {}): {}; trying again in {} ms", days.id(), day.date(),
                    what, attempt, reason, wait.toMillis(), e);
        } else {
            LOG.warn("Report for {} {} is not {} yet (attempt {}): {}; trying again in {} ms", days.id(), day.date(),
                    what, attempt, reason, wait.toMillis());
        }
    }

    /**
     * Writes the day's files and marks it closed, with the mails it owes; the report to publish, unless the day was
     * already final.
     */
    private Optional<Outbound> finalise(SiteDays days, LocalDate day) {
        DayData data = store.dayData(days.config(), day, true);
        byte[] json = DailyReport.jsonBytes(data);
        files.write(days.id(), day, data, json, reportDays(days).links(day));
        ReportSettings report = days.config().report();
        if (report.mails()) {
            files.writeMail(days.id(), day, MailReport.html(data, DailyReport.Lang.parse(report.language()))
                    .getBytes(StandardCharsets.UTF_8));
        }
        boolean first = store.markClosed(days.id(), day);
        if (first && report.mails()) {
            // owed with the closed mark, in its transaction: a final day always owes its mails (SPEC §6, E-mail)
            store.mails().owe(days.id(), day, report.mailTo(), data.violations().size(), wall.millis());
        }
        commit(); // final once it is final in the database: a failure leaves the day to be tried again
        if (!first) {
            return Optional.empty(); // already final: written once
        }
        LOG.info("Report for {} {} is final: {} violations", days.id(), day, data.violations().size());
        return Optional.of(Outbound.retained(topics.report(days.id(), day.toString()), json));
    }

    /**
     * The site's days that have a report, as the pages link to them: from its first day, or its retention horizon if
     * later, through its current day. A closing day's next day is one of them: the current day, or a day that
     * closes after it.
     */
    public ReportDays reportDays(SiteDays days) {
        LocalDate today = today(days);
        return ReportDays.of(store.firstDay(days.id()).orElse(null), today, horizon(today));
    }

    /** The site's current local date: its watermark's, or the wall clock's before its first input. */
    public LocalDate today(SiteDays days) {
        return days.dayOf(days.watermark() != null ? days.watermark() : wall.instant());
    }

    /** The oldest day that retention keeps when the site's current day is {@code today}. */
    public LocalDate horizon(LocalDate today) {
        return today.minusDays(retentionDays);
    }

    /** The closing's commit: what it wrote, with the watermarks; a lost transaction is left to the inputs' commit. */
    private void commit() {
        Map<String, Instant> watermarks = unsavedWatermarks();
        store.commitClosing(watermarks);
        watermarksSaved(watermarks);
    }
}
