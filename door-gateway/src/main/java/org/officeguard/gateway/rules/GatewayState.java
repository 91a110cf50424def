package org.officeguard.gateway.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Decision;
import org.officeguard.core.time.Fingerprints;

/**
 * A {@link DoorGateway}'s whole rule state as plain data, for a snapshot: taken where no input is held in the
 * reorder buffer, so the pending deadlines are all that waits for event time. A visitor's pass appears once, in
 * {@code passes}, and is named elsewhere by its {@code passId}: the rules tell a replaced pass from the current one by
 * identity, which the restore rebuilds.
 */
public record GatewayState(
        Instant watermark,
        long seq,
        long late,
        List<VisitorPass> passes,
        /* badge → passId of the pass the door decisions use */
        Map<String, String> currentPasses,
        /* the decisions of the last badge events, oldest first (a redelivered badge gets its first decision) */
        List<Decision> decided,
        /* the ids of the badge events decided, oldest first: more than the decisions kept */
        Fingerprints decidedIds,
        /* the recent registrations' and last-exit events' ids, oldest first */
        Fingerprints applied,
        List<Occupant> inside,
        /* badge → passId of the pass the visitor rules use */
        Map<String, String> watchedPasses,
        Set<String> reportedPasses,
        Map<String, String> visitorLocations,
        /* door/direction → recent granted passages, oldest first */
        Map<String, List<Decision>> recentPassages,
        List<EscortCheck> escortChecks,
        List<CheckoutCheck> checkoutChecks) {

    /** A holder inside: {@code passId} names a visitor's pass, {@code person} is true for a person of the site file. */
    public record Occupant(String badge, boolean person, String passId, String zone, Instant since) {}

    /** A pending {@code VISITOR_UNESCORTED} check. */
    public record EscortCheck(Instant at, long seq, Decision passage, String host) {}

    /** A pending {@code VISITOR_NOT_CHECKED_OUT} check at validUntil + grace. */
    public record CheckoutCheck(Instant at, long seq, String passId) {}
}
