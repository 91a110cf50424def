package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;

/** SPEC §3's free egress: steps 2–4 deny IN passages only, so an OUT passage is refused only for an unknown badge. */
class FreeEgressTest extends DoorAccessCase {

    @Test
    void a_visitor_with_an_expired_pass_may_always_leave() {
        assertGranted(badge("11:30:00", "front", "V001", Direction.IN));

        DoorAccess.Outcome outcome = badge("13:00:00", "front", "V001", Direction.OUT);

        assertGranted(outcome);
        assertEquals(List.of(), outcome.violations());
        assertEquals("outside", access.locationOf("V001"));
    }

    @Test
    void a_visitor_whose_pass_expired_in_an_inner_zone_walks_out_through_every_door() {
        hard();
        assertGranted(badge("10:30:00", "front", "V002", Direction.IN));
        assertGranted(badge("10:31:00", "office", "V002", Direction.IN));
        assertGranted(badge("10:32:00", "server", "V002", Direction.IN));
        assertEquals("server-room", access.locationOf("V002"));

        // the pass ran out at 12:00; each OUT is granted, moves the visitor and reports nothing
        for (String[] door : new String[][] {{"server", "office"}, {"office", "lobby"}, {"front", "outside"}}) {
            DoorAccess.Outcome outcome = badge("13:00:00", door[0], "V002", Direction.OUT);

            assertGranted(outcome);
            assertEquals(List.of(), outcome.violations(), "OUT at " + door[0]);
            assertEquals(door[1], access.locationOf("V002"));
        }
    }

    @Test
    void an_expired_visitor_is_still_refused_on_the_way_back_in() {
        assertGranted(badge("11:30:00", "front", "V002", Direction.IN));
        assertGranted(badge("12:30:00", "front", "V002", Direction.OUT));

        assertDenied(badge("12:31:00", "front", "V002", Direction.IN), Rule.VISITOR_PASS_INVALID);
        assertEquals("outside", access.locationOf("V002"));
    }

    @Test
    void an_expired_pass_is_neither_reported_nor_refused_on_an_out_passage_under_soft_anti_passback() {
        // V002 is recorded outside, so this OUT is anti-passback, and only that is reported
        DoorAccess.Outcome outcome = badge("13:00:00", "office", "V002", Direction.OUT);

        assertGranted(outcome);
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
        assertEquals("lobby", access.locationOf("V002"));
    }

    @Test
    void an_out_passage_into_a_zone_not_in_the_holders_zones_is_granted_without_zone_not_allowed() {
        // E003 may enter only the server room; tailgated in through the office (reported once, soft)
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(badge("10:00:00", "server", "E003", Direction.IN)));

        DoorAccess.Outcome intoOffice = badge("10:10:00", "server", "E003", Direction.OUT);
        DoorAccess.Outcome intoLobby = badge("10:11:00", "office", "E003", Direction.OUT);

        assertGranted(intoOffice);
        assertEquals(List.of(), intoOffice.violations());
        assertGranted(intoLobby);
        assertEquals(List.of(), intoLobby.violations());
        assertEquals("lobby", access.locationOf("E003"));
    }

    @Test
    void the_same_zone_is_refused_zone_not_allowed_on_the_way_in() {
        assertDenied(badge("10:00:00", "office", "E003", Direction.IN), Rule.ZONE_NOT_ALLOWED);
    }

    @Test
    void a_visitor_whose_pass_no_longer_lists_the_zone_may_always_leave() {
        VisitorPass first = SOFT.visitors().get("V001");
        VisitorPass replaced = new VisitorPass("reg-2", "V001", "Visitor One", "E001", Set.of(), first.validFrom(),
                first.validUntil());
        assertGranted(badge("b-in", "10:30:00", "front", "V001", Direction.IN, first));

        DoorAccess.Outcome outcome = badge("b-out", "10:40:00", "front", "V001", Direction.OUT, replaced);

        assertGranted(outcome);
        assertEquals(List.of(), outcome.violations());
    }

    @Test
    void hard_anti_passback_grants_an_out_passage_between_inner_zones_and_still_denies_in() {
        hard();
        assertGranted(badge("10:00:00", "front", "E002", Direction.IN));
        assertGranted(badge("10:01:00", "office", "E002", Direction.IN));
        assertGranted(badge("10:02:00", "server", "E002", Direction.IN));

        // in the server room, badging OUT at the office door (origin office, destination lobby)
        DoorAccess.Outcome out = badge("10:03:00", "office", "E002", Direction.OUT);

        assertGranted(out);
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(out));
        assertEquals("hard", out.violations().get(0).details().get("mode"));
        assertEquals("lobby", access.locationOf("E002"));

        // in the lobby, badging IN at the server door (origin office)
        assertDenied(badge("10:04:00", "server", "E002", Direction.IN), Rule.ANTI_PASSBACK);
        assertEquals("lobby", access.locationOf("E002"));
    }

    @Test
    void a_holder_leaving_to_outside_from_the_wrong_zone_is_let_out_and_reported_under_soft_anti_passback() {
        DoorAccess.Outcome outcome = badge("10:00:00", "front", "E001", Direction.OUT);

        assertGranted(outcome);
        assertEquals(List.of(Rule.ANTI_PASSBACK), rules(outcome));
    }

    @Test
    void a_door_declared_towards_outside_lets_anyone_leave_whatever_its_direction_says() {
        hard();
        assertGranted(badge("11:30:00", "front", "V001", Direction.IN));

        // the exit door goes lobby -> outside on IN: leaving the building is egress, the pass ran out at 12:00
        DoorAccess.Outcome outcome = badge("13:00:00", "exit", "V001", Direction.IN);

        assertGranted(outcome);
        assertEquals(List.of(), outcome.violations());
        assertEquals("outside", access.locationOf("V001"));
    }
}
