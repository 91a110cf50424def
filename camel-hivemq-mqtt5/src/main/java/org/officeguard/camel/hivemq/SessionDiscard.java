package org.officeguard.camel.hivemq;

import java.time.Instant;

/**
 * A service's MQTT session started afresh because the broker kept breaking the protocol on it: when, and the breach
 * that decided it. What the broker held for the session then was lost.
 */
public record SessionDiscard(Instant at, String reason) {
}
