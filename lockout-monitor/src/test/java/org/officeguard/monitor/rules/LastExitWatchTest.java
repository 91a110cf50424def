package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.monitor.rules.LockoutScript.at;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/** 最終退出ルール: LOCKUP_MISSING, LOCKUP_WITH_OCCUPANTS and PC_LEFT_ON, driven through {@link LockoutMonitor}. */
class LastExitWatchTest {

    private final LockoutScript script = new LockoutScript();

    @Nested
    class LockupMissing {

        private List<Violation> missing() {
            return script.of(Rule.LOCKUP_MISSING);
        }

        @Test
        void an_office_emptied_and_reentered_within_the_grace_is_not_missing_a_lockup() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "12:00:00");
            script.pass("E001", "front", "IN", "12:10:00");
            script.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void an_office_left_empty_past_the_grace_is_missing_a_lockup_stamped_when_it_emptied() {
            script.enterOffice("E001", "08:00:00");
            script.enterOffice("E002", "08:10:00");
            script.leaveOffice("E002", "18:00:00");
            script.pass("E001", "office", "OUT", "18:29:50");
            Decision last = script.pass("E001", "front", "OUT", "18:30:00");
            script.tick("23:00:00");

            Violation violation = script.one(Rule.LOCKUP_MISSING);
            assertEquals("hq", violation.site());
            assertEquals(at("18:30:00"), violation.ts());
            assertEquals("E001", violation.badge());
            assertEquals("site:hq", violation.subject());
            assertEquals(List.of(last.eventId()), violation.sourceEventIds());
            assertEquals(Map.of("emptySince", "2026-11-25T18:30:00+09:00", "lastExitGraceSeconds", 900L),
                    violation.details());
        }

