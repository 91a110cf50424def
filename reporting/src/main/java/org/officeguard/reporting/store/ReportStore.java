package org.officeguard.reporting.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.Activity;
import org.officeguard.reporting.report.DayData;
import org.officeguard.reporting.report.DayTotals;
import org.officeguard.reporting.report.DayViolations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything reporting keeps in its database ({@link ReportDatabase}), written and read. Every write is idempotent on
 * its key. Writes go to one open transaction committed in groups ({@link GroupTransaction}), before the MQTT acks of
 * the inputs that made them: an ack never acknowledges an unstored message, and a redelivered one is stored once.
 * Reads see committed rows only.
 */
public final class ReportStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportStore.class);

    private final ReportDatabase database;
    private final GroupTransaction writes;
    private final DataSource readers;
    private final MailLedger mails;
    private final ExpiredData expired;

    private ReportStore(ReportDatabase database) {
        this.database = database;
        this.writes = new GroupTransaction(database.writers());
        this.readers = database.readers();
        this.mails = new MailLedger(writes, readers); // its claims: auto-committed, each a transaction of its own
        this.expired = new ExpiredData(readers);      // its deletes: a transaction per site and day
    }

    /** Opens (and migrates) the store: {@code jdbcUrl}, or an H2 file under {@code dataDir}. */
    public static ReportStore open(String jdbcUrl, String user, String password, Path dataDir) {
        return new ReportStore(ReportDatabase.open(jdbcUrl, user, password, dataDir));
    }

    /** Which final reports are owed to which address by e-mail, and which were sent. */
    public MailLedger mails() {
        return mails;
    }

    /** The deletion of what is older than the retention. */
    public ExpiredData expired() {
        return expired;
    }

    // ------------------------------------------------------------------ writes (in order, group commit)

    /** Stores a violation once; returns false when its id was already stored. */
    public boolean saveViolation(Violation violation, LocalDate day, ZoneId zone) {
        return writes.write("INSERT INTO violation (id, site, local_date, rule, ts_ms, badge, subject, body, stored_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, violation.id());
                    ps.setString(2, violation.site());
                    ps.setDate(3, Date.valueOf(day));
                    ps.setString(4, violation.rule().name());
                    ps.setLong(5, violation.ts().toEpochMilli());
                    ps.setString(6, violation.badge());
                    ps.setString(7, violation.subject());
                    ps.setString(8, new String(Payloads.write(violation, zone), StandardCharsets.UTF_8));
                    ps.setLong(9, System.currentTimeMillis());
                }) > 0;
    }

    public void savePassage(Decision decision, LocalDate day) {
        writes.write("INSERT INTO passage (site, event_id, local_date, ts_ms, badge, granted, origin, destination)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, decision.site());
                    ps.setString(2, decision.eventId());
                    ps.setDate(3, Date.valueOf(day));
                    ps.setLong(4, decision.ts().toEpochMilli());
                    ps.setString(5, decision.badge());
                    ps.setBoolean(6, decision.granted());
                    ps.setString(7, decision.origin());
                    ps.setString(8, decision.destination());
                });
    }

    public void saveLockup(String site, LastExitEvent event, LocalDate day) {
        writes.write("INSERT INTO lockup (site, event_id, local_date, ts_ms, badge) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, site);
                    ps.setString(2, event.eventId());
                    ps.setDate(3, Date.valueOf(day));
                    ps.setLong(4, event.ts().toEpochMilli());
                    ps.setString(5, event.badge());
                });
    }

    /** Keeps a registration of a visitor's card (every one: a card passes from visitor to visitor), once. */
    public void saveVisitor(String site, String eventId, String badge, Instant registered, String name, String host) {
        writes.write("INSERT INTO visitor_registration (site, event_id, badge, registered_ms, name, host)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, site);
                    ps.setString(2, eventId);
                    ps.setString(3, badge);
                    ps.setLong(4, registered.toEpochMilli());
                    ps.setString(5, name);
                    ps.setString(6, host);
                });
    }

    /** Marks a day final; returns false when it already was (a report is written once). */
    public boolean markClosed(String site, LocalDate day) {
        return writes.write("INSERT INTO closed_day (site, local_date, closed_ms) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, site);
                    ps.setDate(2, Date.valueOf(day));
                    ps.setLong(3, System.currentTimeMillis());
                }) > 0;
    }

    private void saveWatermarks(Map<String, Instant> watermarks) {
        watermarks.forEach((site, watermark) -> {
            int updated = writes.write("UPDATE site_clock SET watermark_ms = ? WHERE site = ? AND watermark_ms < ?",
                    ps -> {
                        ps.setLong(1, watermark.toEpochMilli());
                        ps.setString(2, site);
                        ps.setLong(3, watermark.toEpochMilli());
                    });
            if (updated == 0) {
                writes.write("INSERT INTO site_clock (site, watermark_ms) VALUES (?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, site);
                    ps.setLong(2, watermark.toEpochMilli());
                });
            }
        });
    }

    /** The inputs' commit of every write since the last commit (see {@link #commit(Map)}). */
    public void commit() {
        commit(Map.of());
    }

    /**
     * Commits every write since the last commit, with the sites' {@code watermarks} (by site): called before the MQTT
     * acks of the inputs that made them. Throws when the transaction was lost (a write failed) or the commit fails,
     * so that those inputs are not acknowledged but delivered again.
     */
    public void commit(Map<String, Instant> watermarks) {
        writes.commitInputs(() -> saveWatermarks(watermarks));
    }

    /**
     * Commits the writes of closing a day, with the sites' {@code watermarks}; these are not an input's. Throws, and
     * leaves the writes to the inputs' commit, while {@link #closingHeldBack()}.
     */
    public void commitClosing(Map<String, Instant> watermarks) {
        writes.commitClosing(() -> saveWatermarks(watermarks));
    }

    /**
     * Whether the closing's commit refuses now: inputs' writes were lost, and the inputs have not been committed
     * again since. A day closed now would be final without them.
     */
    public boolean closingHeldBack() {
        return writes.closingHeldBack();
    }

    // ------------------------------------------------------------------ reads

    /** What a day's report shows; the trend's six days before {@code day} (the report counts the day itself). */
    public DayData dayData(SiteConfig site, LocalDate day, boolean finalReport) {
        DayViolations violations = dayViolations(site.site(), day);
        return new DayData(site, day, finalReport, violations, activity(site.site(), day, site.people().keySet()),
                visitorNames(site.site(), violations), totals(site.site(), day.minusDays(6), day.minusDays(1)));
    }

    /**
     * The day's violations as stored: the columns the report sorts and counts by and each one's §5 JSON,
     * which the report copies through rather than parsing (one statement, so one consistent set).
     */
    public DayViolations dayViolations(String site, LocalDate day) {
        List<DayViolations.Stored> out = new ArrayList<>();
        query("SELECT ts_ms, rule, id, badge, body FROM violation WHERE site = ? AND local_date = ?", day(site, day),
                rs -> out.add(new DayViolations.Stored(rs.getLong(1), Rule.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5))));
        return DayViolations.stored(out);
    }

    public List<Violation> violations(String site, LocalDate day) {
        List<Violation> out = new ArrayList<>();
        query("SELECT body FROM violation WHERE site = ? AND local_date = ?", day(site, day),
                rs -> out.add(Payloads.violation(rs.getString(1).getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    /**
     * The day's decisions and lockups, as SPEC §6 counts them; people are never counted as visitors. A visitor is a
     * card's registration in effect at a granted passage (the latest at or before it; a card reception handed to two
     * visitors that day counts twice), or the card itself where none was registered at run time (the site file's).
     */
    public Activity activity(String site, LocalDate day, Set<String> people) {
        long[] counts = new long[2];
        Long[] times = new Long[3];
        Map<String, List<Long>> visitorPassages = new HashMap<>();
        query("SELECT granted, COUNT(*) FROM passage WHERE site = ? AND local_date = ? GROUP BY granted",
                day(site, day), rs -> counts[rs.getBoolean(1) ? 0 : 1] = rs.getLong(2));
        query("SELECT badge, ts_ms FROM passage WHERE site = ? AND local_date = ? AND granted",
                day(site, day), rs -> {
                    if (!people.contains(rs.getString(1))) {
                        visitorPassages.computeIfAbsent(rs.getString(1), b -> new ArrayList<>()).add(rs.getLong(2));
                    }
                });
        Set<String> visitors = new HashSet<>();
        Map<String, TreeMap<Long, String>> registrations = registrations(site, visitorPassages.keySet(),
                visitorPassages.values().stream().flatMap(List::stream).max(Long::compare).orElse(Long.MIN_VALUE));
        visitorPassages.forEach((badge, at) -> {
            TreeMap<Long, String> byTime = registrations.get(badge);
            for (long ts : at) {
                var held = byTime == null ? null : byTime.floorEntry(ts);
                // a registration again under the same name (the pass extended) is the same visitor
                visitors.add(badge + "|" + (held == null ? "" : held.getValue()));
            }
        });
        query("SELECT MIN(ts_ms) FROM passage WHERE site = ? AND local_date = ? AND granted AND origin = 'outside'",
                day(site, day), rs -> times[0] = rs.getObject(1, Long.class));
        query("SELECT MAX(ts_ms) FROM passage WHERE site = ? AND local_date = ? AND granted"
                + " AND destination = 'outside'",
                day(site, day), rs -> times[1] = rs.getObject(1, Long.class));
        query("SELECT MAX(ts_ms) FROM lockup WHERE site = ? AND local_date = ?",
                day(site, day), rs -> times[2] = rs.getObject(1, Long.class));
        return new Activity(counts[0], counts[1], visitors.size(), instant(times[0]), instant(times[1]),
                instant(times[2]));
    }

    /** Counts by rule for each day of {@code [from, to]}, days without violations included. */
    public List<DayTotals> totals(String site, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<Rule, Long>> byDay = new TreeMap<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            Map<Rule, Long> zero = new EnumMap<>(Rule.class);
            for (Rule rule : Rule.values()) {
                zero.put(rule, 0L);
            }
            byDay.put(date, zero);
        }
        query("SELECT local_date, rule, COUNT(*) FROM violation WHERE site = ? AND local_date BETWEEN ? AND ?"
                + " GROUP BY local_date, rule", ps -> {
                    ps.setString(1, site);
                    ps.setDate(2, Date.valueOf(from));
                    ps.setDate(3, Date.valueOf(to));
                }, rs -> byDay.get(rs.getDate(1).toLocalDate()).put(Rule.valueOf(rs.getString(2)), rs.getLong(3)));
        List<DayTotals> out = new ArrayList<>();
        byDay.forEach((date, counts) -> out.add(new DayTotals(date, counts)));
        return out;
    }

    /**
     * The name of the visitor who held each card at its first violation in {@code violations}: the card's latest
     * registration at or before that time. A card with no registration by then has none here (the site file's pass,
     * if any, names it).
     */
    public Map<String, String> visitorNames(String site, DayViolations violations) {
        Map<String, Long> firstViolation = new LinkedHashMap<>();
        for (int i = 0; i < violations.size(); i++) { // in ts order: the first seen is the earliest
            if (violations.badge(i) != null) {
                firstViolation.putIfAbsent(violations.badge(i), violations.tsMs(i));
            }
            if (violations.rule(i) == Rule.LOCKUP_WITH_OCCUPANTS // those still inside are named in the report too
                    && violations.get(i).details().get("occupants") instanceof List<?> inside) {
                for (Object badge : inside) {
                    firstViolation.putIfAbsent(String.valueOf(badge), violations.tsMs(i));
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, TreeMap<Long, String>> registrations = registrations(site, firstViolation.keySet(),
                firstViolation.values().stream().max(Long::compare).orElse(Long.MIN_VALUE));
        firstViolation.forEach((badge, first) -> {
            var held = registrations.containsKey(badge) ? registrations.get(badge).floorEntry(first) : null;
            if (held != null) {
                out.put(badge, held.getValue());
            }
        });
        return out;
    }

    /**
     * The names registered on each of {@code badges} up to {@code until} (epoch ms), by registration time: the
     * registration in effect at a time is the {@code floorEntry} of it. Of two at the same millisecond, the later
     * event id wins.
     */
    private Map<String, TreeMap<Long, String>> registrations(String site, Set<String> badges, long until) {
        Map<String, TreeMap<Long, String>> out = new HashMap<>();
        if (badges.isEmpty()) {
            return out;
        }
        query("SELECT badge, registered_ms, name FROM visitor_registration WHERE site = ? AND registered_ms <= ?"
                + " ORDER BY registered_ms, event_id", ps -> {
                    ps.setString(1, site);
                    ps.setLong(2, until);
                }, rs -> {
                    if (badges.contains(rs.getString(1))) {
                        out.computeIfAbsent(rs.getString(1), b -> new TreeMap<>()).put(rs.getLong(2), rs.getString(3));
                    }
                });
        return out;
    }

    /** The days that have anything stored, oldest first. */
    public List<LocalDate> days(String site) {
        Set<LocalDate> days = new TreeSet<>();
        for (String table : List.of("violation", "passage", "lockup", "closed_day")) { // a quiet day, once closed
            query("SELECT DISTINCT local_date FROM " + table + " WHERE site = ?", ps -> ps.setString(1, site),
                    rs -> days.add(rs.getDate(1).toLocalDate()));
        }
        return new ArrayList<>(days);
    }

    /** The earliest day that has anything stored, or is closed; empty before the site's first input. */
    public Optional<LocalDate> firstDay(String site) {
        LocalDate[] first = new LocalDate[1];
        for (String table : List.of("violation", "passage", "lockup", "closed_day")) {
            query("SELECT MIN(local_date) FROM " + table + " WHERE site = ?", ps -> ps.setString(1, site), rs -> {
                Date day = rs.getDate(1);
                if (day != null && (first[0] == null || day.toLocalDate().isBefore(first[0]))) {
                    first[0] = day.toLocalDate();
                }
            });
        }
        return Optional.ofNullable(first[0]);
    }

    public Set<LocalDate> closedDays(String site) {
        Set<LocalDate> out = new TreeSet<>();
        query("SELECT local_date FROM closed_day WHERE site = ?", ps -> ps.setString(1, site),
                rs -> out.add(rs.getDate(1).toLocalDate()));
        return out;
    }

    /**
     * The closed days of {@code site} with a violation stored after the day closed (or in the same millisecond): its
     * report is rewritten with it, and a restart before that is done must do it.
     */
    public Set<LocalDate> closedDaysWithLaterViolations(String site) {
        Set<LocalDate> out = new TreeSet<>();
        query("SELECT DISTINCT v.local_date FROM violation v JOIN closed_day c"
                + " ON c.site = v.site AND c.local_date = v.local_date WHERE v.site = ? AND v.stored_ms >= c.closed_ms",
                ps -> ps.setString(1, site), rs -> out.add(rs.getDate(1).toLocalDate()));
        return out;
    }

    public Optional<Instant> watermark(String site) {
        Long[] watermark = new Long[1];
        query("SELECT watermark_ms FROM site_clock WHERE site = ?", ps -> ps.setString(1, site),
                rs -> watermark[0] = rs.getLong(1));
        return Optional.ofNullable(instant(watermark[0]));
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static Binder day(String site, LocalDate day) {
        return ps -> {
            ps.setString(1, site);
            ps.setDate(2, Date.valueOf(day));
        };
    }

    /**
     * Runs one query on a read connection of the pool. The pool checks a connection that was idle before it hands
     * it out, and drops one that failed (a restarted PostgreSQL, say).
     */
    private void query(String sql, Binder binder, Row row) {
        try (Connection connection = readers.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("reporting database read failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** Commits what was handled before the stop (its acks may not go out: redelivered, stored once), and closes. */
    @Override
    public void close() {
        try {
            commit();
        } catch (StorageUnavailableException e) {
            LOG.warn("closing the reporting database: {}", e.getMessage());
        }
        writes.close();
        database.close();
    }
}
