package org.officeguard.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String BADGE = """
            {"eventId":"b-1","ts":"2026-11-25T10:00:00+09:00","badge":"E001","direction":"IN"}""";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private static String reason(Runnable read) {
        return assertThrows(InvalidInputException.class, read::run).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    // ------------------------------------------------------------------ valid input

    @Test
    void a_badge_event_is_read_with_the_door_from_its_topic() {
        BadgeEvent event = Payloads.badge(utf8(BADGE), "front");

        assertEquals(new BadgeEvent("b-1", at("2026-11-25T10:00:00+09:00"), "front", "E001", Direction.IN), event);
    }

    @Test
    void a_ts_in_utc_or_with_fractions_is_accepted() {
        Instant utc = Payloads.clock(utf8("{\"ts\":\"2026-11-25T01:00:00Z\"}"));
        Instant frac = Payloads.clock(utf8("{\"ts\":\"2026-11-25T10:00:00.250+09:00\"}"));

        assertEquals(at("2026-11-25T10:00:00+09:00"), utc);
        assertEquals(at("2026-11-25T10:00:00+09:00").plusMillis(250), frac);
    }

    @Test
    void a_pc_state_without_user_leaves_the_user_to_the_owner() {
        PcStateEvent idle = Payloads.pcState(utf8("""
                {"eventId":"p-1","ts":"2026-11-25T10:00:00+09:00","state":"IDLE","idleSeconds":320}"""), "PC-01");
        PcStateEvent locked = Payloads.pcState(utf8("""
                {"eventId":"p-2","ts":"2026-11-25T10:01:00+09:00","state":"LOCKED","user":"E002"}"""), "PC-01");

        assertEquals(new PcStateEvent("p-1", at("2026-11-25T10:00:00+09:00"), "PC-01", PcState.IDLE, 320, null), idle);
        assertEquals(0, locked.idleSeconds());
        assertEquals("E002", locked.user());
    }

    @Test
    void an_idle_report_needs_its_idle_seconds() {
        String message = reason(() -> Payloads.pcState(utf8("""
                {"eventId":"p-1","ts":"2026-11-25T10:00:00+09:00","state":"IDLE"}"""), "PC-01"));

        assertMentions(message, "missing field 'idleSeconds'");
    }

    @Test
    void idle_seconds_must_be_a_whole_non_negative_number() {
        assertMentions(reason(() -> Payloads.pcState(utf8("""
                {"eventId":"p","ts":"2026-11-25T10:00:00Z","state":"IDLE","idleSeconds":1.5}"""), "PC-01")),
                "'idleSeconds'", "whole number");
        assertMentions(reason(() -> Payloads.pcState(utf8("""
                {"eventId":"p","ts":"2026-11-25T10:00:00Z","state":"IDLE","idleSeconds":-3}"""), "PC-01")),
                "'idleSeconds'", "whole number");
    }

    @Test
    void a_last_exit_and_a_visitor_registration_are_read() {
        LastExitEvent lockup = Payloads.lastExit(utf8("""
                {"eventId":"x-1","ts":"2026-11-25T21:30:00+09:00","badge":"E002","action":"LOCKUP"}"""));
        VisitorRegistration reg = Payloads.visitorRegistration(utf8("""
                {"eventId":"r-1","ts":"2026-11-25T09:00:00+09:00","badge":"V002","name":"来訪 花子","host":"E001",
                 "zones":["lobby","office"],"validFrom":"2026-11-25T09:00:00+09:00","validUntil":"2026-11-25T11:00:00+09:00"}"""));

        assertEquals(new LastExitEvent("x-1", at("2026-11-25T21:30:00+09:00"), "E002", LastExitAction.LOCKUP), lockup);
        assertEquals(new VisitorRegistration("r-1", at("2026-11-25T09:00:00+09:00"), "V002", "来訪 花子", "E001",
                Set.of("lobby", "office"), at("2026-11-25T09:00:00+09:00"), at("2026-11-25T11:00:00+09:00")), reg);
    }

    @Test
    void a_registration_ending_before_it_starts_is_rejected() {
        String message = reason(() -> Payloads.visitorRegistration(utf8("""
                {"eventId":"r-1","ts":"2026-11-25T09:00:00+09:00","badge":"V002","name":"V","host":"E001",
                 "zones":["lobby"],"validFrom":"2026-11-25T11:00:00+09:00","validUntil":"2026-11-25T10:59:59+09:00"}""")));

        assertMentions(message, "validUntil is before validFrom");
    }

    @Test
    void a_registration_whose_zones_are_not_a_list_of_strings_is_rejected() {
        assertMentions(reason(() -> Payloads.visitorRegistration(utf8("""
                {"eventId":"r","ts":"2026-11-25T09:00:00Z","badge":"V","name":"V","host":"E001","zones":"lobby",
                 "validFrom":"2026-11-25T09:00:00Z","validUntil":"2026-11-25T10:00:00Z"}"""))), "'zones'");
        assertMentions(reason(() -> Payloads.visitorRegistration(utf8("""
                {"eventId":"r","ts":"2026-11-25T09:00:00Z","badge":"V","name":"V","host":"E001","zones":["lobby",7],
                 "validFrom":"2026-11-25T09:00:00Z","validUntil":"2026-11-25T10:00:00Z"}"""))), "'zones'");
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void malformed_json_is_rejected_as_not_json() {
        assertMentions(reason(() -> Payloads.badge(utf8("{\"eventId\":\"b-1\",\"ts\":"), "front")), "not JSON");
        assertMentions(reason(() -> Payloads.badge(utf8("eventId=b-1"), "front")), "not JSON");
    }

    @Test
    void json_followed_by_more_text_is_rejected_as_not_json() {
        assertMentions(reason(() -> Payloads.badge(utf8(BADGE + "}"), "front")), "not JSON");
        assertMentions(reason(() -> Payloads.badge(utf8(BADGE + " {\"eventId\":\"b-2\"}"), "front")), "not JSON");
    }

    @Test
    void json_that_is_not_an_object_is_rejected() {
        assertMentions(reason(() -> Payloads.badge(utf8("[" + BADGE + "]"), "front")), "must be a JSON object", "array");
        assertMentions(reason(() -> Payloads.badge(utf8("\"E001\""), "front")), "must be a JSON object", "string");
        assertMentions(reason(() -> Payloads.badge(utf8("42"), "front")), "must be a JSON object", "number");
        assertMentions(reason(() -> Payloads.badge(utf8("null"), "front")), "must be a JSON object");
    }

    @Test
    void an_empty_payload_is_rejected() {
        assertMentions(reason(() -> Payloads.badge(new byte[0], "front")), "empty payload");
        assertMentions(reason(() -> Payloads.badge(utf8("   "), "front")), "must be a JSON object");
    }

    @Test
    void a_missing_field_is_named() {
        String message = reason(() -> Payloads.badge(utf8("""
                {"eventId":"b-1","ts":"2026-11-25T10:00:00+09:00","direction":"IN"}"""), "front"));

        assertMentions(message, "missing field 'badge'");
    }

    @Test
    void a_null_field_counts_as_missing() {
        String message = reason(() -> Payloads.badge(utf8("""
                {"eventId":null,"ts":"2026-11-25T10:00:00+09:00","badge":"E001","direction":"IN"}"""), "front"));

        assertMentions(message, "missing field 'eventId'");
    }

    @Test
    void a_wrong_typed_field_is_named_with_what_it_held() {
        String number = reason(() -> Payloads.badge(utf8("""
                {"eventId":"b-1","ts":"2026-11-25T10:00:00+09:00","badge":1001,"direction":"IN"}"""), "front"));
        assertMentions(number, "field 'badge' must be a string", "1001");

        String granted = reason(() -> Payloads.decision(utf8("""
                {"eventId":"b-1","ts":"2026-11-25T10:00:00+09:00","site":"hq","door":"front","badge":"E001",
                 "direction":"IN","origin":"outside","destination":"lobby","granted":"yes","reason":"OK"}""")));
        assertMentions(granted, "'granted'", "true or false");
    }

    @Test
    void an_empty_string_field_is_rejected() {
        String message = reason(() -> Payloads.badge(utf8("""
                {"eventId":"","ts":"2026-11-25T10:00:00+09:00","badge":"E001","direction":"IN"}"""), "front"));

        assertMentions(message, "'eventId'", "must not be empty");
    }

    @Test
    void a_bad_enum_value_is_named_with_the_allowed_values() {
        String direction = reason(() -> Payloads.badge(utf8("""
                {"eventId":"b-1","ts":"2026-11-25T10:00:00+09:00","badge":"E001","direction":"in"}"""), "front"));
        assertMentions(direction, "field 'direction' must be IN|OUT", "'in'");

        String state = reason(() -> Payloads.pcState(utf8("""
                {"eventId":"p-1","ts":"2026-11-25T10:00:00+09:00","state":"SLEEP"}"""), "PC-01"));
        assertMentions(state, "field 'state' must be ACTIVE|IDLE|LOCKED|OFF", "'SLEEP'");

        String action = reason(() -> Payloads.lastExit(utf8("""
                {"eventId":"x-1","ts":"2026-11-25T21:30:00+09:00","badge":"E002","action":"LOCK"}""")));
        assertMentions(action, "field 'action' must be LOCKUP|UNLOCK", "'LOCK'");
    }

    @Test
    void a_ts_without_an_offset_is_rejected() {
        String message = reason(() -> Payloads.badge(utf8("""
                {"eventId":"b-1","ts":"2026-11-25T10:00:00","badge":"E001","direction":"IN"}"""), "front"));

        assertMentions(message, "field 'ts'", "offset", "'2026-11-25T10:00:00'");
    }

    @Test
    void a_ts_that_is_not_a_time_is_rejected() {
        assertMentions(reason(() -> Payloads.clock(utf8("{\"ts\":\"yesterday\"}"))), "field 'ts'", "'yesterday'");
        assertMentions(reason(() -> Payloads.clock(utf8("{\"ts\":1764032400}"))), "field 'ts' must be a string");
        assertMentions(reason(() -> Payloads.clock(utf8("{\"ts\":\"2026-11-31T10:00:00Z\"}"))), "field 'ts'");
    }

    @Test
    void a_payload_over_64_kib_is_rejected_and_one_of_exactly_64_kib_is_read() {
        byte[] exact = padded(BADGE, Payloads.MAX_PAYLOAD_BYTES);
        byte[] over = padded(BADGE, Payloads.MAX_PAYLOAD_BYTES + 1);

        assertEquals("b-1", Payloads.badge(exact, "front").eventId());
        assertMentions(reason(() -> Payloads.badge(over, "front")), "65537 bytes", "64 KiB");
    }

    @Test
    void a_huge_string_field_is_rejected_by_size_before_parsing() {
        String huge = "{\"eventId\":\"" + "x".repeat(70_000) + "\",\"ts\":\"2026-11-25T10:00:00Z\",\"badge\":\"E\",\"direction\":\"IN\"}";

        assertMentions(reason(() -> Payloads.badge(utf8(huge), "front")), "over the 64 KiB limit");
    }

    @Test
    void invalid_utf8_is_rejected() {
        byte[] valid = utf8("{\"eventId\":\"b-1\",\"ts\":\"2026-11-25T10:00:00Z\",\"badge\":\"E@@1\",\"direction\":\"IN\"}");
        byte[] broken = valid.clone();
        int at = new String(valid, StandardCharsets.UTF_8).indexOf("@@");
        broken[at] = (byte) 0xC3; // a lead byte ...
        broken[at + 1] = (byte) 0x28; // ... followed by no continuation byte

        assertEquals("E@@1", Payloads.badge(valid, "front").badge(), "control: the payload is otherwise fine");
        assertMentions(reason(() -> Payloads.badge(broken, "front")), "not valid UTF-8");
        assertMentions(reason(() -> Payloads.clock(new byte[] {'{', '"', 't', 's', '"', ':', (byte) 0xFF, '}'})),
                "not valid UTF-8");
    }

    @Test
    void japanese_text_in_utf8_is_read() {
        VisitorRegistration reg = Payloads.visitorRegistration(utf8("""
                {"eventId":"r-1","ts":"2026-11-25T09:00:00+09:00","badge":"V002","name":"山田 花子","host":"E001",
                 "zones":["lobby"],"validFrom":"2026-11-25T09:00:00+09:00","validUntil":"2026-11-25T11:00:00+09:00"}"""));

        assertEquals("山田 花子", reg.name());
    }

    // ------------------------------------------------------------------ writing and round trips

    @Test
    void a_decision_is_written_with_ts_in_the_site_offset_and_reads_back_equal() {
        Decision decision = new Decision("b-7", at("2026-11-24T21:55:00Z"), "hq", "front", "E001", Direction.OUT,
                "lobby", "outside", false, "UNKNOWN_BADGE");

        byte[] json = Payloads.write(decision, TOKYO);
        JsonNode tree = Payloads.object(json);

        assertEquals("2026-11-25T06:55:00+09:00", tree.get("ts").asText());
        assertFalse(tree.get("granted").asBoolean());
        assertTrue(tree.get("granted").isBoolean());
        assertEquals("UNKNOWN_BADGE", tree.get("reason").asText());
        assertEquals(List.of("eventId", "ts", "site", "door", "badge", "direction", "origin", "destination", "granted",
                "reason"), fieldNames(tree));
        assertEquals(decision, Payloads.decision(json));
    }

    @Test
    void an_observed_passage_s_decision_says_decided_by_device_and_reads_back_equal() {
        Decision observed = new Decision("front-in:1795570500:E003", at("2026-11-25T01:35:00Z"), "hq", "server",
                "E003", Direction.IN, "office", "server-room", true, "ZONE_NOT_ALLOWED", true);

        byte[] json = Payloads.write(observed, TOKYO);
        JsonNode tree = Payloads.object(json);

        assertEquals("device", tree.get("decidedBy").asText());
        assertTrue(tree.get("granted").asBoolean());
        assertEquals("ZONE_NOT_ALLOWED", tree.get("reason").asText());
        assertEquals(observed, Payloads.decision(json));
        assertMentions(reason(() -> Payloads.decision(utf8(new String(json, StandardCharsets.UTF_8)
                .replace("\"device\"", "\"reader\"")))), "decidedBy", "reader");
    }

    @Test
    void a_badge_with_granted_is_an_observed_passage_and_granted_must_be_a_boolean() {
        BadgeEvent observed = Payloads.badge(utf8("""
                {"eventId":"ctrl-1:42","ts":"2026-11-25T10:00:00+09:00","badge":"E001","direction":"IN",
                 "granted":false}"""), "office");
        BadgeEvent asked = Payloads.badge(utf8(BADGE), "front");

        assertTrue(observed.observed());
        assertEquals(Boolean.FALSE, observed.granted());
        assertFalse(asked.observed());
        assertMentions(reason(() -> Payloads.badge(utf8("""
                {"eventId":"e","ts":"2026-11-25T10:00:00+09:00","badge":"E001","direction":"IN","granted":"yes"}"""),
                "front")), "granted", "true or false");
        assertEquals(observed, Payloads.badge(Payloads.write(observed, TOKYO), "office"));
        assertEquals(asked, Payloads.badge(Payloads.write(asked, TOKYO), "front"));
        assertFalse(Payloads.object(Payloads.write(asked, TOKYO)).has("granted"));
    }

    @Test
    void a_pc_state_is_written_as_an_agent_publishes_it_and_reads_back_equal() {
        PcStateEvent idle = new PcStateEvent("pc-01:2026-11-25T10:00:00+09:00:sessionstate",
                at("2026-11-25T01:00:00Z"), "PC-01", PcState.IDLE, 75, null);

        assertEquals(idle, Payloads.pcState(Payloads.write(idle, TOKYO), "PC-01"));
    }

    @Test
    void a_violation_is_written_with_ts_in_the_site_offset_and_reads_back_equal() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("host", "E001");
        details.put("occupants", List.of("E002", "V001"));
        Violation violation = Violation.of("hq", Rule.VISITOR_NOT_CHECKED_OUT, at("2026-11-25T06:55:00+09:00"), "V001",
                "zone:office", details, List.of("reg-1", "x-9"));

        byte[] json = Payloads.write(violation, TOKYO);
        JsonNode tree = Payloads.object(json);

        assertEquals("2026-11-25T06:55:00+09:00", tree.get("ts").asText());
        assertEquals("VISITOR_NOT_CHECKED_OUT", tree.get("rule").asText());
        assertEquals("E001", tree.get("details").get("host").asText());
        assertEquals(2, tree.get("sourceEventIds").size());
        assertEquals(violation, Payloads.violation(json));
        assertArrayEquals(json, Payloads.write(Payloads.violation(json), TOKYO), "writing is stable");
    }

    @Test
    void a_violation_in_utc_is_written_with_z() {
        Violation violation = Violation.of("hq", Rule.UNKNOWN_BADGE, at("2026-11-25T06:55:00Z"), "X9", "door:front",
                Map.of(), List.of("b-1"));

        assertEquals("2026-11-25T06:55:00Z",
                Payloads.object(Payloads.write(violation, ZoneId.of("UTC"))).get("ts").asText());
    }

    @Test
    void a_violation_with_an_unknown_rule_is_rejected() {
        String message = reason(() -> Payloads.violation(utf8("""
                {"id":"1","site":"hq","rule":"TAILGATING","ts":"2026-11-25T06:55:00+09:00","badge":"E001",
                 "subject":"door:front","details":{},"sourceEventIds":["b-1"]}""")));

        assertMentions(message, "field 'rule'", "'TAILGATING'");
    }

    @Test
    void a_decision_with_a_missing_reason_is_rejected() {
        String message = reason(() -> Payloads.decision(utf8("""
                {"eventId":"b-1","ts":"2026-11-25T10:00:00+09:00","site":"hq","door":"front","badge":"E001",
                 "direction":"IN","origin":"outside","destination":"lobby","granted":true}""")));

        assertMentions(message, "missing field 'reason'");
    }

    @Test
    void time_format_writes_seconds_and_the_site_offset_and_parse_needs_an_offset() {
        Instant midnight = at("2026-11-25T00:00:00+09:00");

        assertEquals("2026-11-25T00:00:00+09:00", TimeFormat.format(midnight, TOKYO));
        assertEquals(midnight, TimeFormat.parse("2026-11-24T15:00:00Z"));
        assertThrows(DateTimeException.class, () -> TimeFormat.parse("2026-11-25T00:00:00"));
    }

    private static byte[] padded(String json, int size) {
        StringBuilder sb = new StringBuilder(json);
        sb.insert(json.length() - 1, " ".repeat(size - json.length()));
        byte[] out = utf8(sb.toString());
        assertEquals(size, out.length, "fixture size");
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
