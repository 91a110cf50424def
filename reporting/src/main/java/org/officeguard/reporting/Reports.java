package org.officeguard.reporting;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.VisitorRegistration;
import org.officeguard.reporting.closing.ClosingDay;
import org.officeguard.reporting.closing.DayCloser;
import org.officeguard.reporting.closing.ReportFiles;
import org.officeguard.reporting.closing.Retention;
import org.officeguard.reporting.closing.SiteDays;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.DayData;
import org.officeguard.reporting.report.ReportDays;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.reporting.store.StorageUnavailableException;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean reporting's routes call: checks and stores what comes in ({@link ReportStore}), moves each site's
 * watermark, commits the inputs in groups, and closes the days whose close point the watermark has passed
 * ({@link DayCloser}). One lock guards it all: the inputs, the acknowledger's commits, the closing timer and the
 * HTTP requests each take it in turn.
 */
public final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private final ServiceContext context;
    private final ReportStore store;
    private final ReportFiles files;
    private final DayCloser closer;
    private final Retention retention;
    private final int retentionDays;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong afterClose = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong daysDeleted = new AtomicLong();
    private final AtomicLong retentionRuns = new AtomicLong();
    /** When the next retention run is due (wall clock): at once, then a day after each run ({@link #retentionDue}). */
    private volatile Instant nextRetention = Instant.MIN;
    private final SiteTimes times;

    /**
     * @param settle how long a day waits, once its close point has passed, for violations still in flight; every
     *     violation for that day restarts it
     */
    public Reports(ServiceContext context, ReportStore store, Duration settle) {
        this(context, store, settle, AppConfig.DEFAULT_RETENTION_DAYS);
    }

    /** @param retentionDays how many days before a site's current day are kept (older ones are deleted) */
    public Reports(ServiceContext context, ReportStore store, Duration settle, int retentionDays) {
        this.context = context;
        this.store = store;
        this.files = new ReportFiles(context.dataDir());
        this.closer = new DayCloser(context.sites(), store, files, context.topics(), context.clock(), settle,
                retentionDays);
        this.retention = new Retention(store, files);
        this.retentionDays = retentionDays;
        this.times = new SiteTimes(context.sites());
        if (context.clockMode() == ClockMode.EVENT) {
            // without wall-clock ticks the saved watermark is the newest event time of the site's inputs
            for (SiteDays days : closer.sites()) {
                if (days.watermark() != null) {
                    times.seen(days.id(), days.watermark());
                }
            }
        }
    }

    /** Each site's newest event time and lag, for {@code /health} and {@code /metrics}. */
    SiteTimes siteTimes() {
        return times;
    }

    public ReportStore store() {
        return store;
    }

    // ------------------------------------------------------------------ inputs

    public synchronized void violation(Envelope in) {
        Violation violation = Payloads.violation(in.payload());
        context.checkNotInFuture(violation.ts());
        SiteConfig site = in.site();
        if (!violation.site().equals(site.site())) {
            throw new InvalidInputException(
                    "violation names site '" + violation.site() + "' but came on site " + site.site());
        }
        if (!violation.rule().name().equals(in.name())) {
            throw new InvalidInputException(
                    "violation of rule " + violation.rule() + " came on the topic of " + in.name());
        }
        SiteDays days = closer.site(site.site());
        LocalDate day = days.dayOf(violation.ts());
        boolean isNew = store.saveViolation(violation, day, site.timezone());
        if (isNew) {
            stored.incrementAndGet();
        } else {
            duplicates.incrementAndGet();
        }
        ClosingDay closing = days.violationCame(day, isNew);
        if (isNew && closing.isFinal()) {
            afterClose.incrementAndGet();
            LOG.warn("Violation {} for {} {} arrived after that day's report was final; the report is rewritten with it",
                    violation.id(), site.site(), day);
        }
        input(days, violation.ts());
    }

    public synchronized void decision(Envelope in) {
        Decision decision = Payloads.decision(in.payload());
        context.checkNotInFuture(decision.ts());
        if (!decision.site().equals(in.site().site()) || !decision.door().equals(in.name())) {
            throw new InvalidInputException(
                    "decision for " + decision.site() + "/" + decision.door() + " came on " + in.topic());
        }
        if (in.site().door(decision.door()).isEmpty()) {
            throw new InvalidInputException("unknown door '" + decision.door() + "' at site " + in.site().site());
        }
        SiteDays days = closer.site(in.site().site());
        LocalDate day = days.dayOf(decision.ts());
        store.savePassage(decision, day);
        days.dataStored(day);
        input(days, decision.ts());
    }

    public synchronized void lastExit(Envelope in) {
        LastExitEvent event = Payloads.lastExit(in.payload());
        context.checkNotInFuture(event.ts());
        SiteDays days = closer.site(in.site().site());
        if (event.action() == LastExitAction.LOCKUP) {
            LocalDate day = days.dayOf(event.ts());
            store.saveLockup(in.site().site(), event, day);
            days.dataStored(day);
        }
        input(days, event.ts());
    }

    public synchronized void registration(Envelope in) {
        VisitorRegistration registration = Payloads.visitorRegistration(in.payload());
        context.checkNotInFuture(registration.ts());
        registration.checkAgainst(in.site()); // what the door-gateway refuses is refused here too: no pass, no name
        store.saveVisitor(in.site().site(), registration.eventId(), registration.badge(), registration.ts(),
                registration.name(), registration.host());
        input(closer.site(in.site().site()), registration.ts());
    }

    public synchronized void clock(Envelope in) {
        Instant ts = Payloads.clock(in.payload());
        context.checkNotInFuture(ts);
        input(closer.site(in.site().site()), ts);
    }

    /** An input of the site stamped {@code ts} is stored: its event time moves. */
    private void input(SiteDays days, Instant ts) {
        times.seen(days.id(), ts);
        days.advance(ts);
    }

    /** Wall mode: event time follows the system clock. */
    public synchronized void wallClock() {
        Instant now = context.now();
        for (SiteDays days : closer.sites()) {
            days.advance(now);
        }
    }

    /**
     * Commits what the inputs since the last commit stored, with the sites' watermarks: called before those inputs
     * are acknowledged. Throws if they are to be delivered again.
     */
    public synchronized void commit() {
        Map<String, Instant> watermarks = closer.unsavedWatermarks();
        try {
            store.commit(watermarks);
        } catch (StorageUnavailableException e) {
            closer.inputsNotCommitted();
            throw e;
        }
        closer.watermarksSaved(watermarks);
        commits.incrementAndGet();
    }

    // ------------------------------------------------------------------ closing days

    /** Finalises every day whose settle time is over; returns the retained report messages. */
    public synchronized List<Outbound> closeDue() {
        return closer.closeDue();
    }

    /** {@code listener} is told of every final report rewritten (site, day), once its files are. */
    public synchronized void onCorrected(BiConsumer<String, LocalDate> listener) {
        closer.onCorrected(listener);
    }

    /** Closes no day for {@code grace} of wall time from now (see {@link DayCloser#holdClosing}). */
    public synchronized void holdClosing(Duration grace) {
        closer.holdClosing(grace);
    }

    // ------------------------------------------------------------------ retention

    /**
     * Whether a retention run is due now: the first time asked (at start-up), then {@link
     * ReportingRoutes#RETENTION_PERIOD} after the last run that this said was due. The {@code reporting-retention}
     * timer asks every second, on its one thread.
     */
    public boolean retentionDue() {
        Instant now = context.now();
        if (now.isBefore(nextRetention)) {
            return false;
        }
        nextRetention = now.plus(ReportingRoutes.RETENTION_PERIOD);
        return true;
    }

    /**
     * Deletes what every site keeps of the days older than the retention (by its current local date): the
     * {@code reporting-retention} timer calls it at start-up and once a day ({@link #retentionDue}). A day not final
     * yet is kept, and the days after it. The database and the files are worked on outside the lock: inputs and
     * requests go on meanwhile (a request for a day before the horizon is refused whether or not it is deleted yet).
     * Returns an empty retained message for each deleted day's report topic: the broker forgets the report, names and
     * all, too.
     */
    public List<Outbound> deleteExpired() {
        Map<SiteConfig, LocalDate> keptFrom = new LinkedHashMap<>();
        synchronized (this) {
            for (SiteDays days : closer.sites()) {
                keptFrom.put(days.config(), days.keptFrom(closer.horizon(closer.today(days))));
            }
        }
        List<Outbound> cleared = new ArrayList<>();
        for (Map.Entry<SiteConfig, LocalDate> site : keptFrom.entrySet()) {
            String id = site.getKey().site();
            List<LocalDate> deleted;
            try {
                deleted = retention.deleteBefore(site.getKey(), site.getValue());
            } catch (StorageUnavailableException e) {
                LOG.warn("Retention: what {} keeps before {} is not all deleted now ({}); the next run deletes it",
                        id, site.getValue(), e.getMessage());
                continue;
            }
            synchronized (this) {
                closer.site(id).forgetBefore(site.getValue());
            }
            for (LocalDate day : deleted) {
                cleared.add(Outbound.retained(context.topics().report(id, day.toString()), new byte[0]));
            }
            daysDeleted.addAndGet(deleted.size());
        }
        retentionRuns.incrementAndGet();
        return cleared;
    }

    /** The oldest day of the site that retention keeps: days before it have no report (deleted, or about to be). */
    public synchronized LocalDate horizon(SiteConfig site) {
        return closer.horizon(today(site));
    }

    public int retentionDays() {
        return retentionDays;
    }

    // ------------------------------------------------------------------ reading

    /** A day's report as the database has it now. */
    public DayData dayData(SiteConfig site, LocalDate day, boolean finalReport) {
        return store.dayData(site, day, finalReport);
    }

    /** The site's days that have a report, and its current day (see {@link DayCloser#reportDays}). */
    public ReportDays reportDays(SiteConfig site) {
        LocalDate today = today(site);
        return ReportDays.of(store.firstDay(site.site()).orElse(null), today, today.minusDays(retentionDays));
    }

    /** The site's current local date: its watermark's, or the wall clock's before its first input. */
    public synchronized LocalDate today(SiteConfig site) {
        return closer.today(closer.site(site.site()));
    }

    public synchronized boolean isFinal(SiteConfig site, LocalDate day) {
        return closer.site(site.site()).isFinal(day);
    }

    public Path reportsDir(String site) {
        return files.dir(site);
    }

    /** Where a final report is written (see {@link ReportFiles#file}). */
    public Path reportFile(String site, LocalDate day, String format, DailyReport.Lang lang) {
        return files.file(site, day, format, lang);
    }

    public synchronized Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("violationsStored", stored.get());
        health.put("duplicatesIgnored", duplicates.get());
        health.put("afterDayClosed", afterClose.get());
        health.put("daysCorrected", closer.corrections());
        health.put("commits", commits.get());
        health.put("retentionDays", retentionDays);
        health.put("daysDeleted", daysDeleted.get());
        health.put("retentionRuns", retentionRuns.get());
        Map<String, Object> sites = new LinkedHashMap<>();
        for (SiteDays days : closer.sites()) {
            Instant watermark = days.watermark();
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("watermark", watermark == null ? null : TimeFormat.format(watermark, days.config().timezone()));
            site.put("openDays", days.openDays().stream().map(LocalDate::toString).toList());
            site.putAll(times.health(days.id()));
            sites.put(days.id(), site);
        }
        health.put("sites", sites);
        return health;
    }
}
