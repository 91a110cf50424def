package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.monitor.rules.LockoutScript.at;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.ViolationIds;

/** The lockout-monitor engine of one site: redelivery, denied decisions, event time, bad input, violation ids. */
class LockoutMonitorTest {

    private final LockoutScript script = new LockoutScript();

    @Nested
    class Redelivery {

        @Test
        void a_redelivered_decision_moves_nobody_back_and_gives_no_second_violation() {
            script.pass("E001", "front", "IN", "08:00:00");
            Decision in = script.pass("E001", "office", "IN", "08:00:00");
            script.pc("PC-01", "ACTIVE", "08:01:00");
            Decision out = script.pass("E001", "office", "OUT", "12:00:00");
            script.pass("E001", "front", "OUT", "12:00:10");
            script.tick("12:01:00");

            script.again(in); // applied again, it would put E001 back in the office
            script.again(out); // applied again, it would be a second departure from PC-01
            script.tick("13:00:00");

            assertEquals(0, script.monitor.occupancy());
            assertEquals(0, script.monitor.lateEvents());
            assertEquals(List.of(Rule.LEFT_PC_UNLOCKED, Rule.LOCKUP_MISSING, Rule.PC_LEFT_ON), script.rules());
        }

        @Test
        void a_redelivered_idle_report_is_not_a_second_idle_period() {
            PcStateEvent idle = script.idle("PC-01", 300, "12:05:00");
            script.again(idle); // at once, within the margin
            script.pc("PC-01", "ACTIVE", "12:10:00");
            script.tick("12:20:00");
            script.again(idle); // long after: applied again, it would open a new idle period
            script.tick("13:00:00");

            assertEquals(1, script.of(Rule.SCREEN_LOCK_IDLE).size());
            assertEquals(0, script.monitor.lateEvents());
        }

        @Test
        void a_redelivered_lock_report_does_not_excuse_a_later_departure() {
            script.enterOffice("E001", "08:00:00");
            PcStateEvent locked = script.pc("PC-01", "LOCKED", "11:00:00");
            script.pc("PC-01", "ACTIVE", "11:30:00");
            script.pass("E001", "office", "OUT", "12:00:00");
            script.again(locked);
            script.tick("13:00:00");

            assertEquals(1, script.of(Rule.LEFT_PC_UNLOCKED).size());
        }

        @Test
        void a_redelivered_lockup_gives_no_second_violation() {
            script.enterOffice("E001", "08:00:00");
            script.enterOffice("E002", "08:00:00");
            script.pc("PC-01", "ACTIVE", "08:01:00");
            LastExitEvent lockup = script.lockup("E001", "19:00:00");
            script.again(lockup);
            script.tick("19:10:00");
            script.again(lockup);
            script.tick("19:20:00");

            assertEquals(List.of(Rule.LOCKUP_WITH_OCCUPANTS, Rule.PC_LEFT_ON), script.rules());
        }

        @Test
        void a_redelivered_morning_unlock_does_not_undo_the_evening_lockup() {
            LastExitEvent unlock = script.unlock("E001", "07:00:00");
            script.enterOffice("E001", "08:00:00");
            script.lockup("E001", "19:00:00");
            script.leaveOffice("E001", "19:00:30");
            script.tick("19:01:00");
            script.again(unlock); // applied again, the site would no longer be locked up
            script.tick("23:00:00");

            assertEquals(List.of(), script.emitted);
            assertTrue(script.monitor.lockedUp());
        }

        @Test
        void a_whole_day_delivered_twice_gives_the_same_violations_as_once() {
            LockoutScript once = new LockoutScript();
            LockoutScript twice = new LockoutScript();
            Day.play(once, e -> {});
            Day.play(twice, e -> Day.redeliver(twice, e));

            assertEquals(ids(once.emitted), ids(twice.emitted));
        }
    }

    @Nested
    class Decisions {

