package org.officeguard.core.model;

import java.time.Instant;

/** The exit panel ({@code office/{site}/last-exit}). */
public record LastExitEvent(String eventId, Instant ts, String badge, LastExitAction action) {}
