package org.officeguard.bridge.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;

/**
 * An esp-rfid reader's messages (SPEC §8), as esp-rfid's README-MQTT.md documents them: everything it sends goes to
 * {@code TOPIC/send}; a card read is {@code {"type":"access","time","isKnown","access","username","uid","hostname"}},
 * with the reader's own verdict. Each becomes an observed badge at the reader's door and direction: the card's uid,
 * at {@code time}, granted when the card is known and its access is {@code Admin} or {@code Always}. Every other
 * message (boot, heartbeat, the log's door, tamper and WiFi events, a command's acknowledgement) is ignored.
 */
public final class EspRfidTranslator {

    /** The ignored messages: anything but a card read. */
    public static final String NOT_A_CARD_READ = "not-a-card-read";

    private static final Set<String> GRANTING = Set.of("Admin", "Always");
    /** A reader without NTP counts from 1970; its times cannot be placed in the day. */
    private static final Instant CLOCK_SET_AFTER = Instant.parse("2000-01-01T00:00:00Z");
    /** What a badge read as a uid may look like: a card's serial in hex or decimal, or a PIN. */
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Topics topics;
    private final SiteConfig site;

    public EspRfidTranslator(Topics topics, SiteConfig site) {
        this.topics = topics;
        this.site = site;
    }

    public Translation translate(Device.EspRfid reader, byte[] payload) {
        try {
            ObjectNode message = Payloads.object(payload);
            JsonNode type = message.get("type");
            if (type == null && message.has("command")) { // getuserlist's answer: one "userfile" per user
                return new Translation.Ignored(NOT_A_CARD_READ, "the answer to a command");
            }
            String kind = DeviceJson.text(message, "type");
            if (!kind.equals("access")) {
                return new Translation.Ignored(NOT_A_CARD_READ, "a message of type '" + DeviceJson.shown(kind) + "'");
            }
            long time = DeviceJson.wholeNumber(message, "time");
            Instant ts = Instant.ofEpochSecond(time);
            if (ts.isBefore(CLOCK_SET_AFTER)) {
                throw new InvalidInputException("time " + time + " is before 2000: the reader's clock is not set"
                        + " (give it an NTP server)");
            }
            String uid = DeviceJson.text(message, "uid");
            if (!UID.matcher(uid).matches()) {
                throw new InvalidInputException("uid '" + DeviceJson.shown(uid) + "' is not a badge: letters, digits,"
                        + " '-' and '_', at most 64");
            }
            boolean known = DeviceJson.flag(message, "isKnown");
            boolean granted = known && GRANTING.contains(DeviceJson.text(message, "access"));
            String eventId = reader.id() + ":" + time + ":" + uid;
            BadgeEvent badge = new BadgeEvent(eventId, ts, reader.door(), uid, reader.direction(), granted);
            return new Translation.Translated(topics.badge(site.site(), reader.door()),
                    Payloads.write(badge, site.timezone()), eventId, ts);
        } catch (InvalidInputException unreadable) {
            return new Translation.Unreadable(unreadable.getMessage());
        }
    }
}
