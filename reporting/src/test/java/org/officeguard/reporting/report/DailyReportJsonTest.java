package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.officeguard.reporting.report.TestDays.day;
import static org.officeguard.reporting.report.TestDays.person;
import static org.officeguard.reporting.report.TestDays.site;
import static org.officeguard.reporting.report.TestDays.violation;
import static org.officeguard.reporting.report.TestDays.visitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

class DailyReportJsonTest {

    @Test
    void the_example_day_gives_every_field_of_the_expected_report_with_the_same_values_in_the_same_order() {
        ObjectNode actual = DailyReport.json(ExampleDayData.day());

        // Member order is checked in the report's own objects; a violation keeps the member order of
        // SPEC §5 (id, site, rule, ts, ...), where the expected file happens to write ts before rule.
        assertSubsetInOrder(ExampleDayData.expected(), actual, "$");
    }

    @Test
    void the_report_has_the_contract_fields_in_the_contract_order() {
        ObjectNode json = DailyReport.json(ExampleDayData.day());

        assertEquals(List.of("site", "date", "timezone", "final", "totals", "people", "violations", "activity"),
                fieldNames(json));
        assertEquals("Asia/Tokyo", json.get("timezone").asText());
        assertEquals(List.of("violations", "byRule"), fieldNames(json.get("totals")));
        assertEquals(List.of("passagesGranted", "passagesDenied", "visitors", "firstInAt", "lastOutAt", "lockupAt"),
                fieldNames(json.get("activity")));
        for (JsonNode v : json.get("violations")) {
            assertEquals(List.of("id", "site", "rule", "ts", "badge", "subject", "details", "sourceEventIds"), fieldNames(v));
        }
        assertEquals(List.of("badge", "name", "department", "violations", "byRule", "kind"),
                fieldNames(json.get("people").get(0)));
    }

    @Test
    void by_rule_lists_all_twelve_rules_in_rule_order_with_zeros() {
        ObjectNode json = DailyReport.json(day(List.of(
                violation("a", Rule.PC_LEFT_ON, "19:00", "E001", "pc:PC-01"),
                violation("b", Rule.PC_LEFT_ON, "19:00", "E002", "pc:PC-02"))));

        JsonNode byRule = json.get("totals").get("byRule");
        assertEquals(Arrays.stream(Rule.values()).map(Rule::name).toList(), fieldNames(byRule));
        for (Rule r : Rule.values()) {
            assertEquals(r == Rule.PC_LEFT_ON ? 2 : 0, byRule.get(r.name()).asLong(), r.name());
        }
        assertEquals(2, json.get("totals").get("violations").asLong());
    }

    @Test
    void people_are_ranked_by_violations_then_badge_and_list_only_their_non_zero_rules_in_rule_order() {
        ObjectNode json = DailyReport.json(day(List.of(
                violation("1", Rule.PC_LEFT_ON, "09:00", "E002"),
                violation("2", Rule.UNKNOWN_BADGE, "09:01", "X999"),
                violation("3", Rule.ZONE_NOT_ALLOWED, "09:02", "E002"),
                violation("4", Rule.ANTI_PASSBACK, "09:03", "E001"),
                violation("5", Rule.VISITOR_UNESCORTED, "09:04", "V001"),
                violation("6", Rule.LEFT_PC_UNLOCKED, "09:05", "E001"),
                violation("7", Rule.VISITOR_UNESCORTED, "09:06", "V001"),
                violation("8", Rule.ZONE_NOT_ALLOWED, "09:07", "V001"))));

        JsonNode people = json.get("people");
        List<String> order = new ArrayList<>();
        people.forEach(p -> order.add(p.get("badge").asText() + "=" + p.get("violations").asLong()));
        assertEquals(List.of("V001=3", "E001=2", "E002=2", "X999=1"), order);
        assertEquals(List.of("ZONE_NOT_ALLOWED", "PC_LEFT_ON"), fieldNames(people.get(2).get("byRule")));
        assertEquals(2, people.get(0).get("byRule").get("VISITOR_UNESCORTED").asLong());
        assertEquals(List.of("ZONE_NOT_ALLOWED", "VISITOR_UNESCORTED"), fieldNames(people.get(0).get("byRule")));
    }

    @Test
    void an_unknown_badge_appears_with_a_null_name_and_department() {
        JsonNode p = DailyReport.json(day(List.of(violation("1", Rule.UNKNOWN_BADGE, "09:00", "X999")))).get("people").get(0);

        assertEquals("X999", p.get("badge").asText());
        assertTrue(p.get("name").isNull(), p.toString());
        assertTrue(p.get("department").isNull(), p.toString());
        assertEquals("unknown", p.get("kind").asText());
    }

    @Test
    void employees_are_named_from_the_site_file_and_visitors_from_the_site_file_or_their_run_time_registration() {
        SiteConfig site = site(List.of(person("E001", "山田 太郎", "営業")),
                List.of(visitor("V001", "Visitor One", "E001"), visitor("V003", "Old Name", "E001")));
        DayData d = new DayData(site, TestDays.DATE, false, List.of(
                violation("1", Rule.ZONE_NOT_ALLOWED, "09:00", "E001"),
                violation("2", Rule.ZONE_NOT_ALLOWED, "09:01", "V001"),
                violation("3", Rule.ZONE_NOT_ALLOWED, "09:02", "V002"),
                violation("4", Rule.ZONE_NOT_ALLOWED, "09:03", "V003")),
                null, Map.of("V002", "来訪 花子", "V003", "New Name"), null);

        JsonNode people = DailyReport.json(d).get("people");

        assertPerson(people.get(0), "E001", "山田 太郎", "営業", "employee");
        assertPerson(people.get(1), "V001", "Visitor One", null, "visitor");
        assertEquals("E001", people.get(1).get("host").asText());
        assertPerson(people.get(2), "V002", "来訪 花子", null, "visitor");
        assertTrue(people.get(2).get("host").isNull());
        assertPerson(people.get(3), "V003", "New Name", null, "visitor");
    }

