package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.PcState;
import org.officeguard.core.time.Fingerprints;

/**
 * A {@link LockoutMonitor}'s whole rule state as plain data, for a snapshot: taken where no input is held in the
 * reorder buffer, so the pending deadlines are all that waits for event time. PCs are named by id (the site file's).
 */
public record MonitorState(
        Instant watermark,
        long seq,
        long late,
        /* the recent inputs' keys, oldest first (a redelivered input changes nothing) */
        Fingerprints seen,
        /* badge → zone of everyone inside */
        Map<String, String> inside,
        int occupied,
        boolean lockedUp,
        /* the passage that last emptied the site, while it stays empty */
        Decision emptiedBy,
        List<KnownPc> pcs,
        /* user → the PCs they use, in the order they came to use them */
        Map<String, List<String>> pcsByUser,
        List<LeaveCheck> leaveChecks,
        List<EmptyCheck> emptyChecks) {

    /**
     * What is known of one PC and how the live state shows it. {@code idleReported} is the index in
     * {@code reportedIdle} of the idle period going on, -1 for none; {@code idleReportedAlone} that period's span when
     * it is no longer among those remembered.
     */
    public record KnownPc(String id, PcState state, String user, Instant stateTs, Instant lastProtected,
            List<List<Instant>> reportedIdle, int idleReported, List<Instant> idleReportedAlone,
            PcState shownState, String shownUser, Instant shownSince) {}

    /** A pending {@code LEFT_PC_UNLOCKED} check. */
    public record LeaveCheck(Instant at, long seq, String pc, String user, Decision passage) {}

    /** A pending {@code LOCKUP_MISSING} check. */
    public record EmptyCheck(Instant at, long seq, Decision lastPassage) {}
}
