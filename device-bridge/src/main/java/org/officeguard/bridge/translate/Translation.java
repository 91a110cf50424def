package org.officeguard.bridge.translate;

import java.time.Instant;

/**
 * What one device message becomes (SPEC §8): a §2 input of the site, nothing but what the bridge now knows, a message
 * the site has no use for, or a message that cannot be read.
 */
public sealed interface Translation {

    /** A §2 input, to publish on {@code topic}; {@code ts} is its time (the device's, or the bridge's stamp). */
    record Translated(String topic, byte[] payload, String eventId, Instant ts) implements Translation {}

    /** Nothing to publish: the message only tells the bridge something (a HASS.Agent's last input). */
    record Noted(String what) implements Translation {}

    /**
     * A message the site's rules have no use for (a heartbeat, another controller's record): counted under
     * {@code reason}, a short fixed word fit for a metric's label; {@code detail} says more, for the log.
     */
    record Ignored(String reason, String detail) implements Translation {}

    /** A message that cannot be read: dead-lettered with {@code reason}. */
    record Unreadable(String reason) implements Translation {}
}
