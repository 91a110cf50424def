package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.core.model.Direction.IN;
import static org.officeguard.core.model.Direction.OUT;
import static org.officeguard.gateway.rules.GatewayScript.at;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/** The door-gateway engine of one site: decisions at arrival, dedupe by eventId, registrations, event time. */
class DoorGatewayTest {

    private final GatewayScript script = new GatewayScript();

    private static List<Rule> rules(List<Violation> violations) {
        return violations.stream().map(Violation::rule).toList();
    }

    // ------------------------------------------------------------------ decisions

    @Test
    void a_badge_is_decided_at_arrival_while_the_visitor_rules_wait_for_event_time() {
        DoorGateway.Result result = script.badge("v-1", "10:00:00", "front", "V001", IN);

        assertEquals(new Decision("v-1", at("10:00:00"), "hq", "front", "V001", IN, "outside", "lobby", true, "OK"),
                result.decision());
        assertEquals(List.of(), result.violations());
    }

    @Test
    void a_visitor_from_the_site_file_is_known_without_a_registration() {
        assertTrue(script.badge("v-1", "10:00:00", "front", "V001", IN).decision().granted());
        assertEquals("VISITOR_PASS_INVALID", script.badge("v-2", "12:00:01", "office", "V001", IN).decision().reason());
    }

