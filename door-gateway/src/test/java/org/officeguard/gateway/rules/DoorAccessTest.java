package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.ViolationIds;

class DoorAccessTest extends DoorAccessCase {

    // ------------------------------------------------------------------ step 1: unknown badge

    @Test
    void a_badge_that_is_neither_a_person_nor_a_visitor_is_denied_unknown_badge() {
        DoorAccess.Outcome outcome = badge("10:00:00", "front", "X999", Direction.IN);

        assertDenied(outcome, Rule.UNKNOWN_BADGE);
        assertEquals("X999", outcome.violations().get(0).badge());
        assertEquals("outside", access.locationOf("X999"));
    }

    @Test
    void an_unknown_badge_is_denied_even_on_the_way_out() {
        DoorAccess.Outcome outcome = badge("10:00:00", "front", "X999", Direction.OUT);

        assertDenied(outcome, Rule.UNKNOWN_BADGE);
        assertEquals("outside", outcome.decision().destination());
    }

    // ------------------------------------------------------------------ step 2: visitor pass validity

    @Test
    void a_visitor_pass_is_valid_from_exactly_valid_from() {
        assertGranted(badge("10:00:00", "front", "V001", Direction.IN));
        assertEquals("lobby", access.locationOf("V001"));
    }

    @Test
    void a_visitor_pass_is_still_valid_at_exactly_valid_until() {
        DoorAccess.Outcome outcome = badge("12:00:00", "front", "V001", Direction.IN);

        assertGranted(outcome);
        assertEquals(List.of(), outcome.violations());
    }

    @Test
    void a_visitor_one_second_before_valid_from_is_denied_visitor_pass_invalid() {
        DoorAccess.Outcome outcome = badge("09:59:59", "front", "V001", Direction.IN);

        assertDenied(outcome, Rule.VISITOR_PASS_INVALID);
        assertEquals("outside", access.locationOf("V001"));
        assertEquals("E001", outcome.violations().get(0).details().get("host"));
        assertEquals("2026-11-25T10:00:00+09:00", outcome.violations().get(0).details().get("validFrom"));
    }

    @Test
    void a_visitor_one_second_after_valid_until_is_denied_visitor_pass_invalid() {
        assertDenied(badge("12:00:01", "front", "V001", Direction.IN), Rule.VISITOR_PASS_INVALID);
    }

    @Test
    void an_expired_pass_is_reported_before_a_zone_the_visitor_may_not_enter() {
        assertGranted(badge("11:00:00", "front", "V001", Direction.IN));

        DoorAccess.Outcome outcome = badge("13:00:00", "office", "V001", Direction.IN);

        assertDenied(outcome, Rule.VISITOR_PASS_INVALID);
    }

    // ------------------------------------------------------------------ step 3: zones

    @Test
    void a_zone_not_in_the_holders_zones_is_denied_zone_not_allowed() {
        DoorAccess.Outcome outcome = badge("10:00:00", "office", "V001", Direction.IN);

        assertDenied(outcome, Rule.ZONE_NOT_ALLOWED);
        assertEquals("office", outcome.violations().get(0).details().get("zone"));
    }

    @Test
    void a_zone_not_allowed_is_reported_before_anti_passback() {
        // E001 is outside, so the server door's origin (office) is also wrong: only step 3 speaks
        DoorAccess.Outcome outcome = badge("10:00:00", "server", "E001", Direction.IN);

        assertDenied(outcome, Rule.ZONE_NOT_ALLOWED);
    }

    // ------------------------------------------------------------------ step 4: anti-passback

    @Test
    void soft_anti_passback_grants_and_reports() {
        DoorAccess.Outcome outcome = badge("10:00:00", "office", "E001", Direction.IN);

        assertGranted(outcome);
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
        Violation violation = outcome.violations().get(0);
        assertEquals("outside", violation.details().get("location"));
        assertEquals("lobby", violation.details().get("origin"));
        assertEquals("office", access.locationOf("E001"), "a granted passage moves the holder all the same");
    }