        @Test
        void a_denied_decision_moves_nobody_so_no_pc_is_left() {
            script.enterOffice("E003", "08:00:00");
            script.pc("PC-03", "ACTIVE", "08:01:00");
            script.denied("E003", "server", "IN", "12:00:00", "ZONE_NOT_ALLOWED");
            script.tick("13:00:00");

            assertEquals(List.of(), script.emitted);
            assertEquals(1, script.monitor.occupancy());
        }

        @Test
        void a_denied_entry_from_outside_does_not_end_the_lockup() {
            script.enterOffice("E001", "08:00:00");
            script.lockup("E001", "19:00:00");
            script.leaveOffice("E001", "19:00:30");
            script.denied("E003", "front", "IN", "20:00:00", "ANTI_PASSBACK");
            script.tick("23:00:00");

            assertEquals(List.of(), script.emitted);
            assertTrue(script.monitor.lockedUp());
            assertEquals(0, script.monitor.occupancy());
        }

        @Test
        void a_denied_decision_still_moves_the_watermark() {
            script.denied("E003", "server", "IN", "12:00:00", "ZONE_NOT_ALLOWED");

            assertEquals(at("12:00:00"), script.monitor.watermark());
        }
    }

    @Nested
    class EventTime {

        @Test
        void the_watermark_is_the_largest_ts_from_any_input_and_never_goes_back() {
            assertNull(script.monitor.watermark());
            script.tick("12:00:00");
            script.pc("PC-01", "ACTIVE", "11:59:58");
            assertEquals(at("12:00:00"), script.monitor.watermark());
            script.pass("E001", "front", "IN", "12:00:10");
            assertEquals(at("12:00:10"), script.monitor.watermark());
            script.lockup("E002", "12:00:20");
            assertEquals(at("12:00:20"), script.monitor.watermark());
            script.tick("11:00:00");
            assertEquals(at("12:00:20"), script.monitor.watermark());
        }

        @Test
        void an_event_exactly_reorder_seconds_behind_is_not_late() {
            script.tick("12:00:00");
            script.idle("PC-01", 300, "11:59:55");

            assertEquals(0, script.monitor.lateEvents());
            assertEquals(List.of(Rule.SCREEN_LOCK_IDLE), script.rules());
        }

        @Test
        void a_late_report_is_applied_at_once_and_counted() {
            script.tick("12:00:00");
            List<Violation> returned = script.monitor.onPcState(
                    new PcStateEvent("late-1", at("11:59:54"), "PC-01", PcState.IDLE, 300, null));

            assertEquals(1, script.monitor.lateEvents());
            assertEquals(List.of(Rule.SCREEN_LOCK_IDLE), returned.stream().map(Violation::rule).toList());
            assertEquals(at("11:59:54"), returned.get(0).ts());
        }

        @Test
        void a_late_exit_is_applied_at_once_and_its_overdue_deadline_fires_with_it() {
            script.enterOffice("E001", "08:00:00");
            script.tick("12:00:00");
            script.pass("E001", "office", "OUT", "11:00:00");
            assertEquals(1, script.monitor.lateEvents());
            script.pass("E001", "front", "OUT", "11:00:00");

            assertEquals(0, script.monitor.occupancy());
            assertEquals(2, script.monitor.lateEvents());
            assertEquals(List.of(Rule.LOCKUP_MISSING), script.returned.stream().map(Violation::rule).toList());
            assertEquals(at("11:00:00"), script.returned.get(0).ts());
        }

        @Test
        void events_held_for_reordering_are_not_applied_before_the_watermark_passes_them() {
            script.enterOffice("E001", "08:00:00");
            script.tick("08:00:05");
            assertEquals(1, script.monitor.occupancy());

            script.leaveOffice("E001", "12:00:00");
            assertEquals(1, script.monitor.occupancy()); // held: the watermark is at 12:00:00
            script.tick("12:00:05");
            assertEquals(0, script.monitor.occupancy());
        }

