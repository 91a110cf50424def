package org.officeguard.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.TimeFormat;

/**
 * What a HASS.Agent publishes (SPEC §8's table): each sensor's value as plain text on its state topic under the
 * agent's topic ({@code …/lastactive/state}, {@code …/sessionstate/state}), and {@code online}/{@code offline} on
 * {@code …/availability}, as HASS.Agent lays out Home Assistant's MQTT discovery topics; and the event id the
 * device-bridge gives the PC state it makes of a message, {@code {id}:{stamp}:{sensor}} with the stamp in epoch
 * seconds.
 */
final class AgentMessages {

    static final String LAST_ACTIVE = "lastactive";
    static final String SESSION_STATE = "sessionstate";
    static final String AVAILABILITY = "availability";

    private final ZoneId zone;

    AgentMessages(ZoneId zone) {
        this.zone = zone;
    }

    static String stateTopic(Device.HassAgent agent, String sensor) {
        return agent.topic() + "/" + sensor + "/state";
    }

    static String availabilityTopic(Device.HassAgent agent) {
        return agent.topic() + "/" + AVAILABILITY;
    }

    /** The lastactive sensor's value: the time of the last input, ISO-8601 in the site's offset. */
    byte[] lastActive(Instant input) {
        return text(TimeFormat.format(input, zone));
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The id of the PC state the bridge makes of {@code agent}'s {@code sensor} message stamped {@code stamp}: the
     * stamp as the site's local ISO-8601 time, as the bridge writes it.
     */
    String eventId(Device.HassAgent agent, Instant stamp, String sensor) {
        return agent.id() + ":" + TimeFormat.format(stamp, zone) + ":" + sensor;
    }
}