    @Test
    void a_badge_at_an_unknown_door_is_invalid_input() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> script.badge("b-1", "10:00:00", "garage", "E001", IN));

        assertTrue(refused.getMessage().contains("unknown door 'garage'"), refused.getMessage());
    }

    @Test
    void a_redelivered_badge_event_gets_the_same_decision_and_no_second_violation() {
        DoorGateway.Result first = script.badge("b-1", "10:00:00", "front", "X999", IN);
        DoorGateway.Result again = script.badge("b-1", "10:00:00", "front", "X999", IN);

        assertFalse(first.decision().granted());
        assertEquals(List.of(Rule.UNKNOWN_BADGE), rules(first.violations()));
        assertEquals(first.decision(), again.decision());
        assertEquals(List.of(), again.violations());
    }

    @Test
    void a_redelivered_badge_event_is_not_decided_again_on_the_changed_state() {
        // soft anti-passback: E001 is outside, so entering the office is granted and reported
        DoorGateway.Result first = script.badge("b-1", "10:00:00", "office", "E001", IN);
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(first.violations()));

        // E001 is now in the office; decided again, the same badge would be another anti-passback
        DoorGateway.Result again = script.badge("b-1", "10:00:00", "office", "E001", IN);

        assertEquals(first.decision(), again.decision());
        assertEquals(List.of(), again.violations());
        assertEquals(1, script.of(Rule.ANTI_PASSBACK).size());
    }

    @Test
    void a_redelivery_past_the_last_ten_thousand_decisions_is_recognised_and_answered_with_nothing() {
        DoorGateway.Result first = script.badge("b-old", "10:00:00", "front", "X999", IN);
        assertEquals(List.of(Rule.UNKNOWN_BADGE), rules(first.violations()));
        for (int badge = 0; badge < 10_000; badge++) {
            script.badge("b-" + badge, "10:00:01", "front", "E001", IN);
        }

        DoorGateway.Result again = script.badge("b-old", "10:00:00", "front", "X999", IN);

        assertEquals(null, again.decision(), "its door had its answer long ago");
        assertEquals(List.of(), again.violations());
        assertEquals(1, script.of(Rule.UNKNOWN_BADGE).size(), "not decided, nor reported, a second time");
        assertEquals(script.badge("b-9999", "10:00:01", "front", "E001", IN).decision().eventId(), "b-9999",
                "the last ten thousand are answered with their decision");
    }

    @Test
    void a_redelivered_visitor_passage_is_checked_for_escort_once() {
        script.badge("v-1", "10:00:00", "front", "V001", IN);
        script.badge("v-1", "10:00:00", "front", "V001", IN);

        script.clock("11:00:00");

        assertEquals(1, script.of(Rule.VISITOR_UNESCORTED).size());
    }

    @Test
    void a_denied_badge_still_moves_event_time_and_returns_what_fell_due() {
        script.badge("v-1", "10:00:00", "front", "V001", IN);

        DoorGateway.Result result = script.badge("b-2", "10:01:06", "front", "X999", IN);

        assertFalse(result.decision().granted());
        assertEquals(Set.of(Rule.UNKNOWN_BADGE, Rule.VISITOR_UNESCORTED), Set.copyOf(rules(result.violations())));
    }

    @Test
    void an_unlock_moves_event_time() {
        script.badge("v-1", "10:00:00", "front", "V001", IN);

        DoorGateway.Result result = script.unlock("x-1", "10:01:06", "E001");

        assertNull(result.decision());
        assertEquals(List.of(Rule.VISITOR_UNESCORTED), rules(result.violations()));
        assertEquals(at("10:01:06"), script.gateway.watermark());
    }

    @Test
    void violations_are_returned_once() {
        script.badge("v-1", "10:00:00", "front", "V001", IN);

        assertEquals(1, script.clock("10:01:06").violations().size());
        assertEquals(List.of(), script.clock("10:01:07").violations());
        assertEquals(List.of(), script.clock("10:30:00").violations());
    }

    // ------------------------------------------------------------------ event time

    @Test
    void a_badge_far_behind_the_watermark_is_still_decided_and_counted_late() {
        script.clock("10:10:00");

        DoorGateway.Result result = script.badge("b-1", "10:00:00", "front", "E001", IN);

        assertTrue(result.decision().granted());
        assertEquals(1, script.gateway.lateEvents());
        assertEquals(at("10:10:00"), script.gateway.watermark());
    }

    @Test
    void events_out_of_order_within_the_reorder_margin_are_not_late() {
        script.badge("b-2", "10:00:04", "front", "E002", IN);
        script.badge("b-1", "10:00:00", "front", "E001", IN);
        script.clock("10:00:05");

        assertEquals(0, script.gateway.lateEvents());
    }

    // ------------------------------------------------------------------ registrations

    @Test
    void a_registered_visitor_is_admitted_at_once() {
        script.register("r-1", "10:00:00", "V002", "E003", Set.of("lobby"), "10:00:00", "12:00:00");

        DoorGateway.Result result = script.badge("v-1", "10:00:01", "front", "V002", IN);

        assertTrue(result.decision().granted(), result.decision().toString());
    }

    @Test
    void an_unregistered_visitor_badge_is_unknown() {
        assertEquals("UNKNOWN_BADGE", script.badge("v-1", "10:00:00", "front", "V002", IN).decision().reason());
    }

    @Test
    void a_registered_visitor_is_held_to_the_registered_zones_and_times() {
        script.register("r-1", "09:00:00", "V002", "E003", Set.of("lobby"), "10:00:00", "12:00:00");

        assertEquals("VISITOR_PASS_INVALID", script.badge("v-1", "09:59:59", "front", "V002", IN).decision().reason());
        assertEquals("OK", script.badge("v-2", "10:00:00", "front", "V002", IN).decision().reason());
        assertEquals("ZONE_NOT_ALLOWED", script.badge("v-3", "10:00:10", "office", "V002", IN).decision().reason());
    }

    @Test
    void an_unescorted_registered_visitor_names_the_registered_host() {
        script.register("r-1", "09:00:00", "V002", "E003", Set.of("lobby"), "09:00:00", "12:00:00");
        script.badge("h-1", "10:00:00", "front", "E001", IN); // not the host

        script.badge("v-1", "10:00:10", "front", "V002", IN);
        script.clock("11:00:00");

        assertEquals("E003", script.of(Rule.VISITOR_UNESCORTED).get(0).details().get("host"));
    }

    @Test
    void registering_a_badge_again_replaces_its_pass() {
        script.register("r-2", "09:00:00", "V001", "E001", Set.of("lobby"), "09:00:00", "10:00:00");

        assertEquals("OK", script.badge("v-1", "09:30:00", "front", "V001", IN).decision().reason(),
                "the new validity counts");
        assertEquals("ZONE_NOT_ALLOWED", script.badge("v-2", "09:30:10", "office", "V001", IN).decision().reason(),
                "the new zones count");
    }

    @Test
    void a_registration_redelivered_after_a_newer_one_does_not_bring_back_the_old_pass() {
        script.register("r-1", "09:00:00", "V002", "E003", Set.of("lobby"), "09:00:00", "18:00:00");
        script.register("r-2", "09:10:00", "V002", "E003", Set.of("lobby", "office"), "09:00:00", "18:00:00");

        assertEquals(DoorGateway.Result.NOTHING,
                script.register("r-1", "09:00:00", "V002", "E003", Set.of("lobby"), "09:00:00", "18:00:00"));
        script.badge("v-1", "10:00:00", "front", "V002", IN);

        assertEquals("OK", script.badge("v-2", "10:00:10", "office", "V002", IN).decision().reason());
    }

    @Test
    void a_registration_for_an_employee_badge_is_invalid_input() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> script.register("r-1", "09:00:00", "E002", "E001", Set.of("lobby"), "09:00:00", "18:00:00"));

        assertTrue(refused.getMessage().contains("'E002'") && refused.getMessage().contains("employee"),
                refused.getMessage());
        script.badge("e-1", "09:30:00", "front", "E002", IN);
        script.badge("e-2", "09:30:10", "office", "E002", IN);
        assertTrue(script.badge("e-3", "09:30:20", "server", "E002", IN).decision().granted(),
                "E002 is still the employee with the server room");
    }

    @Test
    void a_registration_with_an_unknown_host_is_invalid_input() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> script.register("r-1", "09:00:00", "V002", "E404", Set.of("lobby"), "09:00:00", "18:00:00"));

        assertTrue(refused.getMessage().contains("unknown host 'E404'"), refused.getMessage());
        assertEquals("UNKNOWN_BADGE", script.badge("v-1", "10:00:00", "front", "V002", IN).decision().reason(),
                "nothing was registered");
    }

    @Test
    void a_visitor_cannot_host_another_visitor() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> script.register("r-1", "09:00:00", "V002", "V001", Set.of("lobby"), "09:00:00", "18:00:00"));

        assertTrue(refused.getMessage().contains("unknown host 'V001'"), refused.getMessage());
    }

    @Test
    void a_registration_with_an_unknown_zone_is_invalid_input() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> script.register("r-1", "09:00:00", "V002", "E001", Set.of("lobby", "roof"), "09:00:00",
                        "18:00:00"));

        assertTrue(refused.getMessage().contains("unknown zone 'roof'"), refused.getMessage());
    }

    @Test
    void an_invalid_registration_does_not_consume_its_event_id() {
        assertThrows(InvalidInputException.class,
                () -> script.register("r-1", "09:00:00", "V002", "E404", Set.of("lobby"), "09:00:00", "18:00:00"));

        script.register("r-1", "09:00:00", "V002", "E001", Set.of("lobby"), "09:00:00", "18:00:00");

        assertTrue(script.gateway.onBadge(new BadgeEvent("v-1", at("10:00:00"), "front", "V002", IN))
                .decision().granted());
    }

    @Test
    void an_exit_of_a_registered_visitor_is_never_refused() {
        script.register("r-1", "09:00:00", "V002", "E001", Set.of("lobby"), "09:00:00", "10:00:00");
        script.badge("h-1", "09:30:00", "front", "E001", IN);
        script.badge("v-1", "09:30:00", "front", "V002", IN);

        assertTrue(script.badge("v-2", "17:00:00", "front", "V002", OUT).decision().granted());
    }
}
