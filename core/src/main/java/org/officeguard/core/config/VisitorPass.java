package org.officeguard.core.config;

import java.time.Instant;
import java.util.Set;

/**
 * A visitor's pass. {@code passId} identifies this pass (registering a badge again makes a new pass):
 * the registration's eventId, or {@code config:{badge}} for a pass from the site file.
 */
public record VisitorPass(String passId, String badge, String name, String host, Set<String> zones,
        Instant validFrom, Instant validUntil) implements Holder {

    @Override
    public boolean afterHours() {
        return false;
    }

    /** SPEC §3 step 2: valid on {@code [validFrom, validUntil]}, both ends included. */
    public boolean validAt(Instant ts) {
        return !ts.isBefore(validFrom) && !ts.isAfter(validUntil);
    }
}