    @Test
    void violations_are_sorted_by_time_then_rule_name_then_id() {
        List<Violation> given = List.of(
                violation("b", Rule.ZONE_NOT_ALLOWED, "10:00", "E001"),
                violation("z", Rule.ANTI_PASSBACK, "10:00", "E001"),
                violation("a", Rule.ZONE_NOT_ALLOWED, "10:00", "E002"),
                violation("c", Rule.PC_LEFT_ON, "09:59:59", "E001"),
                violation("y", Rule.AFTER_HOURS_ENTRY, "10:00:01", "E001"));

        List<String> ids = new ArrayList<>();
        DailyReport.json(day(given)).get("violations").forEach(v -> ids.add(v.get("id").asText()));

        // ANTI_PASSBACK sorts before ZONE_NOT_ALLOWED by name, though it comes after it in Rule order
        assertEquals(List.of("c", "z", "a", "b", "y"), ids);
    }

    @Test
    void times_are_written_in_the_site_offset_and_missing_activity_times_are_null() {
        Violation v = violation("1", Rule.PC_LEFT_ON, "2026-11-25T10:01:00Z", "E001", "pc:PC-01");
        Activity a = new Activity(3, 1, 0, Instant.parse("2026-11-24T22:50:00Z"), null, null);
        DayData d = new DayData(TestDays.site(), TestDays.DATE, true, List.of(v), a, Map.of(), List.of());

        ObjectNode json = DailyReport.json(d);

        assertEquals("2026-11-25T19:01:00+09:00", json.get("violations").get(0).get("ts").asText());
        JsonNode activity = json.get("activity");
        assertEquals("2026-11-25T07:50:00+09:00", activity.get("firstInAt").asText());
        assertTrue(activity.get("lastOutAt").isNull());
        assertTrue(activity.get("lockupAt").isNull());
        assertEquals(3, activity.get("passagesGranted").asLong());
        assertEquals(1, activity.get("passagesDenied").asLong());
        assertTrue(json.get("final").asBoolean());
    }

    @Test
    void a_day_without_violations_or_activity_has_zero_totals_empty_lists_and_null_times() {
        ObjectNode json = DailyReport.json(new DayData(TestDays.site(), TestDays.DATE, false, (DayViolations) null, null, null, null));

        assertEquals(0, json.get("totals").get("violations").asLong());
        json.get("totals").get("byRule").forEach(n -> assertEquals(0, n.asLong()));
        assertEquals(12, json.get("totals").get("byRule").size());
        assertEquals(0, json.get("people").size());
        assertEquals(0, json.get("violations").size());
        assertEquals(0, json.get("activity").get("passagesGranted").asLong());
        assertTrue(json.get("activity").get("firstInAt").isNull());
        assertEquals(false, json.get("final").asBoolean());
    }

    @Test
    void the_same_data_always_gives_the_same_bytes() {
        assertEquals(new String(Payloads.bytes(DailyReport.json(ExampleDayData.day()))),
                new String(Payloads.bytes(DailyReport.json(ExampleDayData.day()))));
    }

    // ------------------------------------------------------------------ helpers

    private static void assertPerson(JsonNode p, String badge, String name, String department, String kind) {
        assertEquals(badge, p.get("badge").asText(), p.toString());
        assertEquals(name, p.get("name").isNull() ? null : p.get("name").asText(), p.toString());
        assertEquals(department, p.get("department").isNull() ? null : p.get("department").asText(), p.toString());
        assertEquals(kind, p.get("kind").asText(), p.toString());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Every field of {@code expected} is in {@code actual} with an equal value (numbers by value),
     * and the fields {@code expected} names come in the same order (except inside a §5 violation,
     * whose member order is §5's); arrays have the same length and order. {@code actual} may have
     * more fields.
     */
    static void assertSubsetInOrder(JsonNode expected, JsonNode actual, String path) {
        if (actual == null) {
            fail(path + ": missing, expected " + expected);
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                fail(path + ": expected an object, got " + actual);
            }
            List<String> wanted = fieldNames(expected);
            List<String> present = new ArrayList<>(fieldNames(actual));
            present.retainAll(wanted);
            if (path.matches("\\$\\.violations\\[\\d+]")) {
                assertEquals(wanted.stream().sorted().toList(), present.stream().sorted().toList(),
                        path + ": fields missing in " + actual);
            } else {
                assertEquals(wanted, present, path + ": fields missing or out of order in " + actual);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                assertSubsetInOrder(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                fail(path + ": expected an array, got " + actual);
            }
            assertEquals(expected.size(), actual.size(), path + ": length");
            for (int i = 0; i < expected.size(); i++) {
                assertSubsetInOrder(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()),
                    path + ": expected " + expected + ", got " + actual);
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
