package org.officeguard.reporting.live;

import java.time.Instant;
import java.util.Locale;

/**
 * One badge holder inside, as the door-gateway's retained {@code occupancy} names them (SPEC §2). {@code name} is null
 * for an unknown badge; {@code since} (when they entered the zone) is null when the gateway does not know it;
 * {@code host} is a visitor's host's badge, null for anyone else or when not known.
 */
public record Occupant(String badge, String name, Kind kind, String zone, Instant since, String host) {

    /** What the gateway knows the badge as. */
    public enum Kind {
        PERSON, VISITOR, UNKNOWN;

        /** As the payload and the roll call's JSON write it: {@code person}, {@code visitor}, {@code unknown}. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