        @Test
        void the_violation_appears_only_once_the_watermark_passes_emptying_plus_grace_plus_reorder() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "18:30:00");

            assertEquals(List.of(), script.tick("18:45:05"), "a LOCKUP stamped 18:45:00 would still be on time");
            assertEquals(List.of(Rule.LOCKUP_MISSING), script.tick("18:45:06").stream().map(Violation::rule).toList());
        }

        @Test
        void a_holder_left_in_the_lobby_keeps_the_site_occupied() {
            script.enterOffice("E001", "08:00:00");
            script.pass("E002", "front", "IN", "08:10:00"); // lobby only
            script.leaveOffice("E001", "18:30:00");
            script.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void reentering_exactly_at_the_end_of_the_grace_is_in_time() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "18:30:00");
            script.pass("E002", "front", "IN", "18:45:00");
            script.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void locking_up_exactly_at_the_end_of_the_grace_is_in_time() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "18:30:00");
            script.lockup("E001", "18:45:00");
            script.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void locking_up_one_second_after_the_grace_is_too_late() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "18:30:00");
            script.lockup("E001", "18:45:01");
            script.tick("23:00:00");

            assertEquals(1, missing().size());
        }

        @Test
        void emptied_reentered_and_emptied_again_only_the_second_emptying_can_fire() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "18:00:00");
            script.enterOffice("E001", "18:05:00");
            Decision second = script.leaveOffice("E001", "18:10:00");

            // the first emptying's deadline: the site emptied again since
            assertEquals(List.of(), script.tick("18:15:05"));
            script.tick("23:00:00");

            Violation violation = script.one(Rule.LOCKUP_MISSING);
            assertEquals(at("18:10:00"), violation.ts());
            assertEquals(List.of(second.eventId()), violation.sourceEventIds());
        }

        @Test
        void emptied_reentered_and_emptied_again_after_a_lockup_fires_nothing() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "18:00:00");
            script.enterOffice("E001", "18:05:00");
            script.lockup("E001", "18:09:00");
            script.leaveOffice("E001", "18:10:00");
            script.tick("23:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void the_normal_close_locking_badge_leaves_after_its_own_lockup_is_not_missing_a_lockup() {
            script.enterOffice("E001", "08:00:00");
            script.enterOffice("E002", "08:10:00");
            script.leaveOffice("E002", "18:00:00");
            script.lockup("E001", "19:00:00");
            script.pass("E001", "office", "OUT", "19:00:20");
            script.pass("E001", "front", "OUT", "19:00:30");
            script.tick("23:00:00");

            assertEquals(List.of(), script.emitted);
            assertTrue(script.monitor.lockedUp());
            assertEquals(0, script.monitor.occupancy());
        }

        @Test
        void a_lockup_by_someone_else_keeps_the_site_locked_up_while_the_last_occupant_leaves() {
            script.enterOffice("E001", "08:00:00");
            script.enterOffice("E002", "08:10:00");
            script.lockup("E001", "19:00:00");
            script.leaveOffice("E001", "19:00:30");
            script.leaveOffice("E002", "19:20:00");
            script.tick("23:00:00");

            assertEquals(List.of(Rule.LOCKUP_WITH_OCCUPANTS), script.rules());
        }

        @Test
        void an_unlock_ends_the_lockup_so_emptying_again_without_one_is_missing() {
            script.enterOffice("E001", "08:00:00");
            script.enterOffice("E002", "08:10:00");
            script.lockup("E001", "19:00:00"); // E002 still inside
            script.leaveOffice("E001", "19:00:30");
            script.unlock("E002", "19:10:00"); // E002 disarms from inside
            Decision last = script.leaveOffice("E002", "19:20:00");
            script.tick("23:00:00");

            Violation violation = script.one(Rule.LOCKUP_MISSING);
            assertEquals(at("19:20:00"), violation.ts());
            assertEquals("E002", violation.badge());
            assertEquals(List.of(last.eventId()), violation.sourceEventIds());
        }

        @Test
        void entering_from_outside_ends_the_lockup_so_emptying_again_without_one_is_missing() {
            script.enterOffice("E001", "08:00:00");
            script.lockup("E001", "19:00:00");
            script.leaveOffice("E001", "19:00:30");
            script.tick("20:00:00");
            assertTrue(script.monitor.lockedUp());
            script.pass("E001", "front", "IN", "20:00:00"); // back for a forgotten umbrella
            script.tick("20:00:05");
            assertFalse(script.monitor.lockedUp());
            script.pass("E001", "front", "OUT", "20:02:00");
            script.tick("23:00:00");

            Violation violation = script.one(Rule.LOCKUP_MISSING);
            assertEquals(at("20:02:00"), violation.ts());
            assertEquals("E001", violation.badge());
        }

        @Test
        void a_passage_that_does_not_come_from_outside_keeps_the_lockup() {
            script.enterOffice("E001", "08:00:00");
            script.lockup("E001", "19:00:00");
            script.pass("E001", "office", "OUT", "19:00:10");
            script.pass("E001", "office", "IN", "19:00:20"); // origin lobby
            script.leaveOffice("E001", "19:01:00");
            script.tick("23:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void the_weak_pcs_are_reported_left_on_at_the_end_of_the_grace() {
            script.enterOffice("E001", "08:00:00");
            script.pc("PC-01", "ACTIVE", "08:01:00");
            script.pc("PC-02", "LOCKED", "17:00:00"); // weaker than OFF
            script.pc("PC-03", "OFF", "17:00:00");
            // RECEP never reported: counts as OFF
            script.pc("PC-01", "LOCKED", "18:29:00");
            script.pc("PC-01", "ACTIVE", "18:29:30", "E003"); // E003 logged in remotely
            Decision last = script.leaveOffice("E001", "18:30:00");
            script.tick("23:00:00");

            Violation missing = script.one(Rule.LOCKUP_MISSING);
            List<Violation> leftOn = script.of(Rule.PC_LEFT_ON);
            assertEquals(List.of("pc:PC-01", "pc:PC-02"), leftOn.stream().map(Violation::subject).toList());
            assertEquals(List.of("E003", "E002"), leftOn.stream().map(Violation::badge).toList());
            for (Violation violation : leftOn) {
                assertEquals(at("18:45:00"), violation.ts());
                assertEquals(List.of(last.eventId(), "LOCKUP_MISSING"), violation.sourceEventIds());
            }
            assertEquals(Map.of("state", "ACTIVE", "required", "OFF", "zone", "office"), leftOn.get(0).details());
            assertEquals(Map.of("state", "LOCKED", "required", "OFF", "zone", "office"), leftOn.get(1).details());
            assertEquals(at("18:30:00"), missing.ts());
        }

        @Test
        void without_a_missing_lockup_no_pc_is_reported_left_on_by_the_emptying() {
            script.enterOffice("E001", "08:00:00");
            script.pc("PC-01", "ACTIVE", "08:01:00");
            script.leaveOffice("E001", "12:00:00");
            script.pass("E001", "front", "IN", "12:10:00"); // back from a short errand
            script.tick("13:00:00");

            assertEquals(List.of(Rule.LEFT_PC_UNLOCKED), script.rules());
        }
    }

    @Nested
    class LockupWithOccupants {

        @Test
        void a_lockup_with_others_inside_is_one_violation_listing_them_sorted() {
            script.enterOffice("V001", "10:00:00");
            script.enterOffice("E003", "10:01:00");
            script.enterOffice("E001", "10:02:00");
            script.pass("E002", "front", "IN", "10:03:00"); // in the lobby: not outside either
            LastExitEvent lockup = script.lockup("E001", "19:00:00");
            script.tick("19:30:00");

            Violation violation = script.one(Rule.LOCKUP_WITH_OCCUPANTS);
            assertEquals("hq", violation.site());
            assertEquals(at("19:00:00"), violation.ts());
            assertEquals("E001", violation.badge());
            assertEquals("site:hq", violation.subject());
            assertEquals(Map.of("occupants", List.of("E002", "E003", "V001")), violation.details());
            assertEquals(List.of(lockup.eventId()), violation.sourceEventIds());
        }

        @Test
        void the_locking_badge_itself_inside_is_not_an_occupant() {
            script.enterOffice("E001", "08:00:00");
            script.lockup("E001", "19:00:00");
            script.tick("19:30:00");

            assertEquals(List.of(), script.of(Rule.LOCKUP_WITH_OCCUPANTS));
        }

        @Test
        void a_lockup_with_nobody_inside_is_fine() {
            script.enterOffice("E001", "08:00:00");
            script.leaveOffice("E001", "19:00:00");
            script.lockup("E001", "19:01:00");
            script.tick("23:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void who_is_inside_is_judged_at_the_lockup_ts_not_at_its_arrival() {
            script.enterOffice("E001", "08:00:00");
            script.enterOffice("E002", "08:10:00");
            script.pass("E002", "office", "OUT", "18:59:50");
            script.lockup("E001", "19:00:02");
            script.pass("E002", "front", "OUT", "19:00:00"); // stamped before the lockup, arrives 2 s after it
            script.tick("19:30:00");

            assertEquals(List.of(), script.of(Rule.LOCKUP_WITH_OCCUPANTS));
            assertEquals(0, script.monitor.lateEvents());
        }

        @Test
        void someone_entering_after_the_lockup_is_not_an_occupant_of_it() {
            script.enterOffice("E001", "08:00:00");
            script.lockup("E001", "19:00:00");
            script.pass("E002", "front", "IN", "18:59:58"); // stamped before: an occupant
            script.pass("E003", "front", "IN", "19:00:01"); // stamped after, arrived before the lockup was released
            script.tick("19:30:00");

            assertEquals(Map.of("occupants", List.of("E002")), script.one(Rule.LOCKUP_WITH_OCCUPANTS).details());
        }
    }

    @Nested
    class PcLeftOn {

        @Test
        void a_late_report_older_than_the_pcs_newest_does_not_turn_it_back_on() {
            script.enterOffice("E001", "08:00:00");
            script.pc("PC-01", "OFF", "18:00:00");
            script.tick("18:00:20");
            script.pc("PC-01", "ACTIVE", "17:59:00"); // an agent's older message, overtaken and delivered 81 s behind
            script.leaveOffice("E001", "18:05:00");
            script.lockup("E001", "18:05:10");
            script.tick("19:00:00");

            assertEquals(1, script.monitor.lateEvents());
            assertEquals(List.of(), script.rules(), "PC-01's newest report is OFF: neither left on nor left unlocked");
        }

        /** Whether PC-01, last reported in {@code state} ("NONE": never), is left on at a lockup. */
        @ParameterizedTest(name = "pcAtLockup {0}, PC {1}: left on = {2}")
        @CsvSource({
            "OFF,    ACTIVE, true",
            "OFF,    IDLE,   true",
            "OFF,    LOCKED, true",
            "OFF,    OFF,    false",
            "OFF,    NONE,   false",
            "LOCKED, ACTIVE, true",
            "LOCKED, IDLE,   true",
            "LOCKED, LOCKED, false",
            "LOCKED, OFF,    false",
            "LOCKED, NONE,   false"})
        void the_weakest_acceptable_state_is_pc_at_lockup(String pcAtLockup, String state, boolean leftOn) {
            LockoutScript configured = LockoutScript.with("pcAtLockup", "\"" + pcAtLockup + "\"");
            configured.enterOffice("E001", "08:00:00");
            if (!state.equals("NONE")) {
                configured.pc("PC-01", state, "17:00:00");
            }
            configured.lockup("E001", "19:00:00");
            configured.leaveOffice("E001", "19:00:30");
            configured.tick("23:00:00");

            assertEquals(leftOn ? List.of("pc:PC-01") : List.of(),
                    configured.of(Rule.PC_LEFT_ON).stream().map(Violation::subject).toList());
            assertEquals(List.of(), configured.of(Rule.LOCKUP_MISSING));
        }

        @Test
        void a_pc_left_on_at_a_lockup_is_stamped_with_the_lockup_and_charged_to_the_pc_user() {
            script.enterOffice("E003", "08:00:00");
            script.pc("PC-01", "ACTIVE", "09:00:00", "E003");
            script.enterOffice("E002", "17:50:00");
            script.leaveOffice("E003", "18:00:00");
            LastExitEvent lockup = script.lockup("E002", "19:00:00");
            script.tick("19:30:00");

            Violation violation = script.one(Rule.PC_LEFT_ON);
            assertEquals("hq", violation.site());
            assertEquals(at("19:00:00"), violation.ts());
            assertEquals("E003", violation.badge());
            assertEquals("pc:PC-01", violation.subject());
            assertEquals(List.of(lockup.eventId()), violation.sourceEventIds());
            assertEquals(Map.of("state", "ACTIVE", "required", "OFF", "zone", "office"), violation.details());
        }

        @Test
        void every_weak_pc_is_reported_in_pc_order() {
            script.enterOffice("E001", "08:00:00");
            script.pc("RECEP", "IDLE", "17:00:00");
            script.pc("PC-03", "ACTIVE", "17:00:00");
            script.pc("PC-02", "OFF", "17:00:00");
            script.pc("PC-01", "LOCKED", "17:00:00");
            script.lockup("E001", "19:00:00");
            script.tick("19:30:00");

            assertEquals(List.of("pc:PC-01", "pc:PC-03", "pc:RECEP"),
                    script.of(Rule.PC_LEFT_ON).stream().map(Violation::subject).toList());
            assertEquals(List.of("E001", "E003", "E003"),
                    script.of(Rule.PC_LEFT_ON).stream().map(Violation::badge).toList());
        }

        @Test
        void the_pc_state_at_the_lockup_ts_counts_not_one_stamped_after_it() {
            script.enterOffice("E001", "08:00:00");
            script.pc("PC-01", "ACTIVE", "09:00:00");
            script.pc("PC-01", "OFF", "19:00:03"); // arrives first, but is stamped after the lockup
            script.lockup("E001", "19:00:00");
            script.tick("19:30:00");

            assertEquals(1, script.of(Rule.PC_LEFT_ON).size());
        }

        @Test
        void a_pc_switched_off_just_before_the_lockup_passes_even_when_its_report_arrives_after_it() {
            script.enterOffice("E001", "08:00:00");
            script.pc("PC-01", "ACTIVE", "09:00:00");
            script.lockup("E001", "19:00:00");
            script.pc("PC-01", "OFF", "18:59:58");
            script.tick("19:30:00");

            assertEquals(List.of(), script.of(Rule.PC_LEFT_ON));
        }
    }
}
