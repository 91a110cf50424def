package org.officeguard.reporting.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reporting's writes, in order, in one open transaction on a connection of the writer pool, committed in groups:
 * the inputs handled since the last commit are committed together before they are acknowledged
 * ({@link #commitInputs}), and the closing of a day commits what it wrote ({@link #commitClosing}). The connection is
 * taken at the group's first write and given back at its commit. Statements are prepared for each write: H2 and
 * pgjdbc keep the parsed or server-prepared statements of a connection themselves.
 *
 * <p>A write that fails loses the open transaction, with what the inputs before it in the group wrote: their commit
 * must fail, so that they are delivered again. {@link CommitState} says which commit may go.
 */
final class GroupTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(GroupTransaction.class);

    /** Runs writes of its own just before a commit (the sites' watermarks). */
    @FunctionalInterface
    interface LastWrites {
        void write();
    }

    private final DataSource writers;
    /** The connection of the open transaction; null while no write is waiting for a commit. */
    private Connection open;
    private CommitState state = CommitState.COMMITTING;
    /** Why the open transaction was lost, until the inputs' commit reports it. */
    private String lossReason;

    GroupTransaction(DataSource writers) {
        this.writers = writers;
    }

    /** Runs one statement in the open transaction; returns its update count. */
    synchronized int write(String sql, Binder binder) {
        try {
            if (open == null) {
                open = writers.getConnection();
            }
            try (PreparedStatement statement = open.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        } catch (SQLException e) {
            if (open != null) {
                rollBackAndGiveBack();
                lost(e.getMessage()); // the writes before it in the group go with it
            }
            throw new StorageUnavailableException("reporting database write failed: " + e.getMessage(), e);
        }
    }

    /**
     * Commits every write since the last commit, {@code last} first: called before the MQTT acks of the inputs that
     * made them. Throws when the transaction was lost, or the commit fails, so that those inputs are not acknowledged
     * but delivered again.
     */
    synchronized void commitInputs(LastWrites last) {
        if (!state.inputsMayCommit()) {
            String why = lossReason;
            lossReason = null;
            state = state.inputsNotCommitted();
            throw new StorageUnavailableException(
                    "uncommitted writes were lost (" + why + "); they are delivered again", null);
        }
        try {
            last.write();
            commitOpen();
        } catch (SQLException e) {
            state = state.inputsNotCommitted();
            throw new StorageUnavailableException("reporting database commit failed: " + e.getMessage(), e);
        } catch (StorageUnavailableException e) {
            lossReason = null; // a last write failed and lost the transaction: reported now
            state = state.inputsNotCommitted();
            throw e;
        }
        state = state.inputsCommitted();
    }

    /**
     * Commits the writes of closing a day ({@code last} first), which are not an input's. Refuses while a lost
     * transaction waits for the inputs' commit to report it, and after the inputs' commit failed until one succeeds.
     * A failure loses inputs' writes too, which their own commit then reports.
     */
    synchronized void commitClosing(LastWrites last) {
        if (!state.closingMayCommit()) {
            throw new StorageUnavailableException("inputs' writes were lost"
                    + (lossReason != null ? " (" + lossReason + ")" : "")
                    + "; waiting for them to be delivered again and committed", null);
        }
        last.write();
        try {
            commitOpen();
        } catch (SQLException e) {
            lost(e.getMessage());
            throw new StorageUnavailableException("reporting database commit failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@link #commitClosing} refuses now: inputs' writes were lost and have not been committed again. */
    synchronized boolean closingHeldBack() {
        return !state.closingMayCommit();
    }

    synchronized CommitState state() {
        return state;
    }

    /** Commits the open transaction, if any, and gives its connection back; a failed commit rolls it back. */
    private void commitOpen() throws SQLException {
        if (open == null) {
            return;
        }
        try {
            open.commit();
        } catch (SQLException e) {
            rollBackAndGiveBack();
            throw e;
        }
        giveBack();
    }

    private void lost(String reason) {
        lossReason = reason;
        state = state.transactionLost();
    }

    private void rollBackAndGiveBack() {
        try {
            open.rollback();
        } catch (SQLException broken) {
            LOG.debug("rollback on a failed connection: {}", broken.getMessage()); // the pool evicts it
        }
        giveBack();
    }

    private void giveBack() {
        try {
            open.close();
        } catch (SQLException broken) {
            LOG.debug("giving back a failed connection: {}", broken.getMessage());
        }
        open = null;
    }

    /** Gives back the connection of a transaction that will not be committed now (the service stops). */
    synchronized void close() {
        if (open != null) {
            rollBackAndGiveBack();
        }
    }
}
