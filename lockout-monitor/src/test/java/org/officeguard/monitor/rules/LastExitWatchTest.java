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

    private final LockoutScript s = new LockoutScript();

    @Nested
    class LockupMissing {

        private List<Violation> missing() {
            return s.of(Rule.LOCKUP_MISSING);
        }

        @Test
        void an_office_emptied_and_reentered_within_the_grace_is_not_missing_a_lockup() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "12:00:00");
            s.pass("E001", "front", "IN", "12:10:00");
            s.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void an_office_left_empty_past_the_grace_is_missing_a_lockup_stamped_when_it_emptied() {
            s.enterOffice("E001", "08:00:00");
            s.enterOffice("E002", "08:10:00");
            s.leaveOffice("E002", "18:00:00");
            s.pass("E001", "office", "OUT", "18:29:50");
            Decision last = s.pass("E001", "front", "OUT", "18:30:00");
            s.tick("23:00:00");

            Violation v = s.one(Rule.LOCKUP_MISSING);
            assertEquals("hq", v.site());
            assertEquals(at("18:30:00"), v.ts());
            assertEquals("E001", v.badge());
            assertEquals("site:hq", v.subject());
            assertEquals(List.of(last.eventId()), v.sourceEventIds());
            assertEquals(Map.of("emptySince", "2026-11-25T18:30:00+09:00", "lastExitGraceSeconds", 900L), v.details());
        }

        @Test
        void the_violation_appears_only_once_the_watermark_passes_emptying_plus_grace_plus_reorder() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "18:30:00");

            assertEquals(List.of(), s.tick("18:45:05"), "a LOCKUP stamped 18:45:00 would still be on time");
            assertEquals(List.of(Rule.LOCKUP_MISSING), s.tick("18:45:06").stream().map(Violation::rule).toList());
        }

        @Test
        void a_holder_left_in_the_lobby_keeps_the_site_occupied() {
            s.enterOffice("E001", "08:00:00");
            s.pass("E002", "front", "IN", "08:10:00"); // lobby only
            s.leaveOffice("E001", "18:30:00");
            s.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void reentering_exactly_at_the_end_of_the_grace_is_in_time() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "18:30:00");
            s.pass("E002", "front", "IN", "18:45:00");
            s.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void locking_up_exactly_at_the_end_of_the_grace_is_in_time() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "18:30:00");
            s.lockup("E001", "18:45:00");
            s.tick("23:00:00");

            assertEquals(List.of(), missing());
        }

        @Test
        void locking_up_one_second_after_the_grace_is_too_late() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "18:30:00");
            s.lockup("E001", "18:45:01");
            s.tick("23:00:00");

            assertEquals(1, missing().size());
        }

        @Test
        void emptied_reentered_and_emptied_again_only_the_second_emptying_can_fire() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "18:00:00");
            s.enterOffice("E001", "18:05:00");
            Decision second = s.leaveOffice("E001", "18:10:00");

            assertEquals(List.of(), s.tick("18:15:05")); // the first emptying's deadline: the site emptied again since
            s.tick("23:00:00");

            Violation v = s.one(Rule.LOCKUP_MISSING);
            assertEquals(at("18:10:00"), v.ts());
            assertEquals(List.of(second.eventId()), v.sourceEventIds());
        }

        @Test
        void emptied_reentered_and_emptied_again_after_a_lockup_fires_nothing() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "18:00:00");
            s.enterOffice("E001", "18:05:00");
            s.lockup("E001", "18:09:00");
            s.leaveOffice("E001", "18:10:00");
            s.tick("23:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void the_normal_close_locking_badge_leaves_after_its_own_lockup_is_not_missing_a_lockup() {
            s.enterOffice("E001", "08:00:00");
            s.enterOffice("E002", "08:10:00");
            s.leaveOffice("E002", "18:00:00");
            s.lockup("E001", "19:00:00");
            s.pass("E001", "office", "OUT", "19:00:20");
            s.pass("E001", "front", "OUT", "19:00:30");
            s.tick("23:00:00");

            assertEquals(List.of(), s.emitted);
            assertTrue(s.monitor.lockedUp());
            assertEquals(0, s.monitor.occupancy());
        }

        @Test
        void a_lockup_by_someone_else_keeps_the_site_locked_up_while_the_last_occupant_leaves() {
            s.enterOffice("E001", "08:00:00");
            s.enterOffice("E002", "08:10:00");
            s.lockup("E001", "19:00:00");
            s.leaveOffice("E001", "19:00:30");
            s.leaveOffice("E002", "19:20:00");
            s.tick("23:00:00");

            assertEquals(List.of(Rule.LOCKUP_WITH_OCCUPANTS), s.rules());
        }

        @Test
        void an_unlock_ends_the_lockup_so_emptying_again_without_one_is_missing() {
            s.enterOffice("E001", "08:00:00");
            s.enterOffice("E002", "08:10:00");
            s.lockup("E001", "19:00:00"); // E002 still inside
            s.leaveOffice("E001", "19:00:30");
            s.unlock("E002", "19:10:00"); // E002 disarms from inside
            Decision last = s.leaveOffice("E002", "19:20:00");
            s.tick("23:00:00");

            Violation v = s.one(Rule.LOCKUP_MISSING);
            assertEquals(at("19:20:00"), v.ts());
            assertEquals("E002", v.badge());
            assertEquals(List.of(last.eventId()), v.sourceEventIds());
        }

        @Test
        void entering_from_outside_ends_the_lockup_so_emptying_again_without_one_is_missing() {
            s.enterOffice("E001", "08:00:00");
            s.lockup("E001", "19:00:00");
            s.leaveOffice("E001", "19:00:30");
            s.tick("20:00:00");
            assertTrue(s.monitor.lockedUp());
            s.pass("E001", "front", "IN", "20:00:00"); // back for a forgotten umbrella
            s.tick("20:00:05");
            assertFalse(s.monitor.lockedUp());
            s.pass("E001", "front", "OUT", "20:02:00");
            s.tick("23:00:00");

            Violation v = s.one(Rule.LOCKUP_MISSING);
            assertEquals(at("20:02:00"), v.ts());
            assertEquals("E001", v.badge());
        }

        @Test
        void a_passage_that_does_not_come_from_outside_keeps_the_lockup() {
            s.enterOffice("E001", "08:00:00");
            s.lockup("E001", "19:00:00");
            s.pass("E001", "office", "OUT", "19:00:10");
            s.pass("E001", "office", "IN", "19:00:20"); // origin lobby
            s.leaveOffice("E001", "19:01:00");
            s.tick("23:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void the_weak_pcs_are_reported_left_on_at_the_end_of_the_grace() {
            s.enterOffice("E001", "08:00:00");
            s.pc("PC-01", "ACTIVE", "08:01:00");
            s.pc("PC-02", "LOCKED", "17:00:00"); // weaker than OFF
            s.pc("PC-03", "OFF", "17:00:00");
            // RECEP never reported: counts as OFF
            s.pc("PC-01", "LOCKED", "18:29:00");
            s.pc("PC-01", "ACTIVE", "18:29:30", "E003"); // E003 logged in remotely
            Decision last = s.leaveOffice("E001", "18:30:00");
            s.tick("23:00:00");

            Violation missing = s.one(Rule.LOCKUP_MISSING);
            List<Violation> leftOn = s.of(Rule.PC_LEFT_ON);
            assertEquals(List.of("pc:PC-01", "pc:PC-02"), leftOn.stream().map(Violation::subject).toList());
            assertEquals(List.of("E003", "E002"), leftOn.stream().map(Violation::badge).toList());
            for (Violation v : leftOn) {
                assertEquals(at("18:45:00"), v.ts());
                assertEquals(List.of(last.eventId(), "LOCKUP_MISSING"), v.sourceEventIds());
            }
            assertEquals(Map.of("state", "ACTIVE", "required", "OFF", "zone", "office"), leftOn.get(0).details());
            assertEquals(Map.of("state", "LOCKED", "required", "OFF", "zone", "office"), leftOn.get(1).details());
            assertEquals(at("18:30:00"), missing.ts());
        }

        @Test
        void without_a_missing_lockup_no_pc_is_reported_left_on_by_the_emptying() {
            s.enterOffice("E001", "08:00:00");
            s.pc("PC-01", "ACTIVE", "08:01:00");
            s.leaveOffice("E001", "12:00:00");
            s.pass("E001", "front", "IN", "12:10:00"); // back from a short errand
            s.tick("13:00:00");

            assertEquals(List.of(Rule.LEFT_PC_UNLOCKED), s.rules());
        }
    }

    @Nested
    class LockupWithOccupants {

        @Test
        void a_lockup_with_others_inside_is_one_violation_listing_them_sorted() {
            s.enterOffice("V001", "10:00:00");
            s.enterOffice("E003", "10:01:00");
            s.enterOffice("E001", "10:02:00");
            s.pass("E002", "front", "IN", "10:03:00"); // in the lobby: not outside either
            LastExitEvent lockup = s.lockup("E001", "19:00:00");
            s.tick("19:30:00");

            Violation v = s.one(Rule.LOCKUP_WITH_OCCUPANTS);
            assertEquals("hq", v.site());
            assertEquals(at("19:00:00"), v.ts());
            assertEquals("E001", v.badge());
            assertEquals("site:hq", v.subject());
            assertEquals(Map.of("occupants", List.of("E002", "E003", "V001")), v.details());
            assertEquals(List.of(lockup.eventId()), v.sourceEventIds());
        }

        @Test
        void the_locking_badge_itself_inside_is_not_an_occupant() {
            s.enterOffice("E001", "08:00:00");
            s.lockup("E001", "19:00:00");
            s.tick("19:30:00");

            assertEquals(List.of(), s.of(Rule.LOCKUP_WITH_OCCUPANTS));
        }

        @Test
        void a_lockup_with_nobody_inside_is_fine() {
            s.enterOffice("E001", "08:00:00");
            s.leaveOffice("E001", "19:00:00");
            s.lockup("E001", "19:01:00");
            s.tick("23:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void who_is_inside_is_judged_at_the_lockup_ts_not_at_its_arrival() {
            s.enterOffice("E001", "08:00:00");
            s.enterOffice("E002", "08:10:00");
            s.pass("E002", "office", "OUT", "18:59:50");
            s.lockup("E001", "19:00:02");
            s.pass("E002", "front", "OUT", "19:00:00"); // stamped before the lockup, arrives 2 s after it
            s.tick("19:30:00");

            assertEquals(List.of(), s.of(Rule.LOCKUP_WITH_OCCUPANTS));
            assertEquals(0, s.monitor.lateEvents());
        }

        @Test
        void someone_entering_after_the_lockup_is_not_an_occupant_of_it() {
            s.enterOffice("E001", "08:00:00");
            s.lockup("E001", "19:00:00");
            s.pass("E002", "front", "IN", "18:59:58"); // stamped before: an occupant
            s.pass("E003", "front", "IN", "19:00:01"); // stamped after, arrived before the lockup was released
            s.tick("19:30:00");

            assertEquals(Map.of("occupants", List.of("E002")), s.one(Rule.LOCKUP_WITH_OCCUPANTS).details());
        }
    }

    @Nested
    class PcLeftOn {

        @Test
        void a_late_report_older_than_the_pcs_newest_does_not_turn_it_back_on() {
            s.enterOffice("E001", "08:00:00");
            s.pc("PC-01", "OFF", "18:00:00");
            s.tick("18:00:20");
            s.pc("PC-01", "ACTIVE", "17:59:00"); // an agent's older message, overtaken and delivered 81 s behind
            s.leaveOffice("E001", "18:05:00");
            s.lockup("E001", "18:05:10");
            s.tick("19:00:00");

            assertEquals(1, s.monitor.lateEvents());
            assertEquals(List.of(), s.rules(), "PC-01's newest report is OFF: neither left on nor left unlocked");
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
            LockoutScript t = LockoutScript.with("pcAtLockup", "\"" + pcAtLockup + "\"");
            t.enterOffice("E001", "08:00:00");
            if (!state.equals("NONE")) {
                t.pc("PC-01", state, "17:00:00");
            }
            t.lockup("E001", "19:00:00");
            t.leaveOffice("E001", "19:00:30");
            t.tick("23:00:00");

            assertEquals(leftOn ? List.of("pc:PC-01") : List.of(),
                    t.of(Rule.PC_LEFT_ON).stream().map(Violation::subject).toList());
            assertEquals(List.of(), t.of(Rule.LOCKUP_MISSING));
        }

        @Test
        void a_pc_left_on_at_a_lockup_is_stamped_with_the_lockup_and_charged_to_the_pc_user() {
            s.enterOffice("E003", "08:00:00");
            s.pc("PC-01", "ACTIVE", "09:00:00", "E003");
            s.enterOffice("E002", "17:50:00");
            s.leaveOffice("E003", "18:00:00");
            LastExitEvent lockup = s.lockup("E002", "19:00:00");
            s.tick("19:30:00");

            Violation v = s.one(Rule.PC_LEFT_ON);
            assertEquals("hq", v.site());
            assertEquals(at("19:00:00"), v.ts());
            assertEquals("E003", v.badge());
            assertEquals("pc:PC-01", v.subject());
            assertEquals(List.of(lockup.eventId()), v.sourceEventIds());
            assertEquals(Map.of("state", "ACTIVE", "required", "OFF", "zone", "office"), v.details());
        }

        @Test
        void every_weak_pc_is_reported_in_pc_order() {
            s.enterOffice("E001", "08:00:00");
            s.pc("RECEP", "IDLE", "17:00:00");
            s.pc("PC-03", "ACTIVE", "17:00:00");
            s.pc("PC-02", "OFF", "17:00:00");
            s.pc("PC-01", "LOCKED", "17:00:00");
            s.lockup("E001", "19:00:00");
            s.tick("19:30:00");

            assertEquals(List.of("pc:PC-01", "pc:PC-03", "pc:RECEP"),
                    s.of(Rule.PC_LEFT_ON).stream().map(Violation::subject).toList());
            assertEquals(List.of("E001", "E003", "E003"), s.of(Rule.PC_LEFT_ON).stream().map(Violation::badge).toList());
        }

        @Test
        void the_pc_state_at_the_lockup_ts_counts_not_one_stamped_after_it() {
            s.enterOffice("E001", "08:00:00");
            s.pc("PC-01", "ACTIVE", "09:00:00");
            s.pc("PC-01", "OFF", "19:00:03"); // arrives first, but is stamped after the lockup
            s.lockup("E001", "19:00:00");
            s.tick("19:30:00");

            assertEquals(1, s.of(Rule.PC_LEFT_ON).size());
        }

        @Test
        void a_pc_switched_off_just_before_the_lockup_passes_even_when_its_report_arrives_after_it() {
            s.enterOffice("E001", "08:00:00");
            s.pc("PC-01", "ACTIVE", "09:00:00");
            s.lockup("E001", "19:00:00");
            s.pc("PC-01", "OFF", "18:59:58");
            s.tick("19:30:00");

            assertEquals(List.of(), s.of(Rule.PC_LEFT_ON));
        }
    }
}
