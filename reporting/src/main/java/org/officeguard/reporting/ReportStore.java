package org.officeguard.reporting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.officeguard.core.model.Decision;
import org.officeguard.runtime.PrivateDirectory;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.Activity;
import org.officeguard.reporting.report.DayTotals;
import org.officeguard.reporting.report.DayViolations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything reporting keeps, through JDBC: the embedded H2 database under {@code --data} by default,
 * PostgreSQL when a JDBC URL is configured. The schema is versioned (Flyway, {@code db/migration}).
 * Every write is idempotent on its key. Writes go to one open transaction on one writer connection and
 * are committed in groups ({@link #commit()}), before the MQTT acks of the inputs that made them: an ack
 * never acknowledges an unstored message, and a redelivered one is stored once.
 */
public final class ReportStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportStore.class);

    private final String url;
    private final String user;
    private final String password;
    private Connection writer;
    /** The writer's prepared statements, by SQL text. */
    private final Map<String, PreparedStatement> statements = new java.util.HashMap<>();
    /** Why the open transaction was lost, until the next {@link #commit()} reports it. */
    private String lost;
    /**
     * The inputs' last commit failed: they are delivered again, and until their commit succeeds no day closes (it
     * would be final without them).
     */
    private boolean inputsToComeAgain;

    private ReportStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Opens (and migrates) the store: {@code jdbcUrl}, or an H2 file under {@code dataDir}. */
    public static ReportStore open(String jdbcUrl, String user, String password, Path dataDir) {
        String url = jdbcUrl;
        if (url == null || url.isBlank()) {
            Path dir = dataDir.resolve("reporting");
            try {
                PrivateDirectory.create(dir); // the database holds names
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
            }
            url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("officeguard")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    // a commit reaches the file at once, not up to 500 ms later: the MQTT ack follows it
                    + ";WRITE_DELAY=0";
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        ReportStore store = new ReportStore(url, user, password);
        LOG.info("Reporting database ready: {}", url.replaceAll("password=[^;&]*", "password=***"));
        return store;
    }

    // ------------------------------------------------------------------ writes (one writer, in order, group commit)

    /** Stores a violation once; returns false when its id was already stored. */
    public synchronized boolean saveViolation(Violation v, LocalDate day, java.time.ZoneId zone) {
        return write("INSERT INTO violation (id, site, local_date, rule, ts_ms, badge, subject, body, stored_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, v.id());
                    ps.setString(2, v.site());
                    ps.setDate(3, Date.valueOf(day));
                    ps.setString(4, v.rule().name());
                    ps.setLong(5, v.ts().toEpochMilli());
                    ps.setString(6, v.badge());
                    ps.setString(7, v.subject());
                    ps.setString(8, new String(Payloads.write(v, zone), StandardCharsets.UTF_8));
                    ps.setLong(9, System.currentTimeMillis());
                }) > 0;
    }

    public synchronized void savePassage(Decision d, LocalDate day) {
        write("INSERT INTO passage (site, event_id, local_date, ts_ms, badge, granted, origin, destination)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, d.site());
                    ps.setString(2, d.eventId());
                    ps.setDate(3, Date.valueOf(day));
                    ps.setLong(4, d.ts().toEpochMilli());
                    ps.setString(5, d.badge());
                    ps.setBoolean(6, d.granted());
                    ps.setString(7, d.origin());
                    ps.setString(8, d.destination());
                });
    }

    public synchronized void saveLockup(String site, LastExitEvent e, LocalDate day) {
        write("INSERT INTO lockup (site, event_id, local_date, ts_ms, badge) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, site);
                    ps.setString(2, e.eventId());
                    ps.setDate(3, Date.valueOf(day));
                    ps.setLong(4, e.ts().toEpochMilli());
                    ps.setString(5, e.badge());
                });
    }

    /** Keeps a registration of a visitor's card (every one: a card passes from visitor to visitor), once. */
    public synchronized void saveVisitor(String site, String eventId, String badge, Instant registered, String name,
            String host) {
        write("INSERT INTO visitor_registration (site, event_id, badge, registered_ms, name, host)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setString(1, site);
                    ps.setString(2, eventId);
                    ps.setString(3, badge);
                    ps.setLong(4, registered.toEpochMilli());
                    ps.setString(5, name);
                    ps.setString(6, host);
                });
    }

    public synchronized void saveWatermark(String site, Instant watermark) {
        int n = write("UPDATE site_clock SET watermark_ms = ? WHERE site = ? AND watermark_ms < ?", ps -> {
            ps.setLong(1, watermark.toEpochMilli());
            ps.setString(2, site);
            ps.setLong(3, watermark.toEpochMilli());
        });
        if (n == 0) {
            write("INSERT INTO site_clock (site, watermark_ms) VALUES (?, ?) ON CONFLICT DO NOTHING", ps -> {
                ps.setString(1, site);
                ps.setLong(2, watermark.toEpochMilli());
            });
        }
    }

    /** Marks a day final; returns false when it already was (a report is written once). */
    public synchronized boolean markClosed(String site, LocalDate day) {
        return write("INSERT INTO closed_day (site, local_date, closed_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setString(1, site);
                    ps.setDate(2, Date.valueOf(day));
                    ps.setLong(3, System.currentTimeMillis());
                }) > 0;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Commits every write since the last commit: called before the MQTT acks of the inputs that made them.
     * Throws when the transaction was lost (a write failed and the connection was dropped), so that those
     * inputs are not acknowledged but delivered again.
     */
    public synchronized void commit() {
        if (lost != null) {
            String why = lost;
            lost = null;
            inputsToComeAgain = true;
            throw new StorageUnavailableException("uncommitted writes were lost (" + why + "); they are delivered again", null);
        }
        try {
            commitOpen(false);
        } catch (StorageUnavailableException e) {
            inputsToComeAgain = true;
            throw e;
        }
        inputsToComeAgain = false;
    }

    /**
     * Commits the writes of closing a day (the watermarks, the day's mark), which are not an input's. A transaction
     * lost since the last {@link #commit()} is left for that commit to report: taken here, the inputs whose writes
     * it held would be acknowledged by the next one, and lost. Throws while such a loss waits to be reported (the
     * inputs' group commit comes within a tenth of a second), and after the inputs' commit failed until one succeeds
     * again: they are delivered again, and a day closed meanwhile would be final without them.
     */
    public synchronized void commitOwn() {
        if (commitsHeldBack()) {
            throw new StorageUnavailableException("inputs' writes were lost" + (lost != null ? " (" + lost + ")" : "")
                    + "; waiting for them to be delivered again and committed", null);
        }
        commitOpen(true);
    }

    /** Whether {@link #commitOwn} refuses now: inputs' writes were lost, and they have not been committed again. */
    public synchronized boolean commitsHeldBack() {
        return lost != null || inputsToComeAgain;
    }

    /** {@code own}: a failed commit also loses inputs' writes, which their own commit must then report. */
    private void commitOpen(boolean own) {
        if (writer == null) {
            return;
        }
        try {
            writer.commit();
        } catch (SQLException e) {
            if (own) {
                lost = e.getMessage();
            }
            closeWriter();
            throw new StorageUnavailableException("reporting database commit failed: " + e.getMessage(), e);
        }
    }

    /** Runs one statement in the open transaction, on the one writer connection (statements kept prepared). */
    private int write(String sql, Binder binder) {
        try {
            if (writer == null || writer.isClosed()) {
                writer = DriverManager.getConnection(url, user, password);
                writer.setAutoCommit(false);
                statements.clear();
            }
            PreparedStatement ps = statements.get(sql);
            if (ps == null) {
                ps = writer.prepareStatement(sql);
                statements.put(sql, ps);
            }
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (writer != null) {
                lost = e.getMessage(); // the open transaction dies with the connection
            }
            closeWriter();
            throw new StorageUnavailableException("reporting database write failed: " + e.getMessage(), e);
        }
    }

    private void closeWriter() {
        statements.clear();
        try {
            if (writer != null) {
                writer.rollback();
                writer.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        writer = null;
    }

    // ------------------------------------------------------------------ reads (pooled read connections)

    /** Idle read connections kept for the next query; more are opened when queries overlap. */
    private static final int IDLE_READERS = 2;

    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idleReaders =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;

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
        query("SELECT body FROM violation WHERE site = ? AND local_date = ?", ps -> {
            ps.setString(1, site);
            ps.setDate(2, Date.valueOf(day));
        }, rs -> out.add(Payloads.violation(rs.getString(1).getBytes(StandardCharsets.UTF_8))));
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
        Set<String> visitors = new java.util.HashSet<>();
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
                day(site, day), rs -> times[0] = (Long) rs.getObject(1, Long.class));
        query("SELECT MAX(ts_ms) FROM passage WHERE site = ? AND local_date = ? AND granted AND destination = 'outside'",
                day(site, day), rs -> times[1] = (Long) rs.getObject(1, Long.class));
        query("SELECT MAX(ts_ms) FROM lockup WHERE site = ? AND local_date = ?",
                day(site, day), rs -> times[2] = (Long) rs.getObject(1, Long.class));
        return new Activity(counts[0], counts[1], visitors.size(), instant(times[0]), instant(times[1]),
                instant(times[2]));
    }

    /** Counts by rule for each day of {@code [from, to]}, days without violations included. */
    public List<DayTotals> totals(String site, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<Rule, Long>> byDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<Rule, Long> zero = new EnumMap<>(Rule.class);
            for (Rule r : Rule.values()) {
                zero.put(r, 0L);
            }
            byDay.put(d, zero);
        }
        query("SELECT local_date, rule, COUNT(*) FROM violation WHERE site = ? AND local_date BETWEEN ? AND ?"
                + " GROUP BY local_date, rule", ps -> {
                    ps.setString(1, site);
                    ps.setDate(2, Date.valueOf(from));
                    ps.setDate(3, Date.valueOf(to));
                }, rs -> byDay.get(rs.getDate(1).toLocalDate()).put(Rule.valueOf(rs.getString(2)), rs.getLong(3)));
        List<DayTotals> out = new ArrayList<>();
        byDay.forEach((d, m) -> out.add(new DayTotals(d, m)));
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
        TreeMap<LocalDate, Boolean> days = new TreeMap<>();
        for (String table : List.of("violation", "passage", "lockup", "closed_day")) { // a quiet day, once closed
            query("SELECT DISTINCT local_date FROM " + table + " WHERE site = ?", ps -> ps.setString(1, site),
                    rs -> days.put(rs.getDate(1).toLocalDate(), Boolean.TRUE));
        }
        return new ArrayList<>(days.keySet());
    }

    public Set<LocalDate> closedDays(String site) {
        Set<LocalDate> out = new java.util.TreeSet<>();
        query("SELECT local_date FROM closed_day WHERE site = ?", ps -> ps.setString(1, site),
                rs -> out.add(rs.getDate(1).toLocalDate()));
        return out;
    }

    public Optional<Instant> watermark(String site) {
        Long[] w = new Long[1];
        query("SELECT watermark_ms FROM site_clock WHERE site = ?", ps -> ps.setString(1, site),
                rs -> w[0] = rs.getLong(1));
        return Optional.ofNullable(instant(w[0]));
    }

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
     * Runs one query on an idle read connection (or a new one) and gives it back. A connection that fails
     * is closed; a query that failed on a pooled connection before any row was read (the connection may
     * have gone stale, a restarted PostgreSQL say) is tried once more on a new one.
     */
    private void query(String sql, Binder binder, Row row) {
        for (int attempt = 1; ; attempt++) {
            Connection pooled = idleReaders.pollFirst();
            Connection c = pooled;
            boolean reading = false;
            try {
                if (c == null) {
                    c = openReader();
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    binder.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reading = true;
                            row.read(rs);
                        }
                    }
                }
                giveBack(c);
                return;
            } catch (SQLException e) {
                closeQuietly(c);
                if (pooled == null || reading || attempt >= 2) {
                    throw new StorageUnavailableException("reporting database read failed: " + e.getMessage(), e);
                }
            } catch (RuntimeException e) {
                closeQuietly(c); // a row that could not be read: the connection may be mid-result
                throw e;
            }
        }
    }

    private Connection openReader() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(true);
        // Not H2's LAZY_QUERY_EXECUTION: a lazy read holds its table lock until the result is closed, and
        // the writer's open transaction (group commit) then times out on "Timeout trying to lock table".
        if (url.startsWith("jdbc:h2:")) {
            // A day's violations are read in one query, and H2 copies a result of more than some 40,000
            // rows per GiB of heap through a temporary file (three times the cost of the read itself):
            // keep results in memory, as the report holds those rows in memory anyway. (A database-wide
            // setting; H2 keeps it.)
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET MAX_MEMORY_ROWS " + MAX_MEMORY_ROWS);
            } catch (SQLException e) {
                LOG.debug("H2 MAX_MEMORY_ROWS left as it is: {}", e.getMessage()); // e.g. a user without admin rights
            }
        }
        return c;
    }

    /** Rows of one result H2 keeps in memory: a day of violations, with room to spare. */
    private static final int MAX_MEMORY_ROWS = 1_000_000;

    private void giveBack(Connection c) {
        if (!closed && idleReaders.size() < IDLE_READERS) {
            idleReaders.offerFirst(c);
            if (!closed) {
                return;
            }
            idleReaders.remove(c); // closed meanwhile
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    @Override
    public synchronized void close() {
        try {
            commit(); // what was handled before the stop is kept (its acks may not have gone out: redelivered, stored once)
        } catch (StorageUnavailableException e) {
            LOG.warn("closing the reporting database: {}", e.getMessage());
        }
        closeWriter();
        closed = true;
        for (Connection c; (c = idleReaders.pollFirst()) != null; ) {
            closeQuietly(c);
        }
    }
}
