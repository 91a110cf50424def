package org.officeguard.core.model;

import java.time.Instant;
import java.util.Set;

/** Reception registers (or replaces) a visitor's pass ({@code office/{site}/visitor/register}). */
public record VisitorRegistration(String eventId, Instant ts, String badge, String name, String host,
        Set<String> zones, Instant validFrom, Instant validUntil) {}
