package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.core.model.Direction.IN;
import static org.officeguard.core.model.Direction.OUT;
import static org.officeguard.gateway.rules.GatewayScript.at;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/** VISITOR_UNESCORTED and VISITOR_NOT_CHECKED_OUT, driven through {@link DoorGateway} on event time. */
class VisitorWatchTest {

    private final GatewayScript script = new GatewayScript();

    private List<Violation> unescorted() {
        return script.of(Rule.VISITOR_UNESCORTED);
    }

    private List<Violation> notCheckedOut() {
        return script.of(Rule.VISITOR_NOT_CHECKED_OUT);
    }

    @Nested
    class Escort {

        @Test
        void a_host_badging_exactly_escort_seconds_later_escorts_even_when_it_arrives_exactly_reorder_seconds_behind() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("e-3", "10:01:05", "front", "E003", IN); // moves the watermark to the deadline + reorder
            script.badge("h-1", "10:01:00", "front", "E001", IN); // escortSeconds after the visitor, 5 s behind: on time
            script.clock("11:00:00");

            assertEquals(0, script.gateway.lateEvents());
            assertEquals(List.of(), script.of(Rule.VISITOR_UNESCORTED), "the same result as in order");
        }

        @Test
        void a_host_entering_just_before_the_visitor_escorts_them() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:30", "front", "V001", IN);

            script.clock("11:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void a_host_entering_just_after_the_visitor_escorts_them() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("h-1", "10:00:45", "front", "E001", IN);

            script.clock("11:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void the_decision_waits_for_event_time_to_reach_ts_plus_escort_plus_reorder_so_a_late_host_still_counts() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.clock("10:01:04"); // escort deadline 10:01:00 + reorder 5 s not yet reached

            script.badge("h-1", "10:01:00", "front", "E001", IN);
            script.clock("10:01:05");
            script.clock("11:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void a_host_exactly_escort_seconds_before_the_visitor_escorts_them() {
            script.badge("h-1", "09:59:00", "front", "E001", IN);
            script.badge("v-1", "10:00:00", "front", "V001", IN);

            script.clock("11:00:00");

            assertEquals(List.of(), unescorted());
        }

        @Test
        void a_host_exactly_escort_seconds_before_still_escorts_when_others_use_the_door_until_the_deadline() {
            script.badge("h-1", "09:59:00", "front", "E001", IN);
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("e-1", "10:00:30", "front", "E003", IN);
            script.badge("e-2", "10:01:00", "front", "E002", IN);

            script.clock("11:00:00");

            assertEquals(List.of(), unescorted());
        }

        @Test
        void a_host_exactly_escort_seconds_after_the_visitor_escorts_them() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("h-1", "10:01:00", "front", "E001", IN);

            script.clock("11:00:00");

            assertEquals(List.of(), unescorted());
        }

        @Test
        void a_host_one_second_more_than_escort_seconds_before_leaves_the_visitor_unescorted() {
            script.badge("h-1", "09:58:59", "front", "E001", IN);
            script.badge("v-1", "10:00:00", "front", "V001", IN);

            script.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
        }

        @Test
        void a_host_one_second_more_than_escort_seconds_after_leaves_the_visitor_unescorted() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("h-1", "10:01:01", "front", "E001", IN);

            script.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
        }

