package org.officeguard.reporting.report;

import java.time.Instant;

/**
 * What happened at the doors on one local day (SPEC §6 {@code activity}): the day's door decisions,
 * the visitors granted at least one passage, the first granted entry from outside, the last granted
 * exit to outside and the last LOCKUP. The three times are null when there was none.
 */
public record Activity(long passagesGranted, long passagesDenied, long visitors, Instant firstInAt,
        Instant lastOutAt, Instant lockupAt) {

    public Activity {
        if (passagesGranted < 0 || passagesDenied < 0 || visitors < 0) {
            throw new IllegalArgumentException("activity counts cannot be negative: granted=" + passagesGranted
                    + ", denied=" + passagesDenied + ", visitors=" + visitors);
        }
    }

    /** A day without a single door decision. */
    public static Activity none() {
        return new Activity(0, 0, 0, null, null, null);
    }
}
