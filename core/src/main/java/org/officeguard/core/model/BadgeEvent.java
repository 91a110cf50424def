package org.officeguard.core.model;

import java.time.Instant;

/**
 * A badge presented at a door reader ({@code office/{site}/door/{door}/badge}). {@code granted} is the reader's
 * own verdict when it decided by itself (an observed passage, SPEC §3 and §8), null when officeguard decides.
 */
public record BadgeEvent(String eventId, Instant ts, String door, String badge, Direction direction, Boolean granted) {

    /** A badge that officeguard decides. */
    public BadgeEvent(String eventId, Instant ts, String door, String badge, Direction direction) {
        this(eventId, ts, door, badge, direction, null);
    }

    /** Whether the reader decided by itself. */
    public boolean observed() {
        return granted != null;
    }
}
