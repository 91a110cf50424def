package org.officeguard.reporting.store;

/**
 * Where the group commit stands: which of its two commits may go. The inputs' commit makes what the inputs since
 * the last one wrote durable before they are acknowledged; the closing's commit makes a day's closed mark durable.
 * Both commit the one open transaction, so a write that fails, losing it, concerns both:
 *
 * <pre>
 *   COMMITTING ──write or closing's commit fails──▶ TRANSACTION_LOST
 *   TRANSACTION_LOST ──inputs' commit (refused: it reports the loss)──▶ INPUTS_COMING_AGAIN
 *   COMMITTING, INPUTS_COMING_AGAIN ──inputs' commit fails──▶ INPUTS_COMING_AGAIN
 *   COMMITTING, INPUTS_COMING_AGAIN ──inputs' commit succeeds──▶ COMMITTING
 * </pre>
 */
enum CommitState {

    /** Both commits go. */
    COMMITTING,

    /**
     * A write, or the closing's commit, failed: the open transaction is lost with what the inputs before it wrote.
     * The inputs' next commit fails, so that they are not acknowledged but delivered again; taken by the closing's
     * commit instead, the loss would be reported to nobody and those inputs acknowledged, lost. The closing does
     * not commit.
     */
    TRANSACTION_LOST,

    /**
     * The inputs' commit failed: they come again with the session's restart. The closing does not commit until an
     * inputs' commit succeeds: a day closed meanwhile would be final without them.
     */
    INPUTS_COMING_AGAIN;

    /** A write or the closing's commit failed after the transaction's connection was taken. */
    CommitState transactionLost() {
        return TRANSACTION_LOST;
    }

    /** Whether the inputs' commit may commit; if not, it fails and reports the lost transaction. */
    boolean inputsMayCommit() {
        return this != TRANSACTION_LOST;
    }

    CommitState inputsCommitted() {
        if (!inputsMayCommit()) {
            throw new IllegalStateException("a lost transaction cannot have been committed");
        }
        return COMMITTING;
    }

    /** The inputs' commit failed, or reported a lost transaction. */
    CommitState inputsNotCommitted() {
        return INPUTS_COMING_AGAIN;
    }

    boolean closingMayCommit() {
        return this == COMMITTING;
    }
}
