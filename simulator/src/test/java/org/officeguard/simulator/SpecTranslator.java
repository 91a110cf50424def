package org.officeguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;

/**
 * SPEC §8's table read on its own, as the device-bridge must apply it, written for the tests from the table and
 * nothing else of the simulator: each device message becomes the §2 input the table says (or none), published on
 * the site's topic. It keeps what the table needs: the site's event time (the largest ts among its translated inputs
 * and clock ticks, for the HASS.Agent stamps) and each PC's last {@code lastactive}.
 */
final class SpecTranslator {

    /** A §2 input: its topic and payload. */
    record Input(String topic, String payload) {}

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SiteConfig site;
    private final Topics topics = new Topics("office");
    private final Map<String, Device> byTopic = new HashMap<>();
    private final Map<String, Instant> lastActive = new HashMap<>();
    private Instant eventTime = Instant.EPOCH;

    SpecTranslator(SiteConfig site) {
        this.site = site;
        for (Device device : site.devices()) {
            byTopic.put(device.topic(), device);
        }
    }

    /**
     * The inputs the bridge publishes for {@code messages}: clock ticks move its event time and are not published,
     * nor are the §2 messages (the bridge does not take them).
     */
    List<Input> translate(List<DeviceMessage> messages) {
        List<Input> out = new ArrayList<>();
        for (DeviceMessage message : messages) {
            if (message.topic().equals(topics.clock(site.site()))) {
                later(Payloads.clock(message.payload()));
                continue;
            }
            if (message.topic().startsWith(topics.root() + "/")) {
                continue; // a §2 input of its own: not on a device topic, not the bridge's
            }
            Input input = translate(message.topic(), message.text());
            if (input != null) {
                out.add(input);
            }
        }
        return out;
    }

    private Input translate(String topic, String payload) {
        Device device = byTopic.get(topic);
        if (device instanceof Device.EspRfid reader) {
            return espRfid(reader, json(payload));
        } else if (device instanceof Device.Uhppoted controller) {
            return uhppoted(controller, json(payload));
        }
        for (Device agent : site.devices()) {
            if (agent instanceof Device.HassAgent hassAgent && topic.startsWith(agent.topic() + "/")) {
                return hassAgent(hassAgent, topic.substring(agent.topic().length() + 1), payload);
            }
        }
        throw new IllegalArgumentException("no device publishes on " + topic);
    }

    private Input espRfid(Device.EspRfid reader, JsonNode json) {
        if (!json.path("type").asText().equals("access")) {
            return null;
        }
        String access = json.path("access").asText();
        boolean granted = json.path("isKnown").asText().equals("true")
                && (access.equals("Admin") || access.equals("Always"));
        long time = json.path("time").asLong();
        String uid = json.path("uid").asText();
        return badge(reader.id() + ":" + time + ":" + uid, Instant.ofEpochSecond(time), reader.door(), uid,
                reader.direction(), granted);
    }

    private Input uhppoted(Device.Uhppoted controller, JsonNode json) {
        JsonNode record = json.path("message").path("event").isObject() ? json.path("message").path("event") : json;
        String door = controller.doors().get(record.path("door-id").asInt());
        if (record.path("device-id").asLong() != controller.controller() || !record.path("card-number").isNumber()
                || door == null) {
            return null;
        }
        String local = record.path("timestamp").asText().substring(0, "yyyy-MM-dd HH:mm:ss".length());
        Instant ts = LocalDateTime.parse(local, LOCAL).atZone(site.timezone()).toInstant();
        return badge(controller.id() + ":" + record.path("event-id").asLong(), ts, door,
                Long.toString(record.path("card-number").asLong()),
                record.path("direction").asInt() == 1 ? Direction.IN : Direction.OUT,
                record.path("access-granted").asBoolean());
    }

    private Input hassAgent(Device.HassAgent agent, String sensor, String value) {
        String name;
        PcState state;
        long idle = 0;
        switch (sensor) {
            case "lastactive/state" -> {
                lastActive.put(agent.pc(), OffsetDateTime.parse(value).toInstant());
                return null;
            }
            case "sessionstate/state" -> {
                name = "sessionstate";
                if (value.equals("Locked") || value.equals("LoggedOff")) {
                    state = PcState.LOCKED;
                } else if (value.equals("Unlocked")) {
                    Instant last = lastActive.get(agent.pc());
                    long since = last == null ? 0 : Duration.between(last, eventTime).getSeconds();
                    state = since >= 60 ? PcState.IDLE : PcState.ACTIVE;
                    idle = since >= 60 ? since : 0;
                } else {
                    return null;
                }
            }
            case "availability" -> {
                if (!value.equals("offline")) {
                    return null;
                }
                name = "availability";
                state = PcState.OFF;
            }
            default -> throw new IllegalArgumentException("no sensor " + sensor);
        }
        String eventId = agent.id() + ":" + TimeFormat.format(eventTime, site.timezone()) + ":" + name;
        PcStateEvent report = new PcStateEvent(eventId, eventTime, agent.pc(), state, idle, null);
        return new Input(topics.pcState(site.site(), agent.pc()), text(Payloads.write(report, site.timezone())));
    }

    private Input badge(String eventId, Instant ts, String door, String badge, Direction direction, boolean granted) {
        later(ts);
        BadgeEvent event = new BadgeEvent(eventId, ts, door, badge, direction, granted);
        return new Input(topics.badge(site.site(), door), text(Payloads.write(event, site.timezone())));
    }

    private void later(Instant ts) {
        if (ts.isAfter(eventTime)) {
            eventTime = ts;
        }
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String payload) {
        try {
            return Payloads.JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
