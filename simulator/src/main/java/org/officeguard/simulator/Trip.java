package org.officeguard.simulator;

import java.time.Instant;
import org.officeguard.simulator.Topology.Step;

/** Time away from the desk: a meeting elsewhere, lunch out, meeting a visitor, or a badge at a forbidden door. */
final class Trip {

    enum Kind { MEETING, LUNCH, HOST, ATTEMPT }

    final Kind kind;
    final Instant start;
    final Instant end;
    /** Where a meeting is. */
    String zone;
    /** Whom a host meets. */
    Visit visit;
    /** The forbidden door of an attempt. */
    Step step;
    /** Leaves the PC unlocked (a lapse), or null. */
    LapseEvent walkAway;

    Trip(Kind kind, Instant start, Instant end) {
        this.kind = kind;
        this.start = start;
        this.end = end;
    }
}
