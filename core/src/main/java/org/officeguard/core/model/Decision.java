package org.officeguard.core.model;

import java.time.Instant;

/**
 * A door's answer to a badge ({@code office/{site}/door/{door}/decision}); {@code reason} is {@code OK} or the
 * rule that denied. {@code eventId} is the badge event's. For an observed passage ({@code decidedByDevice})
 * {@code granted} is the reader's verdict and {@code reason} still officeguard's own (SPEC §2).
 */
public record Decision(String eventId, Instant ts, String site, String door, String badge, Direction direction,
        String origin, String destination, boolean granted, String reason, boolean decidedByDevice) {

    public static final String OK = "OK";
    /** The value of {@code decidedBy} on an observed passage's decision. */
    public static final String DEVICE = "device";

    /** A decision officeguard made itself. */
    public Decision(String eventId, Instant ts, String site, String door, String badge, Direction direction,
            String origin, String destination, boolean granted, String reason) {
        this(eventId, ts, site, door, badge, direction, origin, destination, granted, reason, false);
    }
}