        @Test
        void a_visitor_without_host_at_the_door_is_reported_unescorted_once_the_watermark_passes_ts_plus_escort_plus_reorder() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);

            assertEquals(List.of(), script.clock("10:01:00").violations(), "escortSeconds alone is not enough");
            assertEquals(List.of(), script.clock("10:01:05").violations(),
                    "the reorder margin is waited for too: a host badge stamped 10:01:00 would still be on time");
            List<Violation> due = script.clock("10:01:06").violations();

            assertEquals(1, due.size());
            Violation violation = due.get(0);
            assertEquals(Rule.VISITOR_UNESCORTED, violation.rule());
            assertEquals("V001", violation.badge());
            assertEquals("door:front", violation.subject());
            assertEquals(at("10:00:00"), violation.ts());
            assertEquals("E001", violation.details().get("host"));
            assertEquals(List.of("v-1"), violation.sourceEventIds());
            assertEquals("hq", violation.site());
        }

        @Test
        void a_host_passing_another_door_does_not_escort_the_visitor() {
            script.badge("h-1", "09:50:00", "front", "E001", IN);
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("h-2", "10:00:10", "office", "E001", IN);
            script.badge("v-2", "10:00:20", "office", "V001", IN);

            script.clock("11:00:00");

            List<Violation> found = unescorted();
            assertEquals(List.of("v-1"), sources(found), "escorted through the office door, not the front door");
            assertEquals("door:front", found.get(0).subject());
        }

        @Test
        void a_host_passing_the_same_door_the_other_way_does_not_escort_the_visitor() {
            script.badge("h-1", "09:50:00", "front", "E001", IN);
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.badge("h-2", "10:00:10", "front", "E001", OUT);

            script.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
        }

        @Test
        void an_employee_who_is_not_the_host_does_not_escort_the_visitor() {
            script.badge("e-1", "10:00:00", "front", "E002", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);

            script.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
            assertEquals("E001", unescorted().get(0).details().get("host"));
        }

        @Test
        void a_host_refused_at_the_door_does_not_escort_the_visitor() {
            script.register("r-2", "09:00:00", "V002", "E001", Set.of("lobby", "office", "server-room"), "09:00:00",
                    "18:00:00");
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:00", "front", "V002", IN);
            script.badge("h-2", "10:01:00", "office", "E001", IN);
            script.badge("v-2", "10:01:00", "office", "V002", IN);

            script.badge("v-3", "10:02:00", "server", "V002", IN);
            assertEquals("ZONE_NOT_ALLOWED", script.badge("h-3", "10:02:01", "server", "E001", IN).decision().reason());
            script.clock("11:00:00");

            assertEquals(List.of("v-3"), sources(unescorted()));
            assertEquals("door:server", unescorted().get(0).subject());
        }

        @Test
        void a_visitor_leaving_to_outside_needs_no_escort() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);
            script.badge("v-2", "10:30:00", "front", "V001", OUT);

            script.clock("11:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void a_visitor_moving_deeper_inside_alone_is_unescorted_even_if_escorted_at_the_front() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);
            script.badge("v-2", "10:10:00", "office", "V001", IN);

            script.clock("11:00:00");

            assertEquals(List.of("v-2"), sources(unescorted()));
            assertEquals("door:office", unescorted().get(0).subject());
        }

        @Test
        void a_refused_visitor_is_not_also_reported_unescorted() {
            script.badge("v-1", "09:00:00", "front", "V001", IN);

            script.clock("11:00:00");

            assertEquals(List.of(Rule.VISITOR_PASS_INVALID), script.emitted.stream().map(Violation::rule).toList());
        }
    }

    @Nested
    class Checkout {

        /** E001 and V001 enter together and go on to the office. */
        private void visitorInTheOffice() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);
            script.badge("h-2", "10:01:00", "office", "E001", IN);
            script.badge("v-2", "10:01:05", "office", "V001", IN);
        }

        @Test
        void a_visitor_still_inside_at_a_lockup_is_reported_at_the_lockups_ts_in_their_zone() {
            visitorInTheOffice();

            assertEquals(List.of(), script.lockup("x-1", "11:00:00", "E002").violations(),
                    "held for the reorder margin");
            List<Violation> due = script.clock("11:00:05").violations();

            assertEquals(1, due.size());
            Violation violation = due.get(0);
            assertEquals(Rule.VISITOR_NOT_CHECKED_OUT, violation.rule());
            assertEquals("V001", violation.badge());
            assertEquals("zone:office", violation.subject());
            assertEquals(at("11:00:00"), violation.ts());
            assertEquals("E001", violation.details().get("host"));
            assertTrue(violation.sourceEventIds().contains("x-1"), violation.sourceEventIds().toString());
            assertEquals(List.of(), unescorted(), "control: the visit itself was escorted");
        }

        @Test
        void a_visitor_still_inside_at_valid_until_plus_grace_is_reported_at_that_ts() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);

            assertEquals(List.of(), script.clock("12:15:05").violations());
            List<Violation> due = script.clock("12:15:06").violations();

            assertEquals(1, due.size());
            Violation violation = due.get(0);
            assertEquals(Rule.VISITOR_NOT_CHECKED_OUT, violation.rule());
            assertEquals("V001", violation.badge());
            assertEquals("zone:lobby", violation.subject());
            assertEquals(at("12:15:00"), violation.ts());
            assertEquals("E001", violation.details().get("host"));
        }

        @Test
        void a_lockup_then_the_checkout_deadline_give_one_violation_at_the_lockup() {
            visitorInTheOffice();

            script.lockup("x-1", "11:00:00", "E001");
            script.clock("13:00:00");

            assertEquals(1, notCheckedOut().size());
            assertEquals(at("11:00:00"), notCheckedOut().get(0).ts());
        }

        @Test
        void the_checkout_deadline_then_a_lockup_give_one_violation_at_the_deadline() {
            visitorInTheOffice();

            script.clock("13:00:00");
            script.lockup("x-1", "20:00:00", "E001");
            script.clock("20:30:00");

            assertEquals(1, notCheckedOut().size());
            assertEquals(at("12:15:00"), notCheckedOut().get(0).ts());
        }

        @Test
        void two_lockups_give_one_violation() {
            visitorInTheOffice();

            script.lockup("x-1", "11:00:00", "E001");
            script.unlock("x-2", "11:10:00", "E001");
            script.lockup("x-3", "11:20:00", "E001");
            script.clock("11:30:00");

            assertEquals(1, notCheckedOut().size());
        }

        @Test
        void a_visitor_who_left_before_is_not_reported() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);
            script.badge("v-2", "11:30:00", "front", "V001", OUT);

            script.lockup("x-1", "19:00:00", "E001");
            script.clock("20:00:00");

            assertEquals(List.of(), notCheckedOut());
            assertEquals(at("20:00:00"), script.gateway.watermark(), "control: both triggers have passed");
        }

        @Test
        void a_visitor_leaving_at_exactly_the_deadline_is_not_reported() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);

            script.badge("v-2", "12:15:00", "front", "V001", OUT);
            script.clock("12:30:00");

            assertEquals(List.of(), notCheckedOut());
        }

        @Test
        void an_exit_published_after_the_lockup_but_earlier_in_event_time_counts() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:05", "front", "V001", IN);

            script.lockup("x-1", "11:00:00", "E001");
            assertTrue(script.badge("v-2", "10:59:58", "front", "V001", OUT).decision().granted());
            script.clock("11:00:10");

            assertEquals(List.of(), notCheckedOut());
        }

        @Test
        void a_visitor_who_never_came_in_is_not_reported() {
            script.lockup("x-1", "11:00:00", "E001");
            script.clock("13:00:00");

            assertEquals(List.of(), script.emitted);
        }

        @Test
        void a_re_registered_pass_is_a_new_pass_that_can_be_reported_again() {
            visitorInTheOffice();
            script.lockup("x-1", "11:00:00", "E001");
            script.clock("11:00:05");
            assertEquals(1, notCheckedOut().size());

            script.register("r-2", "11:05:00", "V001", "E001", Set.of("lobby", "office"), "11:05:00", "11:30:00");
            script.clock("11:45:05");
            assertEquals(1, notCheckedOut().size());
            script.clock("11:45:06");

            List<Violation> found = notCheckedOut();
            assertEquals(2, found.size());
            assertEquals(at("11:45:00"), found.get(1).ts());
            assertEquals("zone:office", found.get(1).subject());
            assertNotEquals(found.get(0).id(), found.get(1).id());

            script.clock("13:00:00"); // the replaced pass's own deadline (12:15) stays silent
            assertEquals(2, notCheckedOut().size());
        }

        @Test
        void a_pass_replaced_before_its_deadline_is_checked_only_at_the_new_passs_deadline() {
            visitorInTheOffice();
            script.register("r-2", "11:00:00", "V001", "E001", Set.of("lobby", "office"), "11:00:00", "13:00:00");

            script.clock("13:15:05");
            assertEquals(List.of(), notCheckedOut(), "the old pass's deadline (12:15) is gone with the old pass");
            script.clock("13:15:06");

            assertEquals(1, notCheckedOut().size());
            assertEquals(at("13:15:00"), notCheckedOut().get(0).ts());
            assertEquals(List.of("r-2"), notCheckedOut().get(0).sourceEventIds());
        }

        @Test
        void the_same_facts_replayed_give_the_same_violation_id() {
            GatewayScript replay = new GatewayScript();
            for (GatewayScript run : List.of(script, replay)) {
                run.badge("h-1", "10:00:00", "front", "E001", IN);
                run.badge("v-1", "10:00:05", "front", "V001", IN);
                run.badge("v-2", "10:10:00", "office", "V001", IN);
                run.lockup("x-1", "11:00:00", "E001");
                run.clock("13:00:00");
            }

            assertEquals(2, script.emitted.size());
            assertEquals(script.emitted, replay.emitted);
        }
    }

    private static List<String> sources(List<Violation> violations) {
        return violations.stream().flatMap(v -> v.sourceEventIds().stream()).toList();
    }
}
