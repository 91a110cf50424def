package org.officeguard.core.model;

import java.time.Instant;

/** A badge presented at a door reader ({@code office/{site}/door/{door}/badge}). */
public record BadgeEvent(String eventId, Instant ts, String door, String badge, Direction direction) {}
