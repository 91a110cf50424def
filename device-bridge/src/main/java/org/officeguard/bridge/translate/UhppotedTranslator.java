package org.officeguard.bridge.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;

/**
 * A UHPPOTE controller's event records as uhppoted-mqtt publishes them on its events topic (SPEC §8; uhppoted-mqtt's
 * README, "Events", and its get-event documentation for the record's fields): {@code {"device-id","event-id",
 * "event-type","access-granted","door-id","direction","card-number","timestamp",…}}, at the top level or under
 * {@code message.event}. A card swipe of the configured controller at a mapped door becomes an observed badge: the
 * card number in decimal, direction 1 IN and 2 OUT, the controller's verdict, at {@code timestamp} read as the site's
 * local time. Another controller's record, a record without a card or of another event type than a swipe (a door
 * opened by its button, an alarm), and a door the site file does not map are ignored.
 */
public final class UhppotedTranslator {

    public static final String OTHER_CONTROLLER = "other-controller";
    public static final String NOT_A_CARD_SWIPE = "not-a-card-swipe";
    public static final String NO_CARD = "no-card";
    public static final String DOOR_NOT_MAPPED = "door-not-mapped";

    /** uhppote's event type of a card swipe; 2 is a door event, 3 an alarm. */
    private static final long CARD_SWIPE = 1;
    /** {@code 2019-08-09 16:18:55 PDT}: the controller's local time and a zone abbreviation, which is not trusted. */
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})( \\S+)?");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private final Topics topics;
    private final SiteConfig site;

    public UhppotedTranslator(Topics topics, SiteConfig site) {
        this.topics = topics;
        this.site = site;
    }

    public Translation translate(Device.Uhppoted controller, byte[] payload) {
        try {
            ObjectNode event = record(Payloads.object(payload));
            long deviceId = DeviceJson.wholeNumber(event, "device-id");
            if (deviceId != controller.controller()) {
                return new Translation.Ignored(OTHER_CONTROLLER, "a record of controller " + deviceId);
            }
            JsonNode type = event.get("event-type");
            if (type != null && !type.isNull() && DeviceJson.wholeNumber(event, "event-type") != CARD_SWIPE) {
                return new Translation.Ignored(NOT_A_CARD_SWIPE, "event type " + type.asText() + ", not a card swipe");
            }
            JsonNode card = event.get("card-number");
            if (card == null || card.isNull() || (card.isIntegralNumber() && card.asLong() == 0)) {
                return new Translation.Ignored(NO_CARD, "a record without a card");
            }
            String badge = cardNumber(card);
            long doorNumber = DeviceJson.wholeNumber(event, "door-id");
            String door = doorNumber > 4 ? null : controller.doors().get((int) doorNumber);
            if (door == null) {
                return new Translation.Ignored(DOOR_NOT_MAPPED,
                        "door " + doorNumber + " is not in the site file's doors");
            }
            Direction direction = direction(DeviceJson.wholeNumber(event, "direction"));
            boolean granted = DeviceJson.bool(event, "access-granted");
            long eventIndex = DeviceJson.wholeNumber(event, "event-id");
            Instant ts = localTime(DeviceJson.text(event, "timestamp"));
            String eventId = controller.id() + ":" + eventIndex;
            BadgeEvent read = new BadgeEvent(eventId, ts, door, badge, direction, granted);
            return new Translation.Translated(topics.badge(site.site(), door), Payloads.write(read, site.timezone()),
                    eventId, ts);
        } catch (InvalidInputException unreadable) {
            return new Translation.Unreadable(unreadable.getMessage());
        }
    }

    /** The event record: the payload itself, or its {@code message.event}. */
    private static ObjectNode record(ObjectNode payload) {
        JsonNode message = payload.get("message");
        if (message == null) {
            return payload;
        }
        JsonNode event = message.get("event");
        if (event == null || !event.isObject()) {
            throw new InvalidInputException("'message' holds no event record (is uhppoted-mqtt encrypting what it"
                    + " publishes? set mqtt.security.outgoing.encrypt = false)");
        }
        return (ObjectNode) event;
    }

    /** The badge of a card number: the number in decimal. */
    private static String cardNumber(JsonNode card) {
        if (!card.isIntegralNumber() || !card.canConvertToLong() || card.asLong() < 0) {
            throw new InvalidInputException("card-number must be a whole number, not " + card.getNodeType().name()
                    .toLowerCase() + " " + DeviceJson.shown(card.toString()));
        }
        return Long.toString(card.asLong());
    }

    private static Direction direction(long code) {
        if (code == 1) {
            return Direction.IN;
        }
        if (code == 2) {
            return Direction.OUT;
        }
        throw new InvalidInputException("direction must be 1 (in) or 2 (out), not " + code);
    }

    /** The record's timestamp as the site's local time, whatever zone abbreviation follows it. */
    private Instant localTime(String timestamp) {
        Matcher match = TIMESTAMP.matcher(timestamp);
        if (match.matches()) {
            try {
                return LocalDateTime.parse(match.group(1), LOCAL).atZone(site.timezone()).toInstant();
            } catch (DateTimeException e) {
                // falls through to the reason below
            }
        }
        throw new InvalidInputException("timestamp must be 'YYYY-MM-DD HH:mm:ss ZONE', not '"
                + DeviceJson.shown(timestamp) + "'");
    }
}
