package org.officeguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Bad input for the example site {@code hq} (SPEC §2 "Bad input"), generated from a seed: random bytes, invalid
 * UTF-8, deep JSON, wrong types, huge numbers, missing fields, unknown sites, doors and PCs, a body that names
 * another device than its topic, empty and oversized payloads, and a few more. Every message is one that each
 * service subscribed to its topic must refuse: none of them is a valid event (an unknown <em>badge</em> is a valid
 * event that the gateway must deny, so it is never generated here), and none of them names an {@code eventId} of the
 * example day. The {@code ts} inside them lies within the example day, so a message that is wrongly accepted
 * changes the day's report.
 */
public final class HostilePayloads {

    /** The services and the topic filters each takes (README "How it works"; SPEC §2). */
    public static final Map<String, List<String>> SUBSCRIPTIONS = Map.of(
            "door-gateway", List.of("office/+/door/+/badge", "office/+/visitor/register", "office/+/last-exit",
                    "office/+/clock"),
            "lockout-monitor", List.of("office/+/door/+/decision", "office/+/pc/+/state", "office/+/last-exit",
                    "office/+/clock"),
            "reporting", List.of("office/+/violation/+", "office/+/door/+/decision", "office/+/last-exit",
                    "office/+/visitor/register", "office/+/clock"));

    /** One hostile message and what makes it hostile. */
    public record Hostile(String topic, byte[] payload, String category) {
        /** The services that take this topic, each of which must dead-letter it. */
        public Set<String> takenBy() {
            return subscribers(topic);
        }

        @Override
        public String toString() {
            String text = new String(payload, 0, Math.min(payload.length, 120), StandardCharsets.UTF_8);
            return category + " " + topic + " (" + payload.length + " bytes) " + text;
        }
    }

