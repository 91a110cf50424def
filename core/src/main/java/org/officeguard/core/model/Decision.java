package org.officeguard.core.model;

import java.time.Instant;

/**
 * A door's answer to a badge ({@code office/{site}/door/{door}/decision}); {@code reason} is
 * {@code OK} or the rule that denied. {@code eventId} is the badge event's.
 */
public record Decision(String eventId, Instant ts, String site, String door, String badge, Direction direction,
        String origin, String destination, boolean granted, String reason) {

    public static final String OK = "OK";
}
