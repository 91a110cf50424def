package org.officeguard.core.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.officeguard.core.model.Direction;

/**
 * A device of the site that publishes in its own format on its own topic (SPEC §8); the device-bridge
 * translates its messages into the site's inputs. Built only by {@link SiteConfigLoader}, so always valid.
 */
public sealed interface Device permits Device.EspRfid, Device.Uhppoted, Device.HassAgent {

    /** The kinds of device officeguard understands, by the name a site file gives them. */
    enum Kind {
        ESP_RFID("esp-rfid"), UHPPOTED("uhppoted"), HASS_AGENT("hass-agent");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Kind> byId(String id) {
            return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The device's id in the site file; it starts every event id the bridge derives from the device. */
    String id();

    Kind kind();

    /**
     * The MQTT topic the device publishes on; for a HASS.Agent PC the topic its sensors are published
     * under ({@code …/sessionstate/state}, {@code …/lastactive/state}, {@code …/availability}).
     */
    String topic();

    /** An esp-rfid reader mounted at one side of a door: each badge it reads is a passage in {@code direction}. */
    record EspRfid(String id, String topic, String door, Direction direction) implements Device {
        @Override
        public Kind kind() {
            return Kind.ESP_RFID;
        }
    }

    /**
     * A UHPPOTE controller seen through uhppoted-mqtt: its events carry {@code device-id} = {@code controller}
     * and a door number 1–4, mapped to the site's doors by {@code doors}.
     */
    record Uhppoted(String id, String topic, long controller, Map<Integer, String> doors) implements Device {
        public Uhppoted {
            doors = Map.copyOf(doors);
        }

        @Override
        public Kind kind() {
            return Kind.UHPPOTED;
        }
    }

    /** A Windows PC running HASS.Agent, whose session and activity sensors describe the site's PC {@code pc}. */
    record HassAgent(String id, String topic, String pc) implements Device {
        @Override
        public Kind kind() {
            return Kind.HASS_AGENT;
        }
    }
}
