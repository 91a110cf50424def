package org.officeguard.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One MQTT message a simulated device publishes (QoS 1). For a badge, {@code expectGranted} and
 * {@code expectReason} are the decision the simulator's model says the door-gateway must make.
 */
public record DeviceMessage(Instant ts, LocalDate day, Kind kind, String topic, String eventId, byte[] payload,
        Boolean expectGranted, String expectReason) {

    public enum Kind { BADGE, PC_STATE, LAST_EXIT, VISITOR_REGISTER, CLOCK }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + " " + text();
    }
}
