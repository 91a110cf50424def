package org.officeguard.reporting.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Deletes what reporting keeps of days older than the retention (docs/decisions.md "Retention"): a site's violations,
 * passages, lock-ups, closed marks and mail records of one day in a transaction of its own, so that a backlog of many
 * days never holds a long lock; the visitor registrations older than a time in one statement (a few rows per visitor).
 * Each on a connection of its own, not the writer's: the inputs' group commit goes on meanwhile. Nothing an input of
 * a younger day writes is touched: every statement names the site and a day (or a time) before the horizon.
 */
public final class ExpiredData {

    /** The tables keyed by site and local date, each row of one day. */
    private static final List<String> DAY_TABLES = List.of("violation", "passage", "lockup", "report_mail",
            "closed_day");

    private final DataSource connections;

    ExpiredData(DataSource connections) {
        this.connections = connections;
    }

    /** The days of {@code site} before {@code horizon} that have anything stored, oldest first. */
    public List<LocalDate> daysBefore(String site, LocalDate horizon) {
        TreeSet<LocalDate> days = new TreeSet<>();
        try (Connection connection = connections.getConnection()) {
            for (String table : DAY_TABLES) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT DISTINCT local_date FROM " + table + " WHERE site = ? AND local_date < ?")) {
                    statement.setString(1, site);
                    statement.setDate(2, Date.valueOf(horizon));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            days.add(rs.getDate(1).toLocalDate());
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("reporting database read failed: " + e.getMessage(), e);
        }
        return new ArrayList<>(days);
    }

    /** Deletes everything of {@code site}'s {@code day}, in one transaction; returns the rows deleted. */
    public long deleteDay(String site, LocalDate day) {
        return inTransaction(connection -> {
            long rows = 0;
            for (String table : DAY_TABLES) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE site = ? AND local_date = ?")) {
                    statement.setString(1, site);
                    statement.setDate(2, Date.valueOf(day));
                    rows += statement.executeUpdate();
                }
            }
            return rows;
        });
    }

    /** Deletes {@code site}'s visitor registrations made before {@code beforeMs} (epoch ms); returns how many. */
    public long deleteRegistrations(String site, long beforeMs) {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM visitor_registration WHERE site = ? AND registered_ms < ?")) {
                statement.setString(1, site);
                statement.setLong(2, beforeMs);
                return (long) statement.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Work {
        long run(Connection connection) throws SQLException;
    }

    private long inTransaction(Work work) {
        try (Connection connection = connections.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long rows = work.run(connection);
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("reporting database delete failed: " + e.getMessage(), e);
        }
    }
}
