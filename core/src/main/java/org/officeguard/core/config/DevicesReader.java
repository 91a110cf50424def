package org.officeguard.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.officeguard.core.config.Device.Kind;
import org.officeguard.core.model.Direction;

/**
 * Reads a site file's {@code devices} (SPEC §8) against the doors and PCs already read: every device names
 * a kind that exists, a door or PC of the site, and a topic of its own.
 */
final class DevicesReader {

    private static final String KINDS = Set.of(Kind.values()).stream().map(Kind::id).sorted()
            .collect(Collectors.joining(", "));

    private final Map<String, Door> doors;
    private final Map<String, Pc> pcs;

    DevicesReader(Map<String, Door> doors, Map<String, Pc> pcs) {
        this.doors = doors;
        this.pcs = pcs;
    }

    List<Device> read(List<YamlObject> items) {
        List<Device> devices = new ArrayList<>();
        Map<String, String> idsSeen = new LinkedHashMap<>();
        Map<String, Device> topics = new LinkedHashMap<>();
        Map<String, String> agentOf = new LinkedHashMap<>();
        for (YamlObject item : items) {
            String id = item.id("id");
            if (idsSeen.put(id, id) != null) {
                throw item.error("id", "duplicate device '" + id + "'");
            }
            String kindName = item.string("kind", true);
            Kind kind = Kind.byId(kindName).orElseThrow(() ->
                    item.error("kind", "unknown device kind '" + kindName + "' (known: " + KINDS + ")"));
            Device device = switch (kind) {
                case ESP_RFID -> espRfid(item, id);
                case UHPPOTED -> uhppoted(item, id);
                case HASS_AGENT -> hassAgent(item, id, agentOf);
            };
            checkTopic(item, device, topics);
            devices.add(device);
        }
        return devices;
    }

    private Device espRfid(YamlObject item, String id) {
        item.only("id", "kind", "topic", "door", "direction");
        String door = item.oneOf("door", doors.keySet());
        String direction = item.string("direction", true);
        if (!direction.equals("IN") && !direction.equals("OUT")) {
            throw item.error("direction", "must be IN or OUT, not '" + direction + "'");
        }
        return new Device.EspRfid(id, topic(item), door, Direction.valueOf(direction));
    }

    private Device uhppoted(YamlObject item, String id) {
        item.only("id", "kind", "topic", "controller", "doors");
        long controller = item.positiveLong("controller");
        YamlObject numbers = item.obj("doors", true);
        Map<Integer, String> mapped = new LinkedHashMap<>();
        for (String key : numbers.keys()) {
            int number;
            try {
                number = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw numbers.error(key, "a door number is 1, 2, 3 or 4, not '" + key + "'");
            }
            if (number < 1 || number > 4) {
                throw numbers.error(key, "a UHPPOTE controller has doors 1 to 4, not " + number);
            }
            mapped.put(number, numbers.oneOf(key, doors.keySet(), "door"));
        }
        if (mapped.isEmpty()) {
            throw item.error("doors", "map at least one door number to a door, e.g. {1: front}");
        }
        return new Device.Uhppoted(id, topic(item), controller, mapped);
    }

    private Device hassAgent(YamlObject item, String id, Map<String, String> agentOf) {
        item.only("id", "kind", "topic", "pc");
        String pc = item.oneOf("pc", pcs.keySet());
        String other = agentOf.putIfAbsent(pc, id);
        if (other != null) {
            throw item.error("pc", "PC '" + pc + "' already has a device ('" + other + "')");
        }
        return new Device.HassAgent(id, topic(item), pc);
    }

    private static String topic(YamlObject item) {
        String topic = item.string("topic", true);
        if (topic.contains("+") || topic.contains("#") || topic.startsWith("/") || topic.endsWith("/")
                || topic.contains("//") || topic.contains(" ")) {
            throw item.error("topic", "'" + topic + "' must be an MQTT topic name: no wildcards (+ #), no empty"
                    + " levels, no spaces");
        }
        return topic;
    }

    /** Two devices may not share a topic, nor may one publish under a HASS.Agent's topic. */
    private static void checkTopic(YamlObject item, Device device, Map<String, Device> topics) {
        for (Device other : topics.values()) {
            if (other.topic().equals(device.topic())) {
                throw item.error("topic", "'" + device.topic() + "' is already the topic of device '" + other.id()
                        + "': each device needs a topic of its own");
            }
            if (overlaps(other, device) || overlaps(device, other)) {
                throw item.error("topic", "'" + device.topic() + "' overlaps the topic '" + other.topic()
                        + "' of device '" + other.id() + "': a HASS.Agent's sensors are everything under its topic");
            }
        }
        topics.put(device.topic(), device);
    }

    private static boolean overlaps(Device agent, Device other) {
        return agent instanceof Device.HassAgent && other.topic().startsWith(agent.topic() + "/");
    }
}
