package org.officeguard.reporting.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Which final reports are owed to which address, and which were sent (table {@code report_mail}, SPEC §6 E-mail).
 * A day's mails are owed in the transaction that marks it closed ({@link #owe}). A sender claims a mail before it
 * sends and marks it sent after, each in a transaction of its own on an auto-committed connection: a claim is a
 * conditional update that only one process can win, so that neither a restart, a redelivery nor a second reporting
 * process on the same database sends a mail twice. A claim is a lease: one whose holder crashed before it marked the
 * mail sent is taken again once it is older than the lease (docs/decisions.md "The morning e-mail").
 */
public final class MailLedger {

    /** A mail owed: the final report of {@code site}'s {@code date} to {@code address}. */
    public record Owed(String site, LocalDate date, String address, long violations, int attempts) {

        /** For logs: {@code hq 2026-11-25 to soumu@example.com}. */
        @Override
        public String toString() {
            return site + " " + date + " to " + address;
        }
    }

    private final GroupTransaction writes;
    private final DataSource connections;

    MailLedger(GroupTransaction writes, DataSource autoCommitted) {
        this.writes = writes;
        this.connections = autoCommitted;
    }

    /**
     * In the open transaction (the one that marks the day closed): the day's final report, of {@code violations}
     * violations, is owed to each of {@code addresses}, once.
     */
    public void owe(String site, LocalDate day, List<String> addresses, long violations, long nowMs) {
        for (String address : addresses) {
            writes.write("INSERT INTO report_mail (site, local_date, address, violations, owed_ms, attempts)"
                    + " VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING", ps -> {
                        ps.setString(1, site);
                        ps.setDate(2, Date.valueOf(day));
                        ps.setString(3, address);
                        ps.setLong(4, violations);
                        ps.setLong(5, nowMs);
                    });
        }
    }

    /** The mails not sent yet (claimed or not), oldest day first. */
    public List<Owed> owed() {
        List<Owed> out = new ArrayList<>();
        try (Connection connection = connections.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT site, local_date, address,"
                        + " violations, attempts FROM report_mail WHERE sent_ms IS NULL ORDER BY local_date, site,"
                        + " address");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.add(new Owed(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getLong(4),
                        rs.getInt(5)));
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("reporting database read failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Claims {@code mail} for {@code claimant} at {@code nowMs}: true when it is this claimant's to send now, false
     * when it was sent, or another holds a claim made after {@code staleBeforeMs}.
     */
    public boolean claim(Owed mail, String claimant, long nowMs, long staleBeforeMs) {
        return update("UPDATE report_mail SET claimed_by = ?, claimed_ms = ?, attempts = attempts + 1"
                + " WHERE site = ? AND local_date = ? AND address = ? AND sent_ms IS NULL"
                + " AND (claimed_ms IS NULL OR claimed_ms < ? OR claimed_by = ?)", ps -> {
                    ps.setString(1, claimant);
                    ps.setLong(2, nowMs);
                    key(ps, 3, mail);
                    ps.setLong(6, staleBeforeMs);
                    ps.setString(7, claimant);
                }) == 1;
    }

    /** {@code mail} was sent: it is never sent again. */
    public void sent(Owed mail, long nowMs) {
        update("UPDATE report_mail SET sent_ms = ?, claimed_by = NULL, claimed_ms = NULL, last_error = NULL"
                + " WHERE site = ? AND local_date = ? AND address = ? AND sent_ms IS NULL", ps -> {
                    ps.setLong(1, nowMs);
                    key(ps, 2, mail);
                });
    }

    /** {@code claimant} could not send {@code mail}: it gives the claim back, saying why. */
    public void release(Owed mail, String claimant, String error) {
        update("UPDATE report_mail SET claimed_by = NULL, claimed_ms = NULL, last_error = ?"
                + " WHERE site = ? AND local_date = ? AND address = ? AND claimed_by = ?", ps -> {
                    ps.setString(1, error == null ? null : error.substring(0, Math.min(error.length(), 1024)));
                    key(ps, 2, mail);
                    ps.setString(5, claimant);
                });
    }

    /** When {@code mail} was sent (epoch ms), or null: for tests and the health page. */
    public Long sentAt(Owed mail) {
        try (Connection connection = connections.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT sent_ms FROM report_mail WHERE site = ? AND local_date = ? AND address = ?")) {
            key(statement, 1, mail);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getObject(1, Long.class) : null;
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("reporting database read failed: " + e.getMessage(), e);
        }
    }

    private static void key(PreparedStatement ps, int first, Owed mail) throws SQLException {
        ps.setString(first, mail.site());
        ps.setDate(first + 1, Date.valueOf(mail.date()));
        ps.setString(first + 2, mail.address());
    }

    /** One statement in a transaction of its own; its update count. */
    private int update(String sql, Binder binder) {
        try (Connection connection = connections.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StorageUnavailableException("reporting database write failed: " + e.getMessage(), e);
        }
    }
}