        @Test
        void the_same_facts_arriving_out_of_order_within_the_margin_give_the_same_violations() {
            LockoutScript factory = new LockoutScript();
            Decision frontIn = factory.decision("E001", "front", "IN", "08:00:00", true, "OK");
            Decision officeIn = factory.decision("E001", "office", "IN", "08:00:01", true, "OK");
            PcStateEvent active = new PcStateEvent("p-1", at("08:01:00"), "PC-01", PcState.ACTIVE, 0, null);
            PcStateEvent idle300 = new PcStateEvent("p-2", at("12:05:00"), "PC-01", PcState.IDLE, 300, null);
            PcStateEvent idle303 = new PcStateEvent("p-3", at("12:05:03"), "PC-01", PcState.IDLE, 303, null);
            Decision officeOut = factory.decision("E001", "office", "OUT", "18:59:57", true, "OK");
            PcStateEvent locked = new PcStateEvent("p-4", at("18:59:58"), "PC-01", PcState.LOCKED, 0, null);
            LastExitEvent lockup = new LastExitEvent("x-1", at("18:59:59"), "E001", LastExitAction.LOCKUP);
            Decision frontOut = factory.decision("E001", "front", "OUT", "19:00:00", true, "OK");

            List<Violation> ordered = deliver(
                    List.of(frontIn, officeIn, active, idle300, idle303, officeOut, locked, lockup, frontOut));
            List<Violation> reordered = deliver(
                    List.of(officeIn, frontIn, active, idle303, idle300, frontOut, lockup, locked, officeOut));

            assertEquals(List.of(Rule.SCREEN_LOCK_IDLE, Rule.PC_LEFT_ON), ordered.stream().map(Violation::rule).toList());
            assertEquals(List.of("p-2"), ordered.get(0).sourceEventIds());
            assertEquals("LOCKED", ordered.get(1).details().get("state"));
            assertEquals(ordered, reordered);
        }

        private static List<Violation> deliver(List<Object> events) {
            LockoutMonitor monitor = new LockoutMonitor(LockoutScript.CONFIG);
            List<Violation> out = new ArrayList<>();
            for (Object event : events) {
                if (event instanceof Decision decision) {
                    out.addAll(monitor.onDecision(decision));
                } else if (event instanceof PcStateEvent pcState) {
                    out.addAll(monitor.onPcState(pcState));
                } else {
                    out.addAll(monitor.onLastExit((LastExitEvent) event));
                }
            }
            out.addAll(monitor.onClock(at("23:00:00")));
            assertEquals(0, monitor.lateEvents());
            return out;
        }
    }

    @Nested
    class BadInput {

        @Test
        void a_report_from_an_unknown_pc_is_invalid_input() {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> script.monitor.onPcState(
                    new PcStateEvent("p-1", at("12:00:00"), "PC-99", PcState.ACTIVE, 0, null)));

            assertTrue(refused.getMessage().contains("unknown PC 'PC-99'"), refused.getMessage());
            assertNull(script.monitor.watermark());
        }

        @Test
        void a_decision_at_an_unknown_door_is_invalid_input() {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> script.monitor.onDecision(
                    new Decision("d-1", at("12:00:00"), "hq", "garage", "E001", Direction.IN, "outside", "lobby",
                            true, "OK")));

