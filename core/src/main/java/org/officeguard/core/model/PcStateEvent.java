package org.officeguard.core.model;

import java.time.Instant;

/**
 * A PC agent's report ({@code office/{site}/pc/{pc}/state}). {@code user} is null when the agent
 * did not name one: the PC's owner is then the user.
 */
public record PcStateEvent(String eventId, Instant ts, String pc, PcState state, long idleSeconds, String user) {}
