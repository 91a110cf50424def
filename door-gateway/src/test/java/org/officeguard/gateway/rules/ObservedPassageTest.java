package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * SPEC §3's observed passages at the door: the reader's verdict is the decision and moves the holder, officeguard's
 * own verdict is the reason, steps 1–4 report as usual, and a violation of the step that refuses a passage the
 * reader let through carries {@code details.grantedByDevice: true}.
 */
class ObservedPassageTest extends DoorAccessCase {

    /** The reader let the holder through what officeguard refuses: granted, officeguard's reason, marked, moved. */
    private void assertLetThrough(DoorAccess.Outcome outcome, Rule refusal, String location) {
        Decision decision = outcome.decision();
        assertTrue(decision.granted(), "the reader's verdict: " + decision);
        assertEquals(refusal.name(), decision.reason(), "officeguard's own reason");
        assertTrue(decision.decidedByDevice());
        assertEquals(List.of(refusal), rules(outcome));
        assertEquals(true, outcome.violations().get(0).details().get("grantedByDevice"));
        assertEquals(location, access.locationOf(decision.badge()));
    }

    private static void assertUnmarked(DoorAccess.Outcome outcome) {
        for (Violation violation : outcome.violations()) {
            assertFalse(violation.details().containsKey("grantedByDevice"), "unmarked: " + violation);
        }
    }

    @Nested
    class ReaderGrantsWhatTheSiteRefuses {

        @Test
        void step_1_an_unknown_badge_moves_like_a_holder() {
            DoorAccess.Outcome in = observed("10:00:00", "front", "X999", Direction.IN, true);

            assertLetThrough(in, Rule.UNKNOWN_BADGE, "lobby");
            assertEquals(Map.of("direction", "IN", "grantedByDevice", true), in.violations().get(0).details());

            DoorAccess.Outcome out = observed("10:30:00", "front", "X999", Direction.OUT, true);

            assertLetThrough(out, Rule.UNKNOWN_BADGE, "outside");
        }

        @Test
        void step_2_a_visitor_outside_the_pass() {
            DoorAccess.Outcome outcome = observed("09:00:00", "front", "V001", Direction.IN, true);

            assertLetThrough(outcome, Rule.VISITOR_PASS_INVALID, "lobby");
            assertEquals("E001", outcome.violations().get(0).details().get("host"));
        }

        @Test
        void step_3_a_zone_the_holder_may_not_enter() {
            assertGranted(badge("10:00:00", "front", "E001", Direction.IN));
            assertGranted(badge("10:01:00", "office", "E001", Direction.IN));

            DoorAccess.Outcome outcome = observed("10:02:00", "server", "E001", Direction.IN, true);

            assertLetThrough(outcome, Rule.ZONE_NOT_ALLOWED, "server-room");
            assertEquals("server-room", outcome.violations().get(0).details().get("zone"));
        }

        @Test
        void step_4_under_hard_anti_passback() {
            hard();

            DoorAccess.Outcome outcome = observed("10:00:00", "office", "E001", Direction.IN, true);

            assertLetThrough(outcome, Rule.ANTI_PASSBACK, "office");
            assertEquals("hard", outcome.violations().get(0).details().get("mode"));
        }

        @Test
        void step_4_under_soft_anti_passback_is_a_grant_of_the_site_too_so_the_reason_is_ok_and_nothing_is_marked() {
            DoorAccess.Outcome outcome = observed("10:00:00", "office", "E001", Direction.IN, true);

            assertTrue(outcome.decision().granted());
            assertEquals("OK", outcome.decision().reason());
            assertTrue(outcome.decision().decidedByDevice());
            assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
            assertUnmarked(outcome);
            assertEquals("office", access.locationOf("E001"));
        }

        @Test
        void the_holder_is_where_the_reader_let_them_go() {
            hard();
            observed("09:00:00", "front", "V002", Direction.IN, true); // VISITOR_PASS_INVALID, let through

            // officeguard decides the next one: under hard anti-passback it would refuse a visitor not in the lobby
            DoorAccess.Outcome next = badge("10:05:00", "office", "V002", Direction.IN);

            assertGranted(next);
            assertEquals(List.of(), next.violations());
            assertEquals("office", access.locationOf("V002"));
        }
    }

    @Nested
    class ReaderDeniesWhatTheSiteGrants {

        @Test
        void nobody_moves_and_the_reason_is_ok() {
            DoorAccess.Outcome outcome = observed("10:00:00", "front", "E001", Direction.IN, false);

            assertFalse(outcome.decision().granted());
            assertEquals("OK", outcome.decision().reason());
            assertTrue(outcome.decision().decidedByDevice());
            assertEquals(List.of(), outcome.violations());
            assertEquals("outside", access.locationOf("E001"));

            // still outside: entering the office from the lobby is anti-passback
            assertEquals(List.of(Rule.ANTI_PASSBACK), rules(badge("10:01:00", "office", "E001", Direction.IN)));
        }

        @Test
        void soft_anti_passback_is_still_reported_unmarked() {
            DoorAccess.Outcome outcome = observed("10:00:00", "office", "E001", Direction.IN, false);

            assertFalse(outcome.decision().granted());
            assertEquals("OK", outcome.decision().reason());
            assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
            assertUnmarked(outcome);
            assertEquals("outside", access.locationOf("E001"));
        }

