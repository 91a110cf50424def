package org.officeguard.bridge.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;

/**
 * Reading the fields of a device's message: each reader returns the value or throws {@link InvalidInputException} with
 * a reason fit for the dead-letter topic.
 */
final class DeviceJson {

    private static final int LONGEST_SHOWN = 60;

    private DeviceJson() {}

    /** A text field, not empty. */
    static String text(ObjectNode fields, String field) {
        JsonNode node = present(fields, field);
        if (!node.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string, not " + describe(node));
        }
        if (node.asText().isEmpty()) {
            throw new InvalidInputException("field '" + field + "' must not be empty");
        }
        return node.asText();
    }

    /** A whole number, not negative. */
    static long wholeNumber(ObjectNode fields, String field) {
        JsonNode node = present(fields, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new InvalidInputException("field '" + field + "' must be a whole number, not " + describe(node));
        }
        return node.asLong();
    }

    /** {@code true} or {@code false}, as a JSON boolean or as the strings "true" and "false" (esp-rfid's isKnown). */
    static boolean flag(ObjectNode fields, String field) {
        JsonNode node = present(fields, field);
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
            return node.asText().equals("true");
        }
        throw new InvalidInputException("field '" + field + "' must be true or false, not " + describe(node));
    }

    /** A JSON boolean. */
    static boolean bool(ObjectNode fields, String field) {
        JsonNode node = present(fields, field);
        if (!node.isBoolean()) {
            throw new InvalidInputException("field '" + field + "' must be true or false, not " + describe(node));
        }
        return node.booleanValue();
    }

    private static JsonNode present(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException("missing field '" + field + "'");
        }
        return node;
    }

    /** A payload that is plain text (a HASS.Agent sensor's state), trimmed: UTF-8 and at most 64 KiB. */
    static String plainText(byte[] payload) {
        if (payload.length > Payloads.MAX_PAYLOAD_BYTES) {
            throw new InvalidInputException("payload of " + payload.length + " bytes is over the 64 KiB limit");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString().trim();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("payload is not valid UTF-8 text");
        }
    }

    /**
     * An ISO-8601 time: with an offset (or {@code Z}) as it says, without one in {@code zone} (the site's local time).
     */
    static Instant isoTime(String text, ZoneId zone, String what) {
        try {
            return TimeFormat.parse(text);
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
            } catch (DateTimeException neither) {
                throw new InvalidInputException(what + " must be an ISO-8601 time, not '" + shown(text) + "'");
            }
        }
    }

    static String shown(String text) {
        return text.length() <= LONGEST_SHOWN ? text : text.substring(0, LONGEST_SHOWN - 3) + "...";
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase() + " " + shown(node.toString());
    }
}
