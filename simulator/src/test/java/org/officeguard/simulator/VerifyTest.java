package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;

class VerifyTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final LapseEvent LAPSE = new LapseEvent("l1", Lapse.TAILGATE, DAY, "E1");

    static GroundTruth truth(GroundTruth.Item... items) {
        return new GroundTruth("hq", TOKYO, 1, List.of(DAY), Map.of(), Map.of(), List.of(LAPSE), List.of(items), List.of());
    }

    static GroundTruth.Item item(Rule rule, String badge, String subject, String ts) {
        return new GroundTruth.Item(DAY, rule, badge, subject, Instant.parse(ts), LAPSE);
    }

    /** A final report listing {@code violations} ("RULE BADGE SUBJECT TS"), its totals counted from the list. */
    static ObjectNode report(String date, String... violations) {
        ObjectNode r = Payloads.JSON.createObjectNode();
        r.put("date", date);
        r.put("final", true);
        ObjectNode byRule = r.putObject("totals").put("violations", violations.length).putObject("byRule");
        for (Rule rule : Rule.values()) {
            byRule.put(rule.name(), 0);
        }
        var a = r.putArray("violations");
        for (String v : violations) {
            String[] f = v.split(" ");
            a.addObject().put("rule", f[0]).put("badge", f[1]).put("subject", f[2]).put("ts", f[3]);
            byRule.put(f[0], byRule.get(f[0]).asInt() + 1);
        }
        return r;
    }

    @Test
    void matching_violations_give_precision_and_recall_one_whatever_the_offset_of_ts() {
        GroundTruth t = truth(item(Rule.ANTI_PASSBACK, "E1", "door:front", "2026-11-25T09:00:00Z"));
        Verify.Result r = Verify.compare(t, List.of(report("2026-11-25",
                "ANTI_PASSBACK E1 door:front 2026-11-25T18:00:00+09:00")));
        assertTrue(r.perfect());
        assertEquals(1, r.row(Rule.ANTI_PASSBACK).found());
        assertEquals(1.0, r.row(Rule.UNKNOWN_BADGE).precision(), "nothing expected, nothing found: 1.0");
        assertEquals(1.0, r.row(Rule.UNKNOWN_BADGE).recall());
    }

    @Test
    void a_missed_and_a_spurious_violation_are_counted_against_their_rules() {
        GroundTruth t = truth(item(Rule.ANTI_PASSBACK, "E1", "door:front", "2026-11-25T09:00:00Z"),
                item(Rule.PC_LEFT_ON, "E2", "pc:PC-2", "2026-11-25T12:00:00Z"),
                item(Rule.PC_LEFT_ON, "E3", "pc:PC-3", "2026-11-25T12:00:00Z"));
        Verify.Result r = Verify.compare(t, List.of(report("2026-11-25",
                "PC_LEFT_ON E2 pc:PC-2 2026-11-25T21:00:00+09:00",
                "PC_LEFT_ON E2 pc:PC-2 2026-11-25T21:00:00+09:00",
                "ANTI_PASSBACK E1 door:front 2026-11-25T18:00:01+09:00"),
                report("2026-11-26", "UNKNOWN_BADGE X1 door:front 2026-11-26T09:00:00+09:00")));
        assertFalse(r.perfect());
        Verify.Row ap = r.row(Rule.ANTI_PASSBACK);
        assertEquals(List.of(1, 1, 1, 1), List.of(ap.expected(), ap.found(), ap.missed(), ap.spurious()));
        assertEquals(0.0, ap.precision());
        Verify.Row pc = r.row(Rule.PC_LEFT_ON);
        assertEquals(List.of(2, 2, 1, 1), List.of(pc.expected(), pc.found(), pc.missed(), pc.spurious()),
                "a duplicate counts once: the second copy is spurious");
        assertEquals(0.5, pc.precision());
        assertEquals(0.5, pc.recall());
        assertEquals(0, r.row(Rule.UNKNOWN_BADGE).found(), "a day the truth does not cover is ignored");
        assertEquals(3, r.total().expected());
        String table = Verify.table(r);
        assertTrue(table.contains("PC_LEFT_ON") && table.contains("0.500") && table.contains("missed:"), table);
    }

    @Test
    void a_report_that_is_not_final_or_whose_totals_do_not_count_its_list_is_not_perfect() {
        GroundTruth t = truth(item(Rule.ANTI_PASSBACK, "E1", "door:front", "2026-11-25T09:00:00Z"));
        String listed = "ANTI_PASSBACK E1 door:front 2026-11-25T18:00:00+09:00";
        assertTrue(Verify.compare(t, List.of(report("2026-11-25", listed))).perfect());

        ObjectNode preliminary = report("2026-11-25", listed).put("final", false);
        Verify.Result r = Verify.compare(t, List.of(preliminary));
        assertFalse(r.perfect());
        assertEquals(List.of("2026-11-25: the report is not final"), r.inconsistent());

        ObjectNode zeroed = report("2026-11-25", listed);
        ((ObjectNode) zeroed.get("totals")).put("violations", 0);
        ((ObjectNode) zeroed.get("totals").get("byRule")).put("ANTI_PASSBACK", 0);
        r = Verify.compare(t, List.of(zeroed));
        assertTrue(r.total().perfect(), "the list itself is right");
        assertEquals(List.of("2026-11-25: totals.violations 0, listed 1", "2026-11-25: totals.byRule.ANTI_PASSBACK 0, listed 1"),
                r.inconsistent());
        assertFalse(r.perfect());
        assertTrue(Verify.table(r).contains("report:   2026-11-25: totals.violations 0, listed 1"), Verify.table(r));
    }

    @Test
    void a_day_without_report_is_not_perfect() {
        Verify.Result r = Verify.compare(truth(), List.of());
        assertEquals(List.of(DAY), r.datesWithoutReport());
        assertFalse(r.perfect());
    }

    @Test
    void the_truth_survives_its_json_file() throws Exception {
        GroundTruth t = Scenario.generate(SampleSite.config(30, DAY), DAY, 2, 4, LapseRates.all(0.2)).truth();
        Path file = Files.createTempFile("truth", ".json");
        try {
            t.write(file);
            GroundTruth back = GroundTruth.read(file);
            assertEquals(t.toJson(), back.toJson());
            assertTrue(back.violations().size() > 5);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