    /** The services whose subscriptions match {@code topic}. */
    public static Set<String> subscribers(String topic) {
        Set<String> out = new LinkedHashSet<>();
        for (String service : List.of("door-gateway", "lockout-monitor", "reporting")) {
            if (SUBSCRIPTIONS.get(service).stream().anyMatch(f -> TestMqttClient.matches(f, topic))) {
                out.add(service);
            }
        }
        return out;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;
    private static final String DAY = "2026-11-25T";
    private static final List<String> DOORS = List.of("front", "office", "server");
    private static final List<String> PCS = List.of("PC-01", "PC-02", "PC-03");
    private static final List<String> BADGES = List.of("E001", "E002", "E003", "V001");
    private static final List<String> RULES = List.of("UNKNOWN_BADGE", "VISITOR_PASS_INVALID", "ZONE_NOT_ALLOWED",
            "ANTI_PASSBACK", "AFTER_HOURS_ENTRY", "VISITOR_UNESCORTED", "VISITOR_NOT_CHECKED_OUT", "SCREEN_LOCK_IDLE",
            "LEFT_PC_UNLOCKED", "LOCKUP_MISSING", "LOCKUP_WITH_OCCUPANTS", "PC_LEFT_ON");
    private static final byte[][] BAD_UTF8 = {
            {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};

    /** A valid input of one kind: its topic, its body and the fields SPEC requires in it. */
    private record Template(String kind, String topic, ObjectNode body, List<String> required) {}

    private final Random random;
    private int serial;

    private HostilePayloads(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} hostile messages, the same ones for the same seed. */
    public static List<Hostile> generate(long seed, int count) {
        HostilePayloads generator = new HostilePayloads(seed);
        List<Hostile> out = new ArrayList<>(count);
        List<Map.Entry<String, BiFunction<HostilePayloads, Template, Hostile>>> kinds = new ArrayList<>(MUTATIONS.entrySet());
        while (out.size() < count) {
            // oversized payloads are heavy (each is over 64 KiB): about one in a hundred
            Map.Entry<String, BiFunction<HostilePayloads, Template, Hostile>> mutation =
                    generator.random.nextInt(100) == 0
                    ? Map.entry("oversize", HostilePayloads::oversize)
                    : kinds.get(generator.random.nextInt(kinds.size()));
            out.add(mutation.getValue().apply(generator, generator.template()));
        }
        return out;
    }

    private static final Map<String, BiFunction<HostilePayloads, Template, Hostile>> MUTATIONS = new LinkedHashMap<>();

    static {
        MUTATIONS.put("random-bytes", HostilePayloads::randomBytes);
        MUTATIONS.put("invalid-utf8", HostilePayloads::invalidUtf8);
        MUTATIONS.put("deep-json", HostilePayloads::deepJson);
        MUTATIONS.put("wrong-type", HostilePayloads::wrongType);
        MUTATIONS.put("huge-number", HostilePayloads::hugeNumber);
        MUTATIONS.put("missing-field", HostilePayloads::missingField);
        MUTATIONS.put("empty-string", HostilePayloads::emptyString);
        MUTATIONS.put("bad-enum", HostilePayloads::badEnum);
        MUTATIONS.put("bad-ts", HostilePayloads::badTs);
        MUTATIONS.put("not-an-object", HostilePayloads::notAnObject);
        MUTATIONS.put("not-strict-json", HostilePayloads::notStrictJson);
        MUTATIONS.put("trailing-junk", HostilePayloads::trailingJunk);
        MUTATIONS.put("empty-payload", HostilePayloads::empty);
        MUTATIONS.put("unknown-site", HostilePayloads::unknownSite);
        MUTATIONS.put("unknown-device", HostilePayloads::unknownDevice);
        MUTATIONS.put("other-device", HostilePayloads::otherDevice);
        MUTATIONS.put("empty-topic-level", HostilePayloads::emptyTopicLevel);
        MUTATIONS.put("bad-registration", HostilePayloads::badRegistration);
    }

    // ------------------------------------------------------------------ templates: one valid input of each kind

    private Template template() {
        String id = "fuzz-" + (++serial);
        String ts = time();
        ObjectNode body = JSON.createObjectNode();
        switch (random.nextInt(7)) {
            case 0 -> {
                body.put("eventId", id).put("ts", ts).put("badge", pick(BADGES))
                        .put("direction", pick(List.of("IN", "OUT")));
                return new Template("badge", "office/hq/door/" + pick(DOORS) + "/badge", body,
                        List.of("eventId", "ts", "badge", "direction"));
            }
            case 1 -> {
                body.put("eventId", id).put("ts", ts).put("state", "IDLE").put("idleSeconds", 30 + random.nextInt(600));
                if (random.nextBoolean()) {
                    body.put("user", pick(BADGES.subList(0, 3)));
                }
                return new Template("pc", "office/hq/pc/" + pick(PCS) + "/state", body,
                        List.of("eventId", "ts", "state", "idleSeconds"));
            }
            case 2 -> {
                body.put("eventId", id).put("ts", ts).put("badge", pick(BADGES))
                        .put("action", pick(List.of("LOCKUP", "UNLOCK")));
                return new Template("last-exit", "office/hq/last-exit", body,
                        List.of("eventId", "ts", "badge", "action"));
            }
            case 3 -> {
                body.put("eventId", id).put("ts", ts).put("badge", "V9" + (10 + random.nextInt(89)))
                        .put("name", "Fuzz Visitor").put("host", "E001");
                body.putArray("zones").add("lobby");
                body.put("validFrom", DAY + "09:00:00+09:00").put("validUntil", DAY + "17:00:00+09:00");
                return new Template("register", "office/hq/visitor/register", body,
                        List.of("eventId", "ts", "badge", "name", "host", "zones", "validFrom", "validUntil"));
            }
            case 4 -> {
                body.put("ts", ts);
                return new Template("clock", "office/hq/clock", body, List.of("ts"));
            }
            case 5 -> {
                String door = pick(DOORS);
                body.put("eventId", id).put("ts", ts).put("site", "hq").put("door", door).put("badge", pick(BADGES))
                        .put("direction", "IN").put("origin", "lobby").put("destination", "office")
                        .put("granted", true).put("reason", "OK");
                return new Template("decision", "office/hq/door/" + door + "/decision", body,
                        List.of("eventId", "ts", "site", "door", "badge", "direction", "origin", "destination",
                                "granted", "reason"));
            }
            default -> {
                String rule = pick(RULES);
                body.put("id", Long.toHexString(random.nextLong())).put("site", "hq").put("rule", rule).put("ts", ts)
                        .put("badge", pick(BADGES)).put("subject", "door:front");
                body.putObject("details");
                body.putArray("sourceEventIds").add(id);
                return new Template("violation", "office/hq/violation/" + rule, body,
                        List.of("id", "site", "rule", "ts", "badge", "subject", "sourceEventIds"));
            }
        }
    }

    // ------------------------------------------------------------------ mutations: each makes the template bad

    private Hostile randomBytes(Template template) {
        byte[] garbage = new byte[1 + random.nextInt(300)];
        random.nextBytes(garbage);
        if (garbage[0] == '{') {
            garbage[0] = '~'; // never a JSON object (it could not be a valid event anyway, but keep it plainly garbage)
        }
        return new Hostile(template.topic(), garbage, "random-bytes");
    }

    private Hostile invalidUtf8(Template template) {
        String field = pick(template.required().stream().filter(f -> template.body().get(f).isTextual()).toList());
        String marker = "\u0001MARK\u0001";
        template.body().put(field, template.body().get(field).asText() + marker);
        byte[] json = bytes(template.body());
        String text = new String(json, StandardCharsets.UTF_8);
        String escaped = JSON.valueToTree(marker).toString();
        escaped = escaped.substring(1, escaped.length() - 1); // as Jackson wrote it inside the string
        int at = text.indexOf(escaped);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(pick(List.of(BAD_UTF8)));
        out.writeBytes(text.substring(at + escaped.length()).getBytes(StandardCharsets.UTF_8));
        return new Hostile(template.topic(), out.toByteArray(), "invalid-utf8");
    }

    private Hostile deepJson(Template template) {
        int depth = random.nextBoolean() ? 10_000 : 65 + random.nextInt(200);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String deep = open.repeat(depth) + "1" + close.repeat(depth);
        String payload;
        if (random.nextBoolean()) {
            payload = deep; // the whole payload
        } else {
            // a valid event with one extra field nested too deep
            String body = template.body().toString();
            payload = body.substring(0, body.length() - 1) + ",\"extra\":" + deep + "}";
        }
        return new Hostile(template.topic(), payload.getBytes(StandardCharsets.UTF_8), "deep-json");
    }

    private Hostile wrongType(Template template) {
        String field = pick(template.required());
        JsonNode current = template.body().get(field);
        List<JsonNode> wrong = new ArrayList<>();
        if (!current.isNumber()) {
            wrong.add(JSON.getNodeFactory().numberNode(42));
        }
        if (!current.isBoolean()) {
            wrong.add(JSON.getNodeFactory().booleanNode(true));
        }
        if (!current.isTextual()) {
            wrong.add(JSON.getNodeFactory().textNode(current.asText()));
        }
        if (!current.isArray()) {
            wrong.add(JSON.createArrayNode().add(current.isArray() ? "x" : current.asText()));
        }
        wrong.add(JSON.createObjectNode().put("value", current.asText()));
        if (field.equals("zones")) {
            // a list whose element is not a zone id (sourceEventIds is read leniently: not used here)
            wrong.add(JSON.createArrayNode().add("lobby").add(7));
        }
        template.body().set(field, pick(wrong));
        return new Hostile(template.topic(), bytes(template.body()), "wrong-type");
    }

    private Hostile hugeNumber(Template template) {
        List<String> numbers = List.of("1e400", "-1e400", "99999999999999999999999", "-1", "1.5",
                "1" + "0".repeat(100), "315360001", "9223372036854775808");
        String number = pick(numbers);
        String field = template.kind().equals("pc") ? "idleSeconds"
                : pick(template.required().stream()
                        .filter(f -> !f.equals("zones") && !f.equals("sourceEventIds")).toList());
        template.body().put(field, "\u0002NUMBER\u0002");
        String text = template.body().toString().replace("\"\\u0002NUMBER\\u0002\"", number);
        if (!text.contains(number)) {
            throw new IllegalStateException("could not place " + number + " in " + text);
        }
        return new Hostile(template.topic(), text.getBytes(StandardCharsets.UTF_8), "huge-number");
    }

    private Hostile missingField(Template template) {
        String field = pick(template.required());
        if (random.nextBoolean()) {
            template.body().remove(field);
        } else {
            template.body().putNull(field);
        }
        return new Hostile(template.topic(), bytes(template.body()), "missing-field");
    }

    private Hostile emptyString(Template template) {
        List<String> texts = template.required().stream().filter(f -> template.body().get(f).isTextual()).toList();
        template.body().put(pick(texts), "");
        return new Hostile(template.topic(), bytes(template.body()), "empty-string");
    }

    private Hostile badEnum(Template template) {
        Map<String, List<String>> enums = Map.of(
                "direction", List.of("in", "SIDEWAYS", "IN ", "OUTSIDE"),
                "state", List.of("SLEEP", "active", "LOCKED\u0000", "ON"),
                "action", List.of("lockup", "ARM", "UNLOCK!"),
                "rule", List.of("NOT_A_RULE", "unknown_badge", "DROP TABLE"));
        List<String> fields = template.required().stream().filter(enums::containsKey).toList();
        if (fields.isEmpty()) {
            return badTs(template);
        }
        String field = pick(fields);
        String value = pick(enums.get(field));
        template.body().put(field, value);
        String topic = field.equals("rule") ? "office/hq/violation/" + value.replace(' ', '_') : template.topic();
        return new Hostile(topic, bytes(template.body()), "bad-enum");
    }

    private Hostile badTs(Template template) {
        List<String> bad = List.of(DAY + "10:00:00", "2026-02-30T10:00:00+09:00", "yesterday", DAY.replace('T', ' ')
                + "10:00:00+09:00", DAY + "25:00:00+09:00", DAY + "10:00:00+25:00", "1764032400", DAY + "10:00:00 +09:00",
                "+9999999999-12-31T23:59:59Z");
        List<String> times = template.required().stream().filter(f -> f.equals("ts") || f.startsWith("valid")).toList();
        template.body().put(pick(times), pick(bad));
        return new Hostile(template.topic(), bytes(template.body()), "bad-ts");
    }

    private Hostile notAnObject(Template template) {
        String body = template.body().toString();
        String payload = pick(List.of("[]", "[" + body + "]", "\"" + body.replace("\"", "'") + "\"", "null", "42",
                "true", "\"\"", " ", "\n"));
        return new Hostile(template.topic(), payload.getBytes(StandardCharsets.UTF_8), "not-an-object");
    }

    private Hostile notStrictJson(Template template) {
        String body = template.body().toString();
        String payload = switch (random.nextInt(6)) {
            case 0 -> body.replace("\"", "'");                                      // single quotes
            case 1 -> body.substring(0, body.length() - 1) + ",}";                  // trailing comma
            case 2 -> "/* c */" + body;                                             // a comment
            case 3 -> body.substring(0, body.length() - 1) + ",\"n\":NaN}";         // non-numeric numbers
            case 4 -> body.substring(0, body.length() - 1) + ",\"n\":Infinity}";
            default -> body.substring(0, 1 + random.nextInt(body.length() - 1));   // cut short
        };
        return new Hostile(template.topic(), payload.getBytes(StandardCharsets.UTF_8), "not-strict-json");
    }

    private Hostile trailingJunk(Template template) {
        String body = template.body().toString();
        String payload = body + pick(List.of(" x", body, "}", "\u0000", ",", "[]"));
        return new Hostile(template.topic(), payload.getBytes(StandardCharsets.UTF_8), "trailing-junk");
    }

    private Hostile empty(Template template) {
        return new Hostile(template.topic(), new byte[0], "empty-payload");
    }

    private Hostile oversize(Template template) {
        // an otherwise valid event, padded over the limit: only the size makes it bad
        int size = LIMIT + 1 + random.nextInt(4 * 1024);
        String body = template.body().toString();
        String head = body.substring(0, body.length() - 1) + ",\"pad\":\"";
        int pad = size - head.length() - 2;
        String payload = head + "x".repeat(Math.max(pad, 0)) + "\"}";
        return new Hostile(template.topic(), payload.getBytes(StandardCharsets.UTF_8), "oversize");
    }

    private Hostile unknownSite(Template template) {
        String site = pick(List.of("zz", "osaka", "HQ", "hq2", "h%q", "_unknown"));
        if (template.body().has("site")) {
            template.body().put("site", site);
        }
        String topic = template.topic().replaceFirst("^office/hq/", "office/" + site + "/");
        return new Hostile(topic, bytes(template.body()), "unknown-site");
    }

    private Hostile unknownDevice(Template template) {
        String name = pick(List.of("back", "PC-99", "front ", "FRONT", "pc-01", "döor"));
        return switch (template.kind()) {
            case "badge" -> new Hostile("office/hq/door/" + name + "/badge", bytes(template.body()), "unknown-door");
            case "pc" -> new Hostile("office/hq/pc/" + name + "/state", bytes(template.body()), "unknown-pc");
            case "decision" -> {
                template.body().put("door", name); // topic and body agree: the door itself is unknown
                yield new Hostile("office/hq/door/" + name + "/decision", bytes(template.body()), "unknown-door");
            }
            default -> unknownSite(template);
        };
    }

    /** A body that names another device, site or rule than its topic. */
    private Hostile otherDevice(Template template) {
        return switch (template.kind()) {
            case "decision" -> {
                String door = template.body().get("door").asText();
                if (random.nextBoolean()) {
                    String other = pick(DOORS.stream().filter(d -> !d.equals(door)).toList());
                    yield new Hostile("office/hq/door/" + other + "/decision", bytes(template.body()), "other-door");
                }
                template.body().put("site", "osaka");
                yield new Hostile(template.topic(), bytes(template.body()), "other-site");
            }
            case "violation" -> {
                String rule = template.body().get("rule").asText();
                if (random.nextBoolean()) {
                    String other = pick(RULES.stream().filter(r -> !r.equals(rule)).toList());
                    yield new Hostile("office/hq/violation/" + other, bytes(template.body()), "other-rule");
                }
                template.body().put("site", "osaka");
                yield new Hostile(template.topic(), bytes(template.body()), "other-site");
            }
            // a PC report on the topic of a PC that does not exist
            case "pc" -> new Hostile("office/hq/pc/PC-" + (4 + random.nextInt(90)) + "/state", bytes(template.body()),
                    "unknown-pc");
            default -> unknownDevice(template);
        };
    }

    private Hostile emptyTopicLevel(Template template) {
        String topic = switch (template.kind()) {
            case "badge" -> pick(List.of("office/hq/door//badge", "office//door/front/badge"));
            case "pc" -> pick(List.of("office/hq/pc//state", "office//pc/PC-01/state"));
            case "decision" -> pick(List.of("office/hq/door//decision", "office//door/front/decision"));
            case "violation" -> "office//violation/" + template.body().get("rule").asText();
            default -> template.topic().replaceFirst("^office/hq/", "office//");
        };
        return new Hostile(topic, bytes(template.body()), "empty-topic-level");
    }

    /** Registrations the gateway cannot issue a pass for: an unknown host or zone, an employee's badge, a backwards window. */
    private Hostile badRegistration(Template template) {
        if (!template.kind().equals("register")) {
            return missingField(template);
        }
        switch (random.nextInt(4)) {
            case 0 -> template.body().put("host", "E999");
            case 1 -> template.body().putArray("zones").add("lobby").add("vault");
            case 2 -> template.body().put("badge", pick(List.of("E001", "E002", "E003")));
            default -> template.body().put("validFrom", DAY + "18:00:00+09:00");
        }
        return new Hostile(template.topic(), bytes(template.body()), "bad-registration");
    }

    // ------------------------------------------------------------------ helpers

    private String time() {
        int minutes = 6 * 60 + random.nextInt(14 * 60);
        return DAY + "%02d:%02d:%02d+09:00".formatted(minutes / 60, minutes % 60, random.nextInt(60));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