    @Test
    void hard_anti_passback_denies_and_reports() {
        hard();

        DoorAccess.Outcome outcome = badge("10:00:00", "office", "E001", Direction.IN);

        assertDenied(outcome, Rule.ANTI_PASSBACK);
        assertEquals("outside", access.locationOf("E001"));
    }

    @Test
    void hard_anti_passback_still_lets_the_holder_out_and_reports() {
        hard();
        assertGranted(badge("10:00:00", "front", "E001", Direction.IN));
        assertGranted(badge("10:01:00", "office", "E001", Direction.IN));

        // in the office, but badging out at the front door (origin lobby)
        DoorAccess.Outcome outcome = badge("10:02:00", "front", "E001", Direction.OUT);

        assertGranted(outcome);
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
        assertEquals("outside", access.locationOf("E001"));
    }

    @Test
    void a_holder_who_is_where_the_passage_starts_passes_without_any_violation() {
        hard();

        assertEquals(List.of(), badge("10:00:00", "front", "E001", Direction.IN).violations());
        assertEquals(List.of(), badge("10:01:00", "office", "E001", Direction.IN).violations());
        assertEquals(List.of(), badge("10:02:00", "office", "E001", Direction.OUT).violations());
        assertEquals(List.of(), badge("10:03:00", "front", "E001", Direction.OUT).violations());
        assertEquals("outside", access.locationOf("E001"));
    }

    // ------------------------------------------------------------------ after hours

    @Test
    void an_entry_from_outside_before_business_hours_is_granted_and_reported_after_hours() {
        DoorAccess.Outcome outcome = badge("06:59:59", "front", "E001", Direction.IN);

        assertGranted(outcome);
        assertEquals(List.of(Rule.AFTER_HOURS_ENTRY), rules(outcome));
        assertEquals("06:59:59", outcome.violations().get(0).details().get("localTime"));
        assertEquals("lobby", access.locationOf("E001"));
    }

    @Test
    void an_entry_at_exactly_the_end_of_business_hours_is_after_hours() {
        assertEquals(List.of(Rule.AFTER_HOURS_ENTRY), rules(badge("21:00:00", "front", "E001", Direction.IN)));
    }

    @Test
    void entries_at_exactly_the_start_and_just_before_the_end_are_within_business_hours() {
        assertEquals(List.of(), rules(badge("07:00:00", "front", "E001", Direction.IN)));
        assertEquals(List.of(), rules(badge("20:00:00", "front", "E001", Direction.OUT)));
        assertEquals(List.of(), rules(badge("20:59:59", "front", "E001", Direction.IN)));
    }

    @Test
    void business_hours_are_read_in_the_site_time_zone() {
        var door = SOFT.door("front").orElseThrow();
        BadgeEvent morning = new BadgeEvent("m", Instant.parse("2026-11-24T22:30:00Z"), "front", "E001", Direction.IN);
        BadgeEvent evening = new BadgeEvent("e", Instant.parse("2026-11-25T12:30:00Z"), "front", "E001", Direction.IN);

        // 22:30Z is 07:30 in Tokyo, 12:30Z is 21:30
        assertEquals(List.of(), new DoorAccess(SOFT).decide(morning, door, holder("E001")).violations());
        assertEquals(List.of(Rule.AFTER_HOURS_ENTRY), rules(new DoorAccess(SOFT).decide(evening, door, holder("E001"))));
    }

    @Test
    void a_holder_allowed_after_hours_enters_without_a_report() {
        DoorAccess.Outcome outcome = badge("23:30:00", "front", "E002", Direction.IN);

        assertGranted(outcome);
        assertEquals(List.of(), outcome.violations());
    }

    @Test
    void after_hours_counts_only_passages_whose_origin_is_outside() {
        assertEquals(List.of(), rules(badge("20:00:00", "front", "E001", Direction.IN)));

        assertEquals(List.of(), rules(badge("22:00:00", "office", "E001", Direction.IN)), "lobby -> office");
        assertEquals(List.of(), rules(badge("22:10:00", "office", "E001", Direction.OUT)), "office -> lobby");
        assertEquals(List.of(), rules(badge("22:20:00", "front", "E001", Direction.OUT)), "lobby -> outside");
    }

