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

    private final GatewayScript s = new GatewayScript();

    private List<Violation> unescorted() {
        return s.of(Rule.VISITOR_UNESCORTED);
    }

    private List<Violation> notCheckedOut() {
        return s.of(Rule.VISITOR_NOT_CHECKED_OUT);
    }

    @Nested
    class Escort {

        @Test
        void a_host_badging_exactly_escort_seconds_later_escorts_even_when_it_arrives_exactly_reorder_seconds_behind() {
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("e-3", "10:01:05", "front", "E003", IN); // moves the watermark to the deadline + reorder
            s.badge("h-1", "10:01:00", "front", "E001", IN); // escortSeconds after the visitor, 5 s behind: on time
            s.clock("11:00:00");

            assertEquals(0, s.gateway.lateEvents());
            assertEquals(List.of(), s.of(Rule.VISITOR_UNESCORTED), "the same result as in order");
        }

        @Test
        void a_host_entering_just_before_the_visitor_escorts_them() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:30", "front", "V001", IN);

            s.clock("11:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void a_host_entering_just_after_the_visitor_escorts_them() {
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("h-1", "10:00:45", "front", "E001", IN);

            s.clock("11:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void the_decision_waits_for_event_time_to_reach_ts_plus_escort_plus_reorder_so_a_late_host_still_counts() {
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.clock("10:01:04"); // escort deadline 10:01:00 + reorder 5 s not yet reached

            s.badge("h-1", "10:01:00", "front", "E001", IN);
            s.clock("10:01:05");
            s.clock("11:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void a_host_exactly_escort_seconds_before_the_visitor_escorts_them() {
            s.badge("h-1", "09:59:00", "front", "E001", IN);
            s.badge("v-1", "10:00:00", "front", "V001", IN);

            s.clock("11:00:00");

            assertEquals(List.of(), unescorted());
        }

        @Test
        void a_host_exactly_escort_seconds_before_still_escorts_when_others_use_the_door_until_the_deadline() {
            s.badge("h-1", "09:59:00", "front", "E001", IN);
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("e-1", "10:00:30", "front", "E003", IN);
            s.badge("e-2", "10:01:00", "front", "E002", IN);

            s.clock("11:00:00");

            assertEquals(List.of(), unescorted());
        }

        @Test
        void a_host_exactly_escort_seconds_after_the_visitor_escorts_them() {
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("h-1", "10:01:00", "front", "E001", IN);

            s.clock("11:00:00");

            assertEquals(List.of(), unescorted());
        }

        @Test
        void a_host_one_second_more_than_escort_seconds_before_leaves_the_visitor_unescorted() {
            s.badge("h-1", "09:58:59", "front", "E001", IN);
            s.badge("v-1", "10:00:00", "front", "V001", IN);

            s.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
        }

        @Test
        void a_host_one_second_more_than_escort_seconds_after_leaves_the_visitor_unescorted() {
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("h-1", "10:01:01", "front", "E001", IN);

            s.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
        }

        @Test
        void a_visitor_without_host_at_the_door_is_reported_unescorted_once_the_watermark_passes_ts_plus_escort_plus_reorder() {
            s.badge("v-1", "10:00:00", "front", "V001", IN);

            assertEquals(List.of(), s.clock("10:01:00").violations(), "escortSeconds alone is not enough");
            assertEquals(List.of(), s.clock("10:01:05").violations(),
                    "the reorder margin is waited for too: a host badge stamped 10:01:00 would still be on time");
            List<Violation> due = s.clock("10:01:06").violations();

            assertEquals(1, due.size());
            Violation v = due.get(0);
            assertEquals(Rule.VISITOR_UNESCORTED, v.rule());
            assertEquals("V001", v.badge());
            assertEquals("door:front", v.subject());
            assertEquals(at("10:00:00"), v.ts());
            assertEquals("E001", v.details().get("host"));
            assertEquals(List.of("v-1"), v.sourceEventIds());
            assertEquals("hq", v.site());
        }

        @Test
        void a_host_passing_another_door_does_not_escort_the_visitor() {
            s.badge("h-1", "09:50:00", "front", "E001", IN);
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("h-2", "10:00:10", "office", "E001", IN);
            s.badge("v-2", "10:00:20", "office", "V001", IN);

            s.clock("11:00:00");

            List<Violation> found = unescorted();
            assertEquals(List.of("v-1"), sources(found), "escorted through the office door, not the front door");
            assertEquals("door:front", found.get(0).subject());
        }

        @Test
        void a_host_passing_the_same_door_the_other_way_does_not_escort_the_visitor() {
            s.badge("h-1", "09:50:00", "front", "E001", IN);
            s.badge("v-1", "10:00:00", "front", "V001", IN);
            s.badge("h-2", "10:00:10", "front", "E001", OUT);

            s.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
        }

        @Test
        void an_employee_who_is_not_the_host_does_not_escort_the_visitor() {
            s.badge("e-1", "10:00:00", "front", "E002", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);

            s.clock("11:00:00");

            assertEquals(List.of("v-1"), sources(unescorted()));
            assertEquals("E001", unescorted().get(0).details().get("host"));
        }

        @Test
        void a_host_refused_at_the_door_does_not_escort_the_visitor() {
            s.register("r-2", "09:00:00", "V002", "E001", Set.of("lobby", "office", "server-room"), "09:00:00", "18:00:00");
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:00", "front", "V002", IN);
            s.badge("h-2", "10:01:00", "office", "E001", IN);
            s.badge("v-2", "10:01:00", "office", "V002", IN);

            s.badge("v-3", "10:02:00", "server", "V002", IN);
            assertEquals("ZONE_NOT_ALLOWED", s.badge("h-3", "10:02:01", "server", "E001", IN).decision().reason());
            s.clock("11:00:00");

            assertEquals(List.of("v-3"), sources(unescorted()));
            assertEquals("door:server", unescorted().get(0).subject());
        }

        @Test
        void a_visitor_leaving_to_outside_needs_no_escort() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);
            s.badge("v-2", "10:30:00", "front", "V001", OUT);

            s.clock("11:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void a_visitor_moving_deeper_inside_alone_is_unescorted_even_if_escorted_at_the_front() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);
            s.badge("v-2", "10:10:00", "office", "V001", IN);

            s.clock("11:00:00");

            assertEquals(List.of("v-2"), sources(unescorted()));
            assertEquals("door:office", unescorted().get(0).subject());
        }

        @Test
        void a_refused_visitor_is_not_also_reported_unescorted() {
            s.badge("v-1", "09:00:00", "front", "V001", IN);

            s.clock("11:00:00");

            assertEquals(List.of(Rule.VISITOR_PASS_INVALID), s.emitted.stream().map(Violation::rule).toList());
        }
    }

    @Nested
    class Checkout {

        /** E001 and V001 enter together and go on to the office. */
        private void visitorInTheOffice() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);
            s.badge("h-2", "10:01:00", "office", "E001", IN);
            s.badge("v-2", "10:01:05", "office", "V001", IN);
        }

        @Test
        void a_visitor_still_inside_at_a_lockup_is_reported_at_the_lockups_ts_in_their_zone() {
            visitorInTheOffice();

            assertEquals(List.of(), s.lockup("x-1", "11:00:00", "E002").violations(), "held for the reorder margin");
            List<Violation> due = s.clock("11:00:05").violations();

            assertEquals(1, due.size());
            Violation v = due.get(0);
            assertEquals(Rule.VISITOR_NOT_CHECKED_OUT, v.rule());
            assertEquals("V001", v.badge());
            assertEquals("zone:office", v.subject());
            assertEquals(at("11:00:00"), v.ts());
            assertEquals("E001", v.details().get("host"));
            assertTrue(v.sourceEventIds().contains("x-1"), v.sourceEventIds().toString());
            assertEquals(List.of(), unescorted(), "control: the visit itself was escorted");
        }

        @Test
        void a_visitor_still_inside_at_valid_until_plus_grace_is_reported_at_that_ts() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);

            assertEquals(List.of(), s.clock("12:15:05").violations());
            List<Violation> due = s.clock("12:15:06").violations();

            assertEquals(1, due.size());
            Violation v = due.get(0);
            assertEquals(Rule.VISITOR_NOT_CHECKED_OUT, v.rule());
            assertEquals("V001", v.badge());
            assertEquals("zone:lobby", v.subject());
            assertEquals(at("12:15:00"), v.ts());
            assertEquals("E001", v.details().get("host"));
        }

        @Test
        void a_lockup_then_the_checkout_deadline_give_one_violation_at_the_lockup() {
            visitorInTheOffice();

            s.lockup("x-1", "11:00:00", "E001");
            s.clock("13:00:00");

            assertEquals(1, notCheckedOut().size());
            assertEquals(at("11:00:00"), notCheckedOut().get(0).ts());
        }

        @Test
        void the_checkout_deadline_then_a_lockup_give_one_violation_at_the_deadline() {
            visitorInTheOffice();

            s.clock("13:00:00");
            s.lockup("x-1", "20:00:00", "E001");
            s.clock("20:30:00");

            assertEquals(1, notCheckedOut().size());
            assertEquals(at("12:15:00"), notCheckedOut().get(0).ts());
        }

        @Test
        void two_lockups_give_one_violation() {
            visitorInTheOffice();

            s.lockup("x-1", "11:00:00", "E001");
            s.unlock("x-2", "11:10:00", "E001");
            s.lockup("x-3", "11:20:00", "E001");
            s.clock("11:30:00");

            assertEquals(1, notCheckedOut().size());
        }

        @Test
        void a_visitor_who_left_before_is_not_reported() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);
            s.badge("v-2", "11:30:00", "front", "V001", OUT);

            s.lockup("x-1", "19:00:00", "E001");
            s.clock("20:00:00");

            assertEquals(List.of(), notCheckedOut());
            assertEquals(at("20:00:00"), s.gateway.watermark(), "control: both triggers have passed");
        }

        @Test
        void a_visitor_leaving_at_exactly_the_deadline_is_not_reported() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);

            s.badge("v-2", "12:15:00", "front", "V001", OUT);
            s.clock("12:30:00");

            assertEquals(List.of(), notCheckedOut());
        }

        @Test
        void an_exit_published_after_the_lockup_but_earlier_in_event_time_counts() {
            s.badge("h-1", "10:00:00", "front", "E001", IN);
            s.badge("v-1", "10:00:05", "front", "V001", IN);

            s.lockup("x-1", "11:00:00", "E001");
            assertTrue(s.badge("v-2", "10:59:58", "front", "V001", OUT).decision().granted());
            s.clock("11:00:10");

            assertEquals(List.of(), notCheckedOut());
        }

        @Test
        void a_visitor_who_never_came_in_is_not_reported() {
            s.lockup("x-1", "11:00:00", "E001");
            s.clock("13:00:00");

            assertEquals(List.of(), s.emitted);
        }

        @Test
        void a_re_registered_pass_is_a_new_pass_that_can_be_reported_again() {
            visitorInTheOffice();
            s.lockup("x-1", "11:00:00", "E001");
            s.clock("11:00:05");
            assertEquals(1, notCheckedOut().size());

            s.register("r-2", "11:05:00", "V001", "E001", Set.of("lobby", "office"), "11:05:00", "11:30:00");
            s.clock("11:45:05");
            assertEquals(1, notCheckedOut().size());
            s.clock("11:45:06");

            List<Violation> found = notCheckedOut();
            assertEquals(2, found.size());
            assertEquals(at("11:45:00"), found.get(1).ts());
            assertEquals("zone:office", found.get(1).subject());
            assertNotEquals(found.get(0).id(), found.get(1).id());

            s.clock("13:00:00"); // the replaced pass's own deadline (12:15) stays silent
            assertEquals(2, notCheckedOut().size());
        }

        @Test
        void a_pass_replaced_before_its_deadline_is_checked_only_at_the_new_passs_deadline() {
            visitorInTheOffice();
            s.register("r-2", "11:00:00", "V001", "E001", Set.of("lobby", "office"), "11:00:00", "13:00:00");

            s.clock("13:15:05");
            assertEquals(List.of(), notCheckedOut(), "the old pass's deadline (12:15) is gone with the old pass");
            s.clock("13:15:06");

            assertEquals(1, notCheckedOut().size());
            assertEquals(at("13:15:00"), notCheckedOut().get(0).ts());
            assertEquals(List.of("r-2"), notCheckedOut().get(0).sourceEventIds());
        }

        @Test
        void the_same_facts_replayed_give_the_same_violation_id() {
            GatewayScript replay = new GatewayScript();
            for (GatewayScript g : List.of(s, replay)) {
                g.badge("h-1", "10:00:00", "front", "E001", IN);
                g.badge("v-1", "10:00:05", "front", "V001", IN);
                g.badge("v-2", "10:10:00", "office", "V001", IN);
                g.lockup("x-1", "11:00:00", "E001");
                g.clock("13:00:00");
            }

            assertEquals(2, s.emitted.size());
            assertEquals(s.emitted, replay.emitted);
        }
    }

    private static List<String> sources(List<Violation> violations) {
        return violations.stream().flatMap(v -> v.sourceEventIds().stream()).toList();
    }
}
