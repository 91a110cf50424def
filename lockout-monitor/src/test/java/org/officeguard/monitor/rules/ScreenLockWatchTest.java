package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.officeguard.monitor.rules.LockoutScript.at;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/** 離席時のPCロック: SCREEN_LOCK_IDLE and LEFT_PC_UNLOCKED, driven through {@link LockoutMonitor} on event time. */
class ScreenLockWatchTest {

    private final LockoutScript script = new LockoutScript();

    @Nested
    class LeftPcUnlocked {

        private List<Violation> leftUnlocked() {
            return script.of(Rule.LEFT_PC_UNLOCKED);
        }

        /** E001 at their desk in the office with PC-01 unlocked; nothing is due yet. */
        @BeforeEach
        void e001_works_at_pc_01() {
            script.enterOffice("E001", "08:00:00");
            script.pc("PC-01", "ACTIVE", "08:01:00");
        }

        @Test
        void locking_the_pc_within_the_grace_is_not_a_violation() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "12:00:10");
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void locking_exactly_at_passage_plus_grace_is_still_in_time() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "12:00:30");
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void locking_one_second_past_the_grace_is_a_violation_stamped_with_the_passage() {
            Decision out = script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "12:00:31");
            script.tick("13:00:00");

            Violation violation = script.one(Rule.LEFT_PC_UNLOCKED);
            assertEquals("hq", violation.site());
            assertEquals(at("12:00:00"), violation.ts());
            assertEquals("E001", violation.badge());
            assertEquals("pc:PC-01", violation.subject());
            assertEquals(List.of(out.eventId()), violation.sourceEventIds());
            assertEquals(Map.of("door", "office", "zone", "office", "leaveGraceSeconds", 30L), violation.details());
        }

        @Test
        void never_locking_the_pc_is_a_violation() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.tick("13:00:00");

            assertEquals(1, leftUnlocked().size());
        }

        @Test
        void an_idle_pc_left_behind_counts_like_an_active_one() {
            script.idle("PC-01", 120, "11:59:00");
            script.pass("E001", "office", "OUT", "12:00:00");
            script.tick("13:00:00");

            assertEquals(1, leftUnlocked().size());
        }

        @Test
        void switching_the_pc_off_within_the_grace_counts_like_locking_it() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "OFF", "12:00:20");
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void a_pc_already_locked_when_its_user_leaves_is_not_a_violation() {
            script.pc("PC-01", "LOCKED", "11:59:00");
            script.pass("E001", "office", "OUT", "12:00:00");
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void a_lock_from_before_the_passage_does_not_excuse_a_pc_unlocked_again_since() {
            script.pc("PC-01", "LOCKED", "11:00:00");
            script.pc("PC-01", "ACTIVE", "11:30:00");
            script.pass("E001", "office", "OUT", "12:00:00");
            script.tick("13:00:00");

            assertEquals(1, leftUnlocked().size());
        }

        @Test
        void a_lock_stamped_before_the_passage_but_arriving_after_it_is_applied_in_ts_order() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "11:59:58"); // 2 s behind the watermark: within reorderSeconds
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
            assertEquals(0, script.monitor.lateEvents());
        }

        @Test
        void a_lock_stamped_within_the_grace_still_counts_when_it_arrives_just_before_the_deadline_is_released() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.tick("12:00:34"); // deadline 12:00:30 is released once the watermark is past 12:00:35
            script.pc("PC-01", "LOCKED", "12:00:29"); // exactly reorderSeconds behind: not late
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
            assertEquals(0, script.monitor.lateEvents());
        }

        @Test
        void a_lock_stamped_at_the_deadline_counts_when_it_arrives_exactly_reorder_seconds_behind() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pass("E002", "front", "IN", "12:00:35"); // another input moves the watermark to deadline + reorder
            script.pc("PC-01", "LOCKED", "12:00:30"); // at the deadline, exactly reorderSeconds behind: on time
            script.tick("13:00:00");

            assertEquals(0, script.monitor.lateEvents());
            assertEquals(List.of(), leftUnlocked(), "the same result as in order: locked within the grace");
        }

        @Test
        void a_lock_stamped_at_the_passage_ts_counts() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "12:00:00");
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void an_old_lock_report_arriving_late_does_not_hide_the_lock_that_followed_the_passage() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "12:00:20");
            script.tick("12:00:26"); // the 12:00:20 lock is applied; the deadline (12:00:30) is not yet released
            script.pc("PC-01", "LOCKED", "11:00:00"); // an hour-old report, delivered late by a reconnecting agent
            script.tick("13:00:00");

            assertEquals(1, script.monitor.lateEvents());
            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void the_violation_appears_only_once_the_watermark_passes_passage_plus_grace_plus_reorder() {
            script.pass("E001", "office", "OUT", "12:00:00");

            assertEquals(List.of(), script.tick("12:00:35"), "a LOCKED stamped 12:00:30 would still be on time");
            List<Violation> due = script.tick("12:00:36");

            assertEquals(List.of(Rule.LEFT_PC_UNLOCKED), due.stream().map(Violation::rule).toList());
            assertEquals(at("12:00:00"), due.get(0).ts());
        }

        @Test
        void passing_a_door_whose_origin_is_another_zone_is_not_leaving_the_pc() {
            script.pass("E001", "office", "OUT", "12:00:00");
            script.pc("PC-01", "LOCKED", "12:00:05");
            // unlocked again (remotely, say) while E001 is in the lobby
            script.pc("PC-01", "ACTIVE", "12:10:00", "E001");
            script.pass("E001", "front", "OUT", "12:20:00"); // origin lobby, PC-01 stands in the office
            script.pass("E001", "front", "IN", "12:40:00"); // origin outside
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void walking_from_the_pcs_zone_into_an_inner_zone_also_leaves_the_pc() {
            script.enterOffice("E002", "08:00:00");
            script.pc("PC-02", "ACTIVE", "08:01:00");
            script.pass("E002", "server", "IN", "12:00:00"); // origin office
            script.tick("13:00:00");

            Violation violation = script.one(Rule.LEFT_PC_UNLOCKED);
            assertEquals("E002", violation.badge());
            assertEquals("pc:PC-02", violation.subject());
            assertEquals("server", violation.details().get("door"));
        }

        @Test
        void a_pc_in_the_lobby_is_left_when_its_user_walks_from_the_lobby_into_the_office() {
            script.pass("E003", "front", "IN", "08:00:00");
            script.pc("RECEP", "ACTIVE", "08:01:00");
            script.pass("E003", "office", "IN", "12:00:00"); // origin lobby
            script.tick("13:00:00");

            Violation violation = script.one(Rule.LEFT_PC_UNLOCKED);
            assertEquals("pc:RECEP", violation.subject());
            assertEquals("lobby", violation.details().get("zone"));
        }

        @Test
        void the_user_named_in_the_last_report_is_charged_not_the_owner() {
            script.enterOffice("E003", "08:00:00");
            script.pc("PC-01", "ACTIVE", "09:00:00", "E003"); // E003 works at E001's PC
            script.pass("E001", "office", "OUT", "12:00:00"); // the owner leaves: not their session
            script.pass("E003", "office", "OUT", "12:05:00");
            script.tick("13:00:00");

            Violation violation = script.one(Rule.LEFT_PC_UNLOCKED);
            assertEquals("E003", violation.badge());
            assertEquals("pc:PC-01", violation.subject());
            assertEquals(at("12:05:00"), violation.ts());
        }

        @Test
        void a_report_without_a_user_gives_the_pc_back_to_its_owner() {
            script.enterOffice("E003", "08:00:00");
            script.pc("PC-01", "ACTIVE", "09:00:00", "E003");
            script.pc("PC-01", "ACTIVE", "10:00:00"); // no user named: the owner E001
            script.pass("E003", "office", "OUT", "12:00:00");
            script.pass("E001", "office", "OUT", "12:05:00");
            script.tick("13:00:00");

            Violation violation = script.one(Rule.LEFT_PC_UNLOCKED);
            assertEquals("E001", violation.badge());
            assertEquals(at("12:05:00"), violation.ts());
        }

        @Test
        void a_pc_that_never_reported_is_not_left_unlocked() {
            script.enterOffice("E002", "08:00:00"); // PC-02 has no agent report at all
            script.pass("E002", "office", "OUT", "12:00:00");
            script.tick("13:00:00");

            assertEquals(List.of(), leftUnlocked());
        }

        @Test
        void each_unlocked_departure_is_its_own_violation() {
            Decision first = script.pass("E001", "office", "OUT", "12:00:00");
            script.pass("E001", "office", "IN", "12:10:00");
            Decision second = script.pass("E001", "office", "OUT", "12:20:00");
            script.tick("13:00:00");

            assertEquals(List.of(List.of(first.eventId()), List.of(second.eventId())),
                    leftUnlocked().stream().map(Violation::sourceEventIds).toList());
        }
    }

    @Nested
    class ScreenLockIdle {

        private List<Violation> idle() {
            return script.of(Rule.SCREEN_LOCK_IDLE);
        }

        @Test
        void a_late_active_older_than_the_pcs_newest_report_does_not_end_the_idle_period() {
            script.idle("PC-01", 300, "12:05:00");
            script.tick("12:05:30");
            script.pc("PC-01", "ACTIVE", "12:00:00"); // an older message, delivered late
            script.idle("PC-01", 360, "12:06:00"); // the agent repeats IDLE: the same period
            script.tick("13:00:00");

            assertEquals(1, script.monitor.lateEvents());
            assertEquals(1, idle().size(), "once per idle period");
        }

        @Test
        void a_late_idle_of_an_earlier_period_is_reported_once_and_one_of_a_reported_period_not_again() {
            script.idle("PC-01", 300, "12:05:00"); // reported: the period 12:00-12:05
            script.pc("PC-01", "ACTIVE", "12:10:00"); // ends it
            script.tick("12:20:00");
            script.idle("PC-01", 330, "12:05:30"); // late, of the reported period
            script.idle("PC-01", 300, "11:40:00"); // late, of an earlier period nobody reported: 11:35-11:40
            script.idle("PC-01", 400, "11:41:40"); // late, that same earlier period
            script.tick("13:00:00");

            assertEquals(3, script.monitor.lateEvents());
            assertEquals(List.of(at("12:05:00"), at("11:40:00")), idle().stream().map(Violation::ts).toList());
        }

        @Test
        void idle_below_screen_lock_seconds_is_not_a_violation() {
            script.idle("PC-01", 60, "12:01:00");
            script.idle("PC-01", 299, "12:04:59");
            script.tick("13:00:00");

            assertEquals(List.of(), idle());
        }

        @Test
        void idle_for_exactly_screen_lock_seconds_is_a_violation_stamped_with_that_report() {
            script.idle("PC-01", 240, "12:04:00");
            PcStateEvent report = script.idle("PC-01", 300, "12:05:00");
            script.tick("13:00:00");

            Violation violation = script.one(Rule.SCREEN_LOCK_IDLE);
            assertEquals("hq", violation.site());
            assertEquals(at("12:05:00"), violation.ts());
            assertEquals("E001", violation.badge());
            assertEquals("pc:PC-01", violation.subject());
            assertEquals(List.of(report.eventId()), violation.sourceEventIds());
            assertEquals(Map.of("idleSeconds", 300L, "screenLockSeconds", 300L), violation.details());
        }

        @Test
        void the_violation_is_released_once_the_watermark_is_reorder_past_the_report() {
            script.idle("PC-01", 300, "12:05:00");

            assertEquals(List.of(), script.tick("12:05:04"));
            assertEquals(List.of(Rule.SCREEN_LOCK_IDLE), script.tick("12:05:05").stream().map(Violation::rule).toList());
        }

        @Test
        void one_idle_period_is_reported_once_however_many_idle_reports_follow() {
            script.idle("PC-01", 300, "12:05:00");
            script.idle("PC-01", 360, "12:06:00");
            script.idle("PC-01", 420, "12:07:00");
            script.idle("PC-01", 3600, "13:00:00");
            script.tick("14:00:00");

            Violation violation = script.one(Rule.SCREEN_LOCK_IDLE);
            assertEquals(at("12:05:00"), violation.ts());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ACTIVE", "LOCKED", "OFF"})
        void a_report_that_is_not_idle_ends_the_period_so_the_next_long_idle_is_reported_again(String state) {
            script.idle("PC-01", 300, "12:05:00");
            script.idle("PC-01", 360, "12:06:00");
            script.pc("PC-01", state, "12:10:00");
            script.idle("PC-01", 300, "12:15:00");
            script.idle("PC-01", 360, "12:16:00");
            script.tick("13:00:00");

            assertEquals(List.of(at("12:05:00"), at("12:15:00")), idle().stream().map(Violation::ts).toList());
        }

        @Test
        void a_short_idle_after_a_report_does_not_fire_but_the_long_one_after_it_does() {
            script.pc("PC-01", "ACTIVE", "12:00:00");
            script.idle("PC-01", 60, "12:01:00");
            script.idle("PC-01", 300, "12:05:00");
            script.tick("13:00:00");

            assertEquals(List.of(at("12:05:00")), idle().stream().map(Violation::ts).toList());
        }

        @Test
        void each_pc_has_its_own_idle_period() {
            script.idle("PC-01", 300, "12:05:00");
            script.idle("PC-02", 300, "12:05:00");
            script.idle("PC-01", 360, "12:06:00");
            script.idle("PC-02", 360, "12:06:00");
            script.tick("13:00:00");

            assertEquals(List.of("pc:PC-01", "pc:PC-02"), idle().stream().map(Violation::subject).sorted().toList());
            assertEquals(List.of("E001", "E002"), idle().stream().map(Violation::badge).sorted().toList());
        }

        @Test
        void the_user_named_in_the_report_is_charged() {
            script.idle("PC-01", 300, "12:05:00", "E003");
            script.tick("13:00:00");

            assertEquals("E003", script.one(Rule.SCREEN_LOCK_IDLE).badge());
        }

        @Test
        void idle_reports_arriving_out_of_order_within_the_margin_are_judged_in_ts_order() {
            // the 12:05:00 report is the one that first reaches screenLockSeconds, even though 12:05:03 arrived first
            script.idle("PC-01", 303, "12:05:03");
            PcStateEvent first = script.idle("PC-01", 300, "12:05:00");
            script.tick("13:00:00");

            Violation violation = script.one(Rule.SCREEN_LOCK_IDLE);
            assertEquals(at("12:05:00"), violation.ts());
            assertEquals(List.of(first.eventId()), violation.sourceEventIds());
        }
    }
}