    @Test
    void a_denied_entry_after_hours_is_not_also_reported_after_hours() {
        hard();
        badge("20:00:00", "front", "E001", Direction.IN);

        // already in the lobby: IN at the front door again is refused by anti-passback
        DoorAccess.Outcome outcome = badge("22:00:00", "front", "E001", Direction.IN);

        assertDenied(outcome, Rule.ANTI_PASSBACK);
    }

    @Test
    void an_after_hours_entry_under_soft_anti_passback_reports_both() {
        badge("20:00:00", "front", "E001", Direction.IN);

        DoorAccess.Outcome outcome = badge("22:00:00", "front", "E001", Direction.IN);

        assertGranted(outcome);
        assertEquals(List.of(Rule.ANTI_PASSBACK, Rule.AFTER_HOURS_ENTRY), rules(outcome));
    }

    // ------------------------------------------------------------------ locations

    @Test
    void denied_passages_do_not_move_the_holder() {
        assertGranted(badge("10:00:00", "front", "E001", Direction.IN));
        assertGranted(badge("10:01:00", "office", "E001", Direction.IN));

        assertDenied(badge("10:02:00", "server", "E001", Direction.IN), Rule.ZONE_NOT_ALLOWED);
        assertEquals("office", access.locationOf("E001"));

        DoorAccess.Outcome back = badge("10:03:00", "office", "E001", Direction.OUT);
        assertGranted(back);
        assertEquals(List.of(), back.violations(), "still in the office, so no anti-passback");
    }

    @Test
    void a_hard_anti_passback_denial_does_not_move_the_holder() {
        hard();
        assertDenied(badge("10:00:00", "office", "E001", Direction.IN), Rule.ANTI_PASSBACK);
        assertEquals("outside", access.locationOf("E001"));

        DoorAccess.Outcome outcome = badge("10:01:00", "front", "E001", Direction.IN);
        assertGranted(outcome);
        assertEquals(List.of(), outcome.violations());
    }

    @Test
    void every_holder_starts_outside() {
        assertEquals("outside", access.locationOf("E001"));
        assertEquals("outside", access.locationOf("V001"));
    }

    // ------------------------------------------------------------------ what a decision and a violation carry

    @Test
    void a_decision_carries_the_badge_event_and_the_passage() {
        Decision decision = badge("b-42", "10:00:00", "office", "E001", Direction.OUT, holder("E001")).decision();

        assertEquals(new Decision("b-42", at("10:00:00"), "hq", "office", "E001", Direction.OUT, "office", "lobby",
                true, "OK"), decision);
    }

    @Test
    void a_violation_carries_badge_subject_ts_rule_site_and_the_badge_event_id() {
        Violation violation = badge("b-7", "10:05:00", "server", "V001", Direction.IN, holder("V001"))
                .violations().get(0);

        assertEquals(Rule.ZONE_NOT_ALLOWED, violation.rule());
        assertEquals("hq", violation.site());
        assertEquals("V001", violation.badge());
        assertEquals("door:server", violation.subject());
        assertEquals(at("10:05:00"), violation.ts());
        assertEquals(List.of("b-7"), violation.sourceEventIds());
        assertEquals(ViolationIds.of("hq", Rule.ZONE_NOT_ALLOWED, "door:server", List.of("b-7")), violation.id());
    }

    @Test
    void the_same_facts_give_the_same_violation_id_and_other_facts_another() {
        Violation first = badge("b-1", "10:00:00", "front", "X999", Direction.IN, null).violations().get(0);
        access = new DoorAccess(SOFT); // a restarted service
        Violation again = badge("b-1", "10:00:00", "front", "X999", Direction.IN, null).violations().get(0);
        Violation otherEvent = badge("b-2", "10:00:00", "front", "X999", Direction.IN, null).violations().get(0);
        Violation otherDoor = badge("b-1", "10:00:00", "office", "X999", Direction.IN, null).violations().get(0);

        assertEquals(first, again);
        assertEquals(32, first.id().length());
        assertNotEquals(first.id(), otherEvent.id());
        assertNotEquals(first.id(), otherDoor.id());
    }
}
