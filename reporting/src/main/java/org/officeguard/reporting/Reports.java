package org.officeguard.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.VisitorRegistration;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.DayData;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.reporting.store.StorageUnavailableException;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.Outbound;
import org.officeguard.runtime.PrivateDirectory;
import org.officeguard.runtime.RetryableException;
import org.officeguard.runtime.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean reporting's routes call: stores what comes in, keeps each site's watermark, and closes a
 * day once the watermark has passed its next local midnight plus the largest grace period (SPEC §4).
 *
 * <p>Closing waits {@code settle} of wall time after the watermark passed, restarted by every violation
 * for that day: the same tick that closes the day may still be producing the day's last violations in
 * the other services (a LOCKUP_MISSING fired by that tick, say), and they must be in the final report.
 */
public final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private final ServiceContext context;
    private final ReportStore store;
    private final Duration settle;
    private final Clock wall;
    private final Map<String, SiteConfig> sites;
    private final Map<String, Instant> watermarks = new HashMap<>();
    /** Days with data and no final report yet, per site. */
    private final Map<String, TreeSet<LocalDate>> open = new HashMap<>();
    /** Days whose report is final. */
    private final Map<String, TreeSet<LocalDate>> closed = new HashMap<>();
    /** Days whose close point has passed: when (wall clock) to finalise them. */
    private final Map<String, TreeMap<LocalDate, Instant>> closing = new HashMap<>();
    /** Sites whose watermark moved since the last commit. */
    private final Set<String> unsavedWatermarks = new HashSet<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong afterClose = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    /** Days whose report could not be made final yet: how many attempts failed in a row. */
    private final Map<SiteDay, Integer> failures = new HashMap<>();

    /** No day is closed before this (wall time): see {@link #holdClosing}. */
    private Instant closingFrom = Instant.MIN;

    static final Duration RETRY_FIRST = Duration.ofMillis(250);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);

    private record SiteDay(String site, LocalDate day) {}

    /**
     * Per site, the first day the watermark has not passed yet, from the site's first day on (none before its first
     * input). Every such day closes, one without any data too (SPEC §4): its final report says that nothing happened.
     */
    private final Map<String, LocalDate> unseen = new HashMap<>();
    /** Days in a row without any input that still close (the longest holidays are shorter). */
    static final int QUIET_DAYS = 31;

    public Reports(ServiceContext context, ReportStore store, Duration settle) {
        this.context = context;
        this.store = store;
        this.settle = settle;
        this.wall = context.clock();
        this.sites = context.sitesById();
        for (SiteConfig site : context.sites()) {
            TreeSet<LocalDate> days = new TreeSet<>(store.days(site.site()));
            closed.put(site.site(), new TreeSet<>(store.closedDays(site.site())));
            days.removeAll(closed.get(site.site()));
            open.put(site.site(), days);
            // from the day after the last one closed: quiet days before it, from before quiet days closed, stay as they were
            if (!closed.get(site.site()).isEmpty()) {
                unseen.put(site.site(), closed.get(site.site()).last().plusDays(1));
            } else if (!days.isEmpty()) {
                unseen.put(site.site(), days.first());
            }
            closing.put(site.site(), new TreeMap<>());
            store.watermark(site.site()).ifPresent(w -> watermarks.put(site.site(), w));
        }
        // a day whose close point passed before a restart still closes
        for (SiteConfig site : context.sites()) {
            Instant w = watermarks.get(site.site());
            for (LocalDate day : open.get(site.site())) {
                if (w != null && w.isAfter(closesAt(site, day))) {
                    closing.get(site.site()).put(day, wall.instant().plus(settle));
                }
            }
        }
    }

    public ReportStore store() {
        return store;
    }

    // ------------------------------------------------------------------ inputs

    public synchronized void violation(Envelope in) {
        Violation v = Payloads.violation(in.payload());
        context.checkNotInFuture(v.ts());
        SiteConfig site = in.site();
        if (!v.site().equals(site.site())) {
            throw new InvalidInputException("violation names site '" + v.site() + "' but came on site " + site.site());
        }
        if (!v.rule().name().equals(in.name())) {
            throw new InvalidInputException("violation of rule " + v.rule() + " came on the topic of " + in.name());
        }
        LocalDate day = localDate(site, v.ts());
        if (store.saveViolation(v, day, site.timezone())) {
            stored.incrementAndGet();
        } else {
            duplicates.incrementAndGet();
        }
        if (closed.get(site.site()).contains(day)) {
            afterClose.incrementAndGet();
            LOG.warn("Violation {} for {} {} arrived after that day's report was final", v.id(), site.site(), day);
        }
        touched(site, day);
        TreeMap<LocalDate, Instant> pending = closing.get(site.site());
        if (pending.containsKey(day)) {
            // restarts the settle, but does not cut short the back-off of a report that could not be written
            pending.merge(day, wall.instant().plus(settle), (was, now) -> now.isAfter(was) ? now : was);
        }
        advance(site, v.ts());
    }

    public synchronized void decision(Envelope in) {
        Decision d = Payloads.decision(in.payload());
        context.checkNotInFuture(d.ts());
        if (!d.site().equals(in.site().site()) || !d.door().equals(in.name())) {
            throw new InvalidInputException("decision for " + d.site() + "/" + d.door() + " came on " + in.topic());
        }
        if (in.site().door(d.door()).isEmpty()) {
            throw new InvalidInputException("unknown door '" + d.door() + "' at site " + in.site().site());
        }
        LocalDate day = localDate(in.site(), d.ts());
        store.savePassage(d, day);
        touched(in.site(), day);
        advance(in.site(), d.ts());
    }

    public synchronized void lastExit(Envelope in) {
        LastExitEvent e = Payloads.lastExit(in.payload());
        context.checkNotInFuture(e.ts());
        if (e.action() == LastExitAction.LOCKUP) {
            LocalDate day = localDate(in.site(), e.ts());
            store.saveLockup(in.site().site(), e, day);
            touched(in.site(), day);
        }
        advance(in.site(), e.ts());
    }

    public synchronized void registration(Envelope in) {
        VisitorRegistration r = Payloads.visitorRegistration(in.payload());
        context.checkNotInFuture(r.ts());
        r.checkAgainst(in.site()); // what the door-gateway refuses is refused here too: no pass, no name
        store.saveVisitor(in.site().site(), r.eventId(), r.badge(), r.ts(), r.name(), r.host());
        advance(in.site(), r.ts());
    }

    public synchronized void clock(Envelope in) {
        Instant ts = Payloads.clock(in.payload());
        context.checkNotInFuture(ts);
        advance(in.site(), ts);
    }

    /** Wall mode: event time follows the system clock. */
    public synchronized void wallClock() {
        Instant now = context.now();
        for (SiteConfig site : sites.values()) {
            advance(site, now);
        }
    }

    /**
     * Commits what the inputs since the last commit stored, with the sites' watermarks: called before
     * those inputs are acknowledged.
     */
    public synchronized void commit() {
        Map<String, Instant> watermarks = unsavedWatermarks();
        try {
            store.commit(watermarks);
        } catch (StorageUnavailableException e) {
            // the group is delivered again once the session is restarted; a later group that commits first must not
            // let a day close without it
            holdClosing(REDELIVERY_GRACE);
            throw e;
        }
        unsavedWatermarks.removeAll(watermarks.keySet());
        commits.incrementAndGet();
    }

    /** After the inputs' commit failed, how long no day closes: their redelivery comes with the session's restart. */
    static final Duration REDELIVERY_GRACE = Duration.ofSeconds(30);

    /** Commits for closing a day: what the inputs stored too, but a lost transaction is left to {@link #commit}. */
    private void commitOwn() {
        Map<String, Instant> watermarks = unsavedWatermarks();
        store.commitClosing(watermarks);
        unsavedWatermarks.removeAll(watermarks.keySet());
    }

    /** The watermarks that moved since the last commit, by site. */
    private Map<String, Instant> unsavedWatermarks() {
        Map<String, Instant> unsaved = new LinkedHashMap<>();
        for (String site : unsavedWatermarks) {
            unsaved.put(site, watermarks.get(site));
        }
        return unsaved;
    }

    // ------------------------------------------------------------------ closing days

    /** Finalises every day whose settle time is over; returns the retained report messages. */
    public synchronized List<Outbound> closeDue() {
        List<Outbound> out = new ArrayList<>();
        Instant now = wall.instant();
        if (now.isBefore(closingFrom)) {
            return out;
        }
        // nothing due (a report waiting to be tried again, say): no commit four times a second meanwhile
        if (closing.values().stream().flatMap(p -> p.values().stream()).allMatch(at -> at.isAfter(now))) {
            return out;
        }
        try {
            commitOwn(); // the report is read through other connections: they see committed rows only
        } catch (StorageUnavailableException e) {
            LOG.debug("Not closing days now: {}", e.getMessage()); // the inputs' commit says it, and they retry
            return out;
        }
        for (SiteConfig site : sites.values()) {
            TreeMap<LocalDate, Instant> pending = closing.get(site.site());
            for (LocalDate day : new ArrayList<>(pending.keySet())) {
                if (pending.get(day).isAfter(now)) {
                    continue;
                }
                // A day leaves pending only once its report is final: one whose files could not be written
                // (reports directory unwritable, disk full) would otherwise stay not final until a restart. And a
                // failure must not throw the other days' reports, already marked closed, away with it.
                try {
                    finalise(site, day).ifPresent(out::add);
                } catch (RuntimeException e) {
                    pending.put(day, now.plus(retryLater(site, day, e)));
                    if (store.closingHeldBack()) {
                        // the database lost inputs' writes: no other day closes (its closed mark, written now, would
                        // be committed by the inputs' commit) before they are back; the next tick's commitOwn waits
                        return out;
                    }
                    continue;
                }
                pending.remove(day);
                open.get(site.site()).remove(day);
                failures.remove(new SiteDay(site.site(), day));
            }
        }
        return out;
    }

    /**
     * Closes no day for {@code grace} of wall time from now. On the wall clock a restarted reporting finds its
     * watermark at once past the close point of a day whose violations may still wait at the broker, taken while it
     * was down; a day closed before they are read is final without them (a later one only counts as
     * {@code afterDayClosed}). The broker sends what it kept as soon as the inbox opens.
     */
    public synchronized void holdClosing(Duration grace) {
        Instant until = wall.instant().plus(grace);
        closingFrom = until.isAfter(closingFrom) ? until : closingFrom;
    }

    /**
     * Logs why a day's report is not final yet and says when to try again: 250 ms, doubling up to 30 s, as the
     * inbox does while the database is away. The timer that calls {@link #closeDue} runs four times a second: one
     * stack trace per run would flood the log for as long as the cause lasts.
     */
    private Duration retryLater(SiteConfig site, LocalDate day, RuntimeException e) {
        int attempt = failures.merge(new SiteDay(site.site(), day), 1, Integer::sum);
        Duration delay = RETRY_FIRST.multipliedBy(1L << Math.min(attempt - 1, 30));
        delay = delay.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : delay;
        boolean expected = e instanceof RetryableException;
        String reason = expected ? e.getMessage() : e.toString();
        if (!expected && attempt == 1) {
            // not a file system or database away: a fault of ours, whose stack trace is worth having once
            LOG.warn("Report for {} {} is not final yet (attempt {}): {}; trying again in {} ms", site.site(), day,
                    attempt, reason, delay.toMillis(), e);
        } else {
            LOG.warn("Report for {} {} is not final yet (attempt {}): {}; trying again in {} ms", site.site(), day,
                    attempt, reason, delay.toMillis());
        }
        return delay;
    }

    private java.util.Optional<Outbound> finalise(SiteConfig site, LocalDate day) {
        DayData data = dayData(site, day, true);
        byte[] json = DailyReport.jsonBytes(data);
        writeFiles(site, day, data, json);
        boolean first = store.markClosed(site.site(), day);
        commitOwn();
        // final in memory only once it is final in the database: a failure above leaves the day to be tried again
        closed.get(site.site()).add(day);
        if (!first) {
            return java.util.Optional.empty(); // already final: written once
        }
        LOG.info("Report for {} {} is final: {} violations", site.site(), day, data.violations().size());
        return java.util.Optional.of(Outbound.retained(context.topics().report(site.site(), day.toString()), json));
    }

    private void writeFiles(SiteConfig site, LocalDate day, DayData data, byte[] json) {
        Path dir = reportsDir(site.site());
        try {
            PrivateDirectory.create(dir.getParent()); // reports/, as the README says
            PrivateDirectory.create(dir);
            write(reportFile(site.site(), day, "json", null), json);
            write(reportFile(site.site(), day, "csv", null), DailyReport.csv(data));
            write(reportFile(site.site(), day, "html", DailyReport.Lang.JA), DailyReport.htmlBytes(data, DailyReport.Lang.JA));
            write(reportFile(site.site(), day, "html", DailyReport.Lang.EN), DailyReport.htmlBytes(data, DailyReport.Lang.EN));
        } catch (IOException e) {
            // the exception's class says what is wrong (AccessDeniedException, FileAlreadyExistsException...)
            throw new StorageUnavailableException("cannot write the report files under " + dir + ": " + e, e);
        }
    }

    /** Reports carry people's names: files are readable by the service's user only. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        restrict(tmp, "rw-------");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: leave the defaults
        }
    }

    public Path reportsDir(String site) {
        return context.dataDir().resolve("reports").resolve(site);
    }

    /** Where a final report is written: {@code DAY.json}, {@code DAY.csv}, {@code DAY.html} (Japanese), {@code DAY.en.html}. */
    public Path reportFile(String site, LocalDate day, String format, DailyReport.Lang lang) {
        String suffix = format.equals("html") && lang == DailyReport.Lang.EN ? ".en.html" : "." + format;
        return reportsDir(site).resolve(day + suffix);
    }

    private void touched(SiteConfig site, LocalDate day) {
        if (!closed.get(site.site()).contains(day)) {
            open.get(site.site()).add(day);
        }
        unseen.putIfAbsent(site.site(), day); // the site's first day; the days after it are looked at as time passes
    }

    private void advance(SiteConfig site, Instant ts) {
        Instant w = watermarks.get(site.site());
        if (w != null && !ts.isAfter(w)) {
            return;
        }
        watermarks.put(site.site(), ts);
        unsavedWatermarks.add(site.site()); // written once per commit, not once per input
        // a day without any input closes too, once the watermark is past it (a Sunday, a holiday); but not more than
        // QUIET_DAYS in a row: a clock tick decades ahead (event mode) would make thousands of empty reports
        LocalDate next = unseen.getOrDefault(site.site(), localDate(site, ts));
        for (int quiet = 0; ts.isAfter(closesAt(site, next)); next = next.plusDays(1)) {
            if (open.get(site.site()).contains(next) || closed.get(site.site()).contains(next)) {
                quiet = 0;
            } else if (++quiet <= QUIET_DAYS) {
                open.get(site.site()).add(next);
            } else if (quiet == QUIET_DAYS + 1) {
                LOG.warn("{}: event time jumped past {} days without any input (to {}); not closing them", site.site(),
                        QUIET_DAYS, ts);
            }
        }
        unseen.put(site.site(), next);
        TreeMap<LocalDate, Instant> pending = closing.get(site.site());
        for (LocalDate day : open.get(site.site())) {
            if (ts.isAfter(closesAt(site, day)) && !pending.containsKey(day)) {
                pending.put(day, wall.instant().plus(settle));
            }
        }
    }

    /** SPEC §4: the next local midnight plus the largest grace period (and the reorder margin). */
    static Instant closesAt(SiteConfig site, LocalDate day) {
        ZonedDateTime midnight = day.plusDays(1).atStartOfDay(site.timezone());
        return midnight.toInstant().plus(site.rules().largestGrace()).plus(site.rules().reorder());
    }

    static LocalDate localDate(SiteConfig site, Instant ts) {
        return ts.atZone(site.timezone()).toLocalDate();
    }

    // ------------------------------------------------------------------ reading

    /** The trend's six days before {@code day}: the report counts {@code day} itself from its violations. */
    public DayData dayData(SiteConfig site, LocalDate day, boolean finalReport) {
        return store.dayData(site, day, finalReport);
    }

    public synchronized boolean isFinal(SiteConfig site, LocalDate day) {
        return closed.get(site.site()).contains(day);
    }

    public synchronized Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("violationsStored", stored.get());
        m.put("duplicatesIgnored", duplicates.get());
        m.put("afterDayClosed", afterClose.get());
        m.put("commits", commits.get());
        Map<String, Object> s = new LinkedHashMap<>();
        for (SiteConfig site : sites.values()) {
            Instant w = watermarks.get(site.site());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("watermark", w == null ? null : TimeFormat.format(w, site.timezone()));
            one.put("openDays", open.get(site.site()).stream().map(LocalDate::toString).toList());
            s.put(site.site(), one);
        }
        m.put("sites", s);
        return m;
    }
}