            assertTrue(refused.getMessage().contains("unknown door 'garage'"), refused.getMessage());
            assertNull(script.monitor.watermark());
        }

        @Test
        void a_decision_naming_another_site_is_invalid_input_and_moves_nobody() {
            assertThrows(InvalidInputException.class, () -> script.monitor.onDecision(
                    new Decision("d-1", at("12:00:00"), "branch", "front", "E001", Direction.IN, "outside", "lobby",
                            true, "OK")));
            script.tick("12:00:10");

            assertEquals(0, script.monitor.occupancy());
        }

        @Test
        void an_invalid_input_does_not_use_up_its_event_id() {
            assertThrows(InvalidInputException.class, () -> script.monitor.onDecision(
                    new Decision("d-1", at("12:00:00"), "branch", "front", "E001", Direction.IN, "outside", "lobby",
                            true, "OK")));
            script.monitor.onDecision(new Decision("d-1", at("12:00:00"), "hq", "front", "E001", Direction.IN, "outside",
                    "lobby", true, "OK"));
            script.tick("12:00:10");

            assertEquals(1, script.monitor.occupancy());
        }
    }

    @Nested
    class ViolationIdentity {

        @Test
        void the_same_facts_give_the_same_ids() {
            LockoutScript first = new LockoutScript();
            LockoutScript second = new LockoutScript();
            Day.play(first, e -> {});
            Day.play(second, e -> {});

            assertEquals(EnumSet.of(Rule.SCREEN_LOCK_IDLE, Rule.LEFT_PC_UNLOCKED, Rule.LOCKUP_MISSING,
                    Rule.LOCKUP_WITH_OCCUPANTS, Rule.PC_LEFT_ON), EnumSet.copyOf(first.rules()));
            assertEquals(first.emitted, second.emitted);
        }

        @Test
        void ids_are_derived_from_site_rule_subject_and_sources_and_differ_between_violations() {
            Day.play(script, e -> {});

            Set<String> distinct = new HashSet<>();
            for (Violation violation : script.emitted) {
                assertEquals(ViolationIds.of("hq", violation.rule(), violation.subject(), violation.sourceEventIds()),
                        violation.id());
                assertTrue(distinct.add(violation.id()), "duplicate id " + violation);
            }
        }
    }

    private static List<String> ids(List<Violation> violations) {
        return violations.stream().map(Violation::id).sorted().toList();
    }

    /** A day that breaks all five lockout rules; {@code each} sees every event after its first delivery. */
    private static final class Day {

        static void play(LockoutScript script, Consumer<Object> each) {
            each.accept(script.pass("E001", "front", "IN", "08:00:00"));
            each.accept(script.pass("E001", "office", "IN", "08:00:05"));
            each.accept(script.pass("E002", "front", "IN", "08:10:00"));
            each.accept(script.pass("E002", "office", "IN", "08:10:05"));
            each.accept(script.pc("PC-01", "ACTIVE", "08:11:00"));
            each.accept(script.pc("PC-02", "ACTIVE", "08:12:00"));
            each.accept(script.idle("PC-01", 300, "10:05:00")); // SCREEN_LOCK_IDLE
            each.accept(script.idle("PC-01", 360, "10:06:00"));
            each.accept(script.pass("E001", "office", "OUT", "12:00:00")); // LEFT_PC_UNLOCKED
            each.accept(script.pass("E001", "front", "OUT", "12:00:10"));
            each.accept(script.pass("E002", "office", "OUT", "12:01:00")); // LEFT_PC_UNLOCKED, PC-02
            each.accept(script.pass("E002", "front", "OUT", "12:01:10")); // empty: LOCKUP_MISSING + PC_LEFT_ON x2
            each.accept(script.tick("13:00:00"));
            each.accept(script.pass("E002", "front", "IN", "13:10:00"));
            each.accept(script.pass("E002", "office", "IN", "13:10:05"));
            each.accept(script.pass("E001", "front", "IN", "13:20:00"));
            each.accept(script.lockup("E001", "19:00:00")); // LOCKUP_WITH_OCCUPANTS [E002] + PC_LEFT_ON x2
            each.accept(script.pass("E001", "front", "OUT", "19:00:30"));
            each.accept(script.tick("23:00:00"));
        }

        /** Delivers an event again, as the broker may; a tick's result is not an event. */
        static void redeliver(LockoutScript script, Object event) {
            if (event instanceof Decision decision) {
                script.again(decision);
            } else if (event instanceof PcStateEvent pcState) {
                script.again(pcState);
            } else if (event instanceof LastExitEvent lastExit) {
                script.again(lastExit);
            }
        }
    }
}
