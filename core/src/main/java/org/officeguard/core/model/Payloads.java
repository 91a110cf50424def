package org.officeguard.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the JSON payloads of SPEC §2. Every reader either returns a complete, typed event
 * or throws {@link InvalidInputException} with a reason fit for the dead-letter topic.
 */
public final class Payloads {

    /** SPEC §2: a payload over 64 KiB is bad input. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .maxStringLength(MAX_PAYLOAD_BYTES)
                    .build())
            .build())
            // "{...} junk" is not JSON: readTree would otherwise stop after the first value
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Payloads() {}

    // ------------------------------------------------------------------ reading

    /** Size, UTF-8 and JSON-object checks shared by every input. */
    public static ObjectNode object(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidInputException("empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidInputException("payload of " + payload.length + " bytes is over the 64 KiB limit");
        }
        if (!isAscii(payload)) { // the usual payload is ASCII: no decoder needed to know it is UTF-8
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload));
            } catch (CharacterCodingException e) {
                throw new InvalidInputException("payload is not valid UTF-8");
            }
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("payload must be a JSON object, not " + describe(node));
        }
        return (ObjectNode) node;
    }

    private static boolean isAscii(byte[] payload) {
        for (byte b : payload) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    public static BadgeEvent badge(byte[] payload, String door) {
        ObjectNode o = object(payload);
        return new BadgeEvent(text(o, "eventId"), ts(o, "ts"), door, text(o, "badge"),
                oneOf(o, "direction", Direction.class));
    }

    public static PcStateEvent pcState(byte[] payload, String pc) {
        ObjectNode o = object(payload);
        PcState state = oneOf(o, "state", PcState.class);
        long idle = state == PcState.IDLE || o.has("idleSeconds") ? wholeNumber(o, "idleSeconds") : 0;
        return new PcStateEvent(text(o, "eventId"), ts(o, "ts"), pc, state, idle, optionalText(o, "user"));
    }

    public static LastExitEvent lastExit(byte[] payload) {
        ObjectNode o = object(payload);
        return new LastExitEvent(text(o, "eventId"), ts(o, "ts"), text(o, "badge"),
                oneOf(o, "action", LastExitAction.class));
    }

    public static VisitorRegistration visitorRegistration(byte[] payload) {
        ObjectNode o = object(payload);
        JsonNode zones = o.get("zones");
        if (zones == null || !zones.isArray()) {
            throw new InvalidInputException("field 'zones' must be a list of zone ids");
        }
        Set<String> z = new LinkedHashSet<>();
        for (JsonNode n : zones) {
            if (!n.isTextual() || n.asText().isEmpty()) {
                throw new InvalidInputException("field 'zones' must hold only zone ids (strings)");
            }
            z.add(n.asText());
        }
        Instant from = ts(o, "validFrom");
        Instant until = ts(o, "validUntil");
        if (until.isBefore(from)) {
            throw new InvalidInputException("validUntil is before validFrom");
        }
        return new VisitorRegistration(text(o, "eventId"), ts(o, "ts"), text(o, "badge"), text(o, "name"),
                text(o, "host"), z, from, until);
    }

    public static Instant clock(byte[] payload) {
        return ts(object(payload), "ts");
    }

    public static Decision decision(byte[] payload) {
        ObjectNode o = object(payload);
        JsonNode granted = o.get("granted");
        if (granted == null || !granted.isBoolean()) {
            throw new InvalidInputException("field 'granted' must be true or false");
        }
        return new Decision(text(o, "eventId"), ts(o, "ts"), text(o, "site"), text(o, "door"), text(o, "badge"),
                oneOf(o, "direction", Direction.class), text(o, "origin"), text(o, "destination"),
                granted.booleanValue(), text(o, "reason"));
    }

    public static Violation violation(byte[] payload) {
        ObjectNode o = object(payload);
        Rule rule = oneOf(o, "rule", Rule.class);
        JsonNode details = o.get("details");
        Map<String, Object> d = details != null && details.isObject()
                ? JSON.convertValue(details, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class))
                : Map.of();
        JsonNode src = o.get("sourceEventIds");
        if (src == null || !src.isArray()) {
            throw new InvalidInputException("field 'sourceEventIds' must be a list");
        }
        List<String> ids = new java.util.ArrayList<>();
        src.forEach(n -> ids.add(n.asText()));
        return new Violation(text(o, "id"), text(o, "site"), rule, ts(o, "ts"), text(o, "badge"), text(o, "subject"),
                d, ids);
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidInputException("missing field '" + field + "'");
        }
        if (!n.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string, not " + describe(n));
        }
        if (n.asText().isEmpty()) {
            throw new InvalidInputException("field '" + field + "' must not be empty");
        }
        return n.asText();
    }

    private static String optionalText(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : text(o, field);
    }

    private static Instant ts(ObjectNode o, String field) {
        String t = text(o, field);
        try {
            return TimeFormat.parse(t);
        } catch (DateTimeException e) {
            throw new InvalidInputException("field '" + field + "' must be an ISO-8601 time with an offset or Z, not '"
                    + abbreviate(t) + "'");
        }
    }

    private static long wholeNumber(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidInputException("missing field '" + field + "'");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > 10L * 365 * 86400) {
            throw new InvalidInputException("field '" + field + "' must be a whole number of seconds, not " + describe(n));
        }
        return n.asLong();
    }

    private static <E extends Enum<E>> E oneOf(ObjectNode o, String field, Class<E> type) {
        String t = text(o, field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(e.name());
        }
        throw new InvalidInputException("field '" + field + "' must be " + allowed + ", not '" + abbreviate(t) + "'");
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return n.getNodeType().name().toLowerCase() + " " + abbreviate(n.toString());
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    // ------------------------------------------------------------------ writing

    /** One per badge: written straight to bytes, no tree. */
    public static byte[] write(Decision d, ZoneId zone) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("eventId", d.eventId());
            g.writeStringField("ts", TimeFormat.format(d.ts(), zone));
            g.writeStringField("site", d.site());
            g.writeStringField("door", d.door());
            g.writeStringField("badge", d.badge());
            g.writeStringField("direction", d.direction().name());
            g.writeStringField("origin", d.origin());
            g.writeStringField("destination", d.destination());
            g.writeBooleanField("granted", d.granted());
            g.writeStringField("reason", d.reason());
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ObjectNode toJson(Violation v, ZoneId zone) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", v.id());
        o.put("site", v.site());
        o.put("rule", v.rule().name());
        o.put("ts", TimeFormat.format(v.ts(), zone));
        o.put("badge", v.badge());
        o.put("subject", v.subject());
        o.set("details", JSON.valueToTree(v.details()));
        ArrayNode src = o.putArray("sourceEventIds");
        v.sourceEventIds().forEach(src::add);
        return o;
    }

    public static byte[] write(Violation v, ZoneId zone) {
        return bytes(toJson(v, zone));
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
