package org.officeguard.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One MQTT message a simulated device publishes (QoS 1). For a badge, {@code expectGranted} and
 * {@code expectReason} are the decision the simulator's model says the door-gateway must make. A device that speaks
 * its own language (SPEC §8) publishes on its own topic; {@code eventId} is then the id of the input the
 * device-bridge makes of the message, null for a message it makes none of.
 */
public record DeviceMessage(Instant ts, LocalDate day, Kind kind, String topic, String eventId, byte[] payload,
        Boolean expectGranted, String expectReason) {

    public enum Kind {
        /** A badge at a door reader: a §2 badge, or an esp-rfid's or uhppoted controller's message about one. */
        BADGE,
        PC_STATE,
        LAST_EXIT,
        VISITOR_REGISTER,
        CLOCK,
        /** A HASS.Agent message the device-bridge makes a PC state of: its {@code sessionstate}, its {@code offline}. */
        AGENT_STATE,
        /** A HASS.Agent message the bridge makes no input of: its {@code lastactive}, its {@code online}. */
        AGENT_INFO
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + " " + text();
    }
}
