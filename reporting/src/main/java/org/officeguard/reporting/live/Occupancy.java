package org.officeguard.reporting.live;

import java.time.Instant;
import java.util.List;

/** The door-gateway's retained {@code office/{site}/occupancy} (SPEC §2): who is inside at {@code ts}. */
public record Occupancy(Instant ts, String site, int count, List<Occupant> occupants) {

    public Occupancy {
        occupants = List.copyOf(occupants);
    }

    /** How many are inside: the payload's count, or more if it lists more (the check errs on the side of "not yet"). */
    public int inside() {
        return Math.max(count, occupants.size());
    }
}
