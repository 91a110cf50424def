package org.officeguard.reporting.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.store.CommitState.COMMITTING;
import static org.officeguard.reporting.store.CommitState.INPUTS_COMING_AGAIN;
import static org.officeguard.reporting.store.CommitState.TRANSACTION_LOST;

import org.junit.jupiter.api.Test;

/** Every transition of the group commit's states, and which commit each state lets go. */
class CommitStateTest {

    @Test
    void only_committing_lets_the_closing_commit() {
        assertTrue(COMMITTING.closingMayCommit());
        assertFalse(TRANSACTION_LOST.closingMayCommit());
        assertFalse(INPUTS_COMING_AGAIN.closingMayCommit());
    }

    @Test
    void the_inputs_commit_goes_unless_a_lost_transaction_waits_to_be_reported() {
        assertTrue(COMMITTING.inputsMayCommit());
        assertTrue(INPUTS_COMING_AGAIN.inputsMayCommit());
        assertFalse(TRANSACTION_LOST.inputsMayCommit());
    }

    @Test
    void a_lost_transaction_is_lost_from_every_state() {
        for (CommitState state : CommitState.values()) {
            assertEquals(TRANSACTION_LOST, state.transactionLost(), state.name());
        }
    }

    @Test
    void an_inputs_commit_that_fails_or_reports_a_loss_holds_the_closing_back_until_one_succeeds() {
        for (CommitState state : CommitState.values()) {
            assertEquals(INPUTS_COMING_AGAIN, state.inputsNotCommitted(), state.name());
        }
        assertEquals(COMMITTING, INPUTS_COMING_AGAIN.inputsCommitted());
        assertEquals(COMMITTING, COMMITTING.inputsCommitted());
        assertThrows(IllegalStateException.class, TRANSACTION_LOST::inputsCommitted);
    }
}