        @Test
        void a_visitor_the_reader_keeps_inside_stays_inside() {
            assertGranted(badge("10:00:00", "front", "V001", Direction.IN));

            DoorAccess.Outcome outcome = observed("13:00:00", "front", "V001", Direction.OUT, false);

            assertFalse(outcome.decision().granted());
            assertEquals("OK", outcome.decision().reason());
            assertEquals("lobby", access.locationOf("V001"));
        }
    }

    @Nested
    class ReaderAndSiteAgree {

        @Test
        void a_grant_of_both_reports_what_a_native_grant_reports() {
            DoorAccess reference = new DoorAccess(SOFT);
            BadgeEvent nativeEvent = new BadgeEvent("b-x", at("06:30:00"), "front", "E001", Direction.OUT);
            DoorAccess.Outcome expected = reference.decide(nativeEvent, SOFT.door("front").orElseThrow(), holder("E001"));

            DoorAccess.Outcome outcome = access.decide(new BadgeEvent("b-x", at("06:30:00"), "front", "E001",
                    Direction.OUT, true), SOFT.door("front").orElseThrow(), holder("E001"));

            assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
            assertEquals(expected.violations(), outcome.violations(), "same ids, same details");
            assertEquals(withDevice(expected.decision()), outcome.decision());
        }

        @Test
        void a_refusal_of_both_reports_what_a_native_refusal_reports() {
            DoorAccess reference = new DoorAccess(SOFT);
            BadgeEvent nativeEvent = new BadgeEvent("b-x", at("10:00:00"), "office", "E003", Direction.IN);
            DoorAccess.Outcome expected = reference.decide(nativeEvent, SOFT.door("office").orElseThrow(), holder("E003"));

            DoorAccess.Outcome outcome = access.decide(new BadgeEvent("b-x", at("10:00:00"), "office", "E003",
                    Direction.IN, false), SOFT.door("office").orElseThrow(), holder("E003"));

            assertEquals(List.of(Rule.ZONE_NOT_ALLOWED), rules(outcome));
            assertEquals(expected.violations(), outcome.violations(), "same ids, unmarked");
            assertEquals(withDevice(expected.decision()), outcome.decision());
            assertFalse(outcome.decision().granted());
            assertEquals("outside", access.locationOf("E003"));
        }

        private static Decision withDevice(Decision decision) {
            return new Decision(decision.eventId(), decision.ts(), decision.site(), decision.door(), decision.badge(),
                    decision.direction(), decision.origin(), decision.destination(), decision.granted(),
                    decision.reason(), true);
        }
    }

    @Nested
    class AfterHours {

        @Test
        void an_entry_the_reader_grants_after_hours_is_after_hours_entry() {
            DoorAccess.Outcome outcome = observed("06:00:00", "front", "E001", Direction.IN, true);

            assertEquals(List.of(Rule.AFTER_HOURS_ENTRY), rules(outcome));
            assertUnmarked(outcome);
        }

        @Test
        void an_entry_the_reader_denies_after_hours_is_not() {
            assertEquals(List.of(), observed("06:00:00", "front", "E001", Direction.IN, false).violations());
        }

        @Test
        void an_unknown_badge_the_reader_lets_in_after_hours_has_no_after_hours_permission() {
            DoorAccess.Outcome outcome = observed("06:00:00", "front", "X999", Direction.IN, true);

            assertEquals(List.of(Rule.UNKNOWN_BADGE, Rule.AFTER_HOURS_ENTRY), rules(outcome));
            assertEquals(true, outcome.violations().get(0).details().get("grantedByDevice"));
            assertFalse(outcome.violations().get(1).details().containsKey("grantedByDevice"),
                    "only the refusing step's violation is marked");
        }

        @Test
        void a_refused_entry_let_through_after_hours_is_after_hours_entry_too_and_a_permitted_one_is_not() {
            DoorAccess.Outcome outcome = observed("06:00:00", "front", "E003", Direction.IN, true);

            assertEquals("ZONE_NOT_ALLOWED", outcome.decision().reason());
            assertTrue(outcome.decision().granted());
            assertEquals(List.of(Rule.ZONE_NOT_ALLOWED, Rule.AFTER_HOURS_ENTRY), rules(outcome),
                    "E003 has no after-hours permission");
            assertEquals(true, outcome.violations().get(0).details().get("grantedByDevice"));

            DoorAccess.Outcome sato = observed("06:00:00", "front", "E002", Direction.IN, true);
            assertEquals(List.of(), sato.violations(), "E002 has after-hours permission");
        }
    }

    @Test
    void the_same_facts_give_the_same_violations_and_ids() {
        BadgeEvent event = new BadgeEvent("b-same", at("10:00:00"), "server", "E001", Direction.IN, true);

        DoorAccess.Outcome first = new DoorAccess(SOFT).decide(event, SOFT.door("server").orElseThrow(), holder("E001"));
        DoorAccess.Outcome again = new DoorAccess(SOFT).decide(event, SOFT.door("server").orElseThrow(), holder("E001"));

        assertEquals(first, again);
        DoorAccess.Outcome refused = new DoorAccess(SOFT).decide(new BadgeEvent("b-same", at("10:00:00"), "server",
                "E001", Direction.IN), SOFT.door("server").orElseThrow(), holder("E001"));
        assertEquals(refused.violations().get(0).id(), first.violations().get(0).id(),
                "the id rests on the facts (rule, subject, event), not on the reader's verdict");
    }
}
