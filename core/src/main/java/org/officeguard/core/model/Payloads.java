package org.officeguard.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        return readObject(JSON, payload);
    }

    /** {@code payload} read by {@code mapper} as a JSON object, or refused with the reason; no size or UTF-8 checks. */
    public static ObjectNode readObject(ObjectMapper mapper, byte[] payload) {
        JsonNode node;
        try {
            node = mapper.readTree(payload);
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
        for (byte octet : payload) {
            if (octet < 0) {
                return false;
            }
        }
        return true;
    }

    public static BadgeEvent badge(byte[] payload, String door) {
        ObjectNode fields = object(payload);
        return new BadgeEvent(text(fields, "eventId"), ts(fields, "ts"), door, text(fields, "badge"),
                oneOf(fields, "direction", Direction.class), optionalBoolean(fields, "granted"));
    }

    public static PcStateEvent pcState(byte[] payload, String pc) {
        ObjectNode fields = object(payload);
        PcState state = oneOf(fields, "state", PcState.class);
        long idle = state == PcState.IDLE || fields.has("idleSeconds") ? wholeNumber(fields, "idleSeconds") : 0;
        return new PcStateEvent(text(fields, "eventId"), ts(fields, "ts"), pc, state, idle,
                optionalText(fields, "user"));
    }

    public static LastExitEvent lastExit(byte[] payload) {
        ObjectNode fields = object(payload);
        return new LastExitEvent(text(fields, "eventId"), ts(fields, "ts"), text(fields, "badge"),
                oneOf(fields, "action", LastExitAction.class));
    }

    public static VisitorRegistration visitorRegistration(byte[] payload) {
        ObjectNode fields = object(payload);
        JsonNode zones = fields.get("zones");
        if (zones == null || !zones.isArray()) {
            throw new InvalidInputException("field 'zones' must be a list of zone ids");
        }
        Set<String> zoneIds = new LinkedHashSet<>();
        for (JsonNode zone : zones) {
            if (!zone.isTextual() || zone.asText().isEmpty()) {
                throw new InvalidInputException("field 'zones' must hold only zone ids (strings)");
            }
            zoneIds.add(zone.asText());
        }
        Instant from = ts(fields, "validFrom");
        Instant until = ts(fields, "validUntil");
        if (until.isBefore(from)) {
            throw new InvalidInputException("validUntil is before validFrom");
        }
        return new VisitorRegistration(text(fields, "eventId"), ts(fields, "ts"), text(fields, "badge"),
                text(fields, "name"), text(fields, "host"), zoneIds, from, until);
    }

    public static Instant clock(byte[] payload) {
        return ts(object(payload), "ts");
    }

    public static Decision decision(byte[] payload) {
        ObjectNode fields = object(payload);
        JsonNode granted = fields.get("granted");
        if (granted == null || !granted.isBoolean()) {
            throw new InvalidInputException("field 'granted' must be true or false");
        }
        String decidedBy = optionalText(fields, "decidedBy");
        if (decidedBy != null && !decidedBy.equals(Decision.DEVICE)) {
            throw new InvalidInputException("field 'decidedBy' must be \"device\" when present, not '" + decidedBy + "'");
        }
        return new Decision(text(fields, "eventId"), ts(fields, "ts"), text(fields, "site"), text(fields, "door"),
                text(fields, "badge"), oneOf(fields, "direction", Direction.class), text(fields, "origin"),
                text(fields, "destination"), granted.booleanValue(), text(fields, "reason"), decidedBy != null);
    }

    public static Violation violation(byte[] payload) {
        ObjectNode fields = object(payload);
        Rule rule = oneOf(fields, "rule", Rule.class);
        JsonNode details = fields.get("details");
        Map<String, Object> detailValues = details != null && details.isObject()
                ? JSON.convertValue(details, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class))
                : Map.of();
        JsonNode src = fields.get("sourceEventIds");
        if (src == null || !src.isArray()) {
            throw new InvalidInputException("field 'sourceEventIds' must be a list");
        }
        List<String> ids = new ArrayList<>();
        src.forEach(n -> ids.add(n.asText()));
        return new Violation(text(fields, "id"), text(fields, "site"), rule, ts(fields, "ts"), text(fields, "badge"),
                text(fields, "subject"), detailValues, ids);
    }

    private static String text(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException("missing field '" + field + "'");
        }
        if (!node.isTextual()) {
            throw new InvalidInputException("field '" + field + "' must be a string, not " + describe(node));
        }
        if (node.asText().isEmpty()) {
            throw new InvalidInputException("field '" + field + "' must not be empty");
        }
        return node.asText();
    }

    private static String optionalText(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        return node == null || node.isNull() ? null : text(fields, field);
    }

    private static Boolean optionalBoolean(ObjectNode fields, String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException("field '" + field + "' must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    private static Instant ts(ObjectNode fields, String field) {
        String text = text(fields, field);
        try {
            return TimeFormat.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException("field '" + field + "' must be an ISO-8601 time with an offset or Z, not '"
                    + abbreviate(text) + "'");
        }
    }

    private static long wholeNumber(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidInputException("missing field '" + field + "'");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0
                || node.asLong() > 10L * 365 * 86400) {
            throw new InvalidInputException("field '" + field + "' must be a whole number of seconds, not "
                    + describe(node));
        }
        return node.asLong();
    }

    private static <E extends Enum<E>> E oneOf(ObjectNode fields, String field, Class<E> type) {
        String text = text(fields, field);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(constant.name());
        }
        throw new InvalidInputException("field '" + field + "' must be " + allowed + ", not '" + abbreviate(text)
                + "'");
    }

    /** A refused value as a reason shows it: its JSON type and its first 60 characters. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(node.toString());
    }

    public static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    // ------------------------------------------------------------------ writing

    /** One per badge: written straight to bytes, no tree. */
    public static byte[] write(Decision decision, ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("eventId", decision.eventId());
            generator.writeStringField("ts", TimeFormat.format(decision.ts(), zone));
            generator.writeStringField("site", decision.site());
            generator.writeStringField("door", decision.door());
            generator.writeStringField("badge", decision.badge());
            generator.writeStringField("direction", decision.direction().name());
            generator.writeStringField("origin", decision.origin());
            generator.writeStringField("destination", decision.destination());
            generator.writeBooleanField("granted", decision.granted());
            generator.writeStringField("reason", decision.reason());
            if (decision.decidedByDevice()) {
                generator.writeStringField("decidedBy", Decision.DEVICE);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A badge as a reader publishes it (SPEC §2), with {@code granted} for an observed passage. */
    public static byte[] write(BadgeEvent badge, ZoneId zone) {
        ObjectNode json = JSON.createObjectNode();
        json.put("eventId", badge.eventId());
        json.put("ts", TimeFormat.format(badge.ts(), zone));
        json.put("badge", badge.badge());
        json.put("direction", badge.direction().name());
        if (badge.observed()) {
            json.put("granted", badge.granted());
        }
        return bytes(json);
    }

    /** A PC agent's report (SPEC §2); {@code user} only when the agent names one. */
    public static byte[] write(PcStateEvent report, ZoneId zone) {
        ObjectNode json = JSON.createObjectNode();
        json.put("eventId", report.eventId());
        json.put("ts", TimeFormat.format(report.ts(), zone));
        json.put("state", report.state().name());
        json.put("idleSeconds", report.idleSeconds());
        if (report.user() != null) {
            json.put("user", report.user());
        }
        return bytes(json);
    }

    public static ObjectNode toJson(Violation violation, ZoneId zone) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", violation.id());
        json.put("site", violation.site());
        json.put("rule", violation.rule().name());
        json.put("ts", TimeFormat.format(violation.ts(), zone));
        json.put("badge", violation.badge());
        json.put("subject", violation.subject());
        json.set("details", JSON.valueToTree(violation.details()));
        ArrayNode src = json.putArray("sourceEventIds");
        violation.sourceEventIds().forEach(src::add);
        return json;
    }

    public static byte[] write(Violation violation, ZoneId zone) {
        return bytes(toJson(violation, zone));
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
