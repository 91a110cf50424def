package org.officeguard.simulator;

import java.time.Instant;
import java.util.List;
import org.officeguard.simulator.Topology.Step;

/** A visitor's day: their pass (from the site file, or registered at reception), their host, where they meet. */
final class Visit {

    String badge;
    String name;
    /** The pass is in the site file; otherwise reception registers it first. */
    boolean fromConfig;
    Attendee host;
    /** From outside to where they meet. */
    List<Step> path;
    List<String> zones;
    Instant arrive;
    Instant meetingEnds;
    Instant validFrom;
    Instant validUntil;
    LapseEvent unescorted;
    LapseEvent overstay;
    LapseEvent early;
    Instant leftAt;
}
