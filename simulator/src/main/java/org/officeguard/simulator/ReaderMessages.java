package org.officeguard.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;

/**
 * What a reader that decides by itself publishes for a badge (SPEC §8's table), and the event id the device-bridge
 * gives the observed badge it makes of it.
 */
final class ReaderMessages {

    /** A reader's message: its topic and payload, and the event id of the badge the bridge makes of it. */
    record Message(String topic, byte[] payload, String eventId) {}

    /** A card in a reader's list: its holder's name, and whether it is an admin card (people allowed after hours). */
    record ListedCard(String name, boolean admin) {}

    /** uhppoted-mqtt's {@code timestamp}: the controller's local time and zone abbreviation ({@code 2019-08-09 16:18:55 PDT}). */
    static final DateTimeFormatter UHPPOTED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.US);
    /** UHPPOTE event type 1: a card swipe. */
    static final int CARD_SWIPE = 1;
    /** UHPPOTE event reasons: 1 swipe (granted), 6 no access rights, 8 anti-passback, 13 not in the allowed time period. */
    static final int SWIPE = 1;
    static final int NO_ACCESS_RIGHTS = 6;
    static final int ANTI_PASSBACK = 8;
    static final int NOT_IN_ALLOWED_TIME = 13;

    private final ZoneId zone;
    /** The last event index of each controller: uhppoted-mqtt's {@code event-id} increases per controller. */
    private final Map<String, Long> lastEventIds = new HashMap<>();

    ReaderMessages(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * {@code reader}'s message for {@code badge} presented at {@code door} in {@code direction} at {@code ts}, which
     * it {@code granted} or not; {@code reason} is the site's own decision, {@code card} the card's entry in the
     * reader's list, null for a card it does not know.
     */
    Message badge(Device reader, String door, Direction direction, Instant ts, String badge, boolean granted,
            String reason, ListedCard card) {
        if (reader instanceof Device.EspRfid espRfid) {
            return espRfid(espRfid, ts, badge, granted, reason, card);
        } else if (reader instanceof Device.Uhppoted controller) {
            return uhppoted(controller, door, direction, ts, badge, granted, reason);
        }
        throw new IllegalArgumentException(reader.id() + " reads no badges");
    }

    /**
     * esp-rfid's access message on its topic (README-MQTT.md of esprfid/esp-rfid, "Publish Access"): the card's
     * {@code uid} is the badge; {@code access} is {@code Always} or {@code Admin} for a card let through,
     * {@code Disabled} or {@code Expired} for one its list refuses, and {@code Denied} with {@code isKnown} false for
     * a card not in its list. The bridge's event id is {@code {id}:{time}:{uid}} (SPEC §8).
     */
    private static Message espRfid(Device.EspRfid reader, Instant ts, String badge, boolean granted, String reason,
            ListedCard card) {
        long time = ts.getEpochSecond();
        ObjectNode json = Payloads.JSON.createObjectNode();
        json.put("type", "access");
        json.put("time", time);
        json.put("isKnown", card != null ? "true" : "false");
        json.put("access", card == null ? "Denied" : espRfidAccess(granted, reason, card));
        json.put("username", card != null ? card.name() : "Unknown");
        json.put("uid", badge);
        json.put("hostname", reader.id());
        return new Message(reader.topic(), Payloads.bytes(json), reader.id() + ":" + time + ":" + badge);
    }

    private static String espRfidAccess(boolean granted, String reason, ListedCard card) {
        if (granted) {
            return card.admin() ? "Admin" : "Always";
        }
        if (Rule.VISITOR_PASS_INVALID.name().equals(reason)) {
            return "Expired";
        }
        return Rule.ZONE_NOT_ALLOWED.name().equals(reason) ? "Disabled" : "Denied";
    }

    /**
     * uhppoted-mqtt's event record under {@code message.event} (uhppoted-mqtt wraps what it publishes in
     * {@code {"message":{"event":…}}}; the record's fields as uhppoted-api's ListenEvent names them and SPEC §8 reads
     * them): {@code direction} 1 is IN, 2 OUT; {@code card-number} is the badge as a number; {@code timestamp} the
     * site's local time. The bridge's event id is {@code {id}:{event-id}} (SPEC §8).
     */
    private Message uhppoted(Device.Uhppoted controller, String door, Direction direction, Instant ts, String badge,
            boolean granted, String reason) {
        long eventId = lastEventIds.merge(controller.id(), 1L, Long::sum);
        ObjectNode record = Payloads.JSON.createObjectNode();
        record.put("device-id", controller.controller());
        record.put("event-id", eventId);
        record.put("event-type", CARD_SWIPE);
        record.put("access-granted", granted);
        record.put("door-id", doorNumber(controller, door));
        record.put("direction", direction == Direction.IN ? 1 : 2);
        record.put("card-number", Long.parseLong(badge));
        record.put("timestamp", UHPPOTED_TIME.format(ts.atZone(zone)));
        record.put("event-reason", granted ? SWIPE : uhppotedReason(reason));
        ObjectNode json = Payloads.JSON.createObjectNode();
        json.putObject("message").set("event", record);
        return new Message(controller.topic(), Payloads.bytes(json), controller.id() + ":" + eventId);
    }

    private static int uhppotedReason(String reason) {
        if (Rule.ANTI_PASSBACK.name().equals(reason)) {
            return ANTI_PASSBACK;
        }
        return Rule.VISITOR_PASS_INVALID.name().equals(reason) ? NOT_IN_ALLOWED_TIME : NO_ACCESS_RIGHTS;
    }

    private static int doorNumber(Device.Uhppoted controller, String door) {
        return controller.doors().entrySet().stream().filter(entry -> entry.getValue().equals(door))
                .mapToInt(Map.Entry::getKey).min()
                .orElseThrow(() -> new IllegalArgumentException(controller.id() + " has no door " + door));
    }
}
