package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Decision;

/** Who is where and whether the site is locked up, from granted passages and the exit panel. */
class OccupancyTest {

    private final Occupancy occupancy = new Occupancy();
    private final LockoutScript script = new LockoutScript(); // only to build decisions for the hq doors

    private boolean pass(String badge, String door, String direction) {
        Decision decision = script.decision(badge, door, direction, "12:00:00", true, Decision.OK);
        return occupancy.passage(decision);
    }

    @Test
    void everyone_starts_outside_and_the_site_is_not_locked_up() {
        assertEquals(0, occupancy.count());
        assertEquals("outside", occupancy.locationOf("E001"));
        assertFalse(occupancy.lockedUp());
        assertEquals(List.of(), occupancy.occupantsExcept("E001"));
    }

    @Test
    void a_holder_in_the_lobby_is_inside_and_moving_between_zones_does_not_change_the_count() {
        assertFalse(pass("E001", "front", "IN"));
        assertEquals(1, occupancy.count());
        assertEquals("lobby", occupancy.locationOf("E001"));

        assertFalse(pass("E001", "office", "IN"));
        assertFalse(pass("E001", "server", "IN"));
        assertEquals(1, occupancy.count());
        assertEquals("server-room", occupancy.locationOf("E001"));
    }

    @Test
    void only_the_last_holder_out_empties_the_site() {
        pass("E001", "front", "IN");
        pass("E002", "front", "IN");

        assertFalse(pass("E002", "front", "OUT"));
        assertEquals(1, occupancy.count());
        assertTrue(pass("E001", "front", "OUT"));
        assertEquals(0, occupancy.count());
        assertEquals("outside", occupancy.locationOf("E001"));
    }

    @Test
    void an_exit_by_a_holder_already_outside_neither_empties_the_site_nor_counts_below_zero() {
        // soft anti-passback grants an exit whose origin is not where the holder is
        assertFalse(pass("E001", "front", "OUT"));
        assertEquals(0, occupancy.count());

        pass("E002", "front", "IN");
        assertFalse(pass("E001", "front", "OUT"));
        assertEquals(1, occupancy.count());
    }

    @Test
    void an_entry_from_a_zone_the_holder_is_not_in_still_puts_them_inside_once() {
        assertFalse(pass("E001", "office", "IN")); // never badged at the front: anti-passback, soft
        assertFalse(pass("E001", "office", "IN"));
        assertEquals(1, occupancy.count());
        assertTrue(pass("E001", "front", "OUT"));
    }

    @Test
    void a_lockup_lasts_until_an_unlock() {
        occupancy.lockup();
        assertTrue(occupancy.lockedUp());
        occupancy.unlock();
        assertFalse(occupancy.lockedUp());
    }

    @Test
    void a_lockup_lasts_until_a_granted_passage_from_outside() {
        pass("E001", "front", "IN");
        pass("E001", "office", "IN");
        occupancy.lockup();

        pass("E001", "office", "OUT"); // origin office
        pass("E001", "front", "OUT"); // origin lobby
        assertTrue(occupancy.lockedUp());

        pass("E002", "front", "IN"); // origin outside
        assertFalse(occupancy.lockedUp());
    }

    @Test
    void occupants_are_everyone_inside_but_the_given_badge_sorted() {
        pass("V001", "front", "IN");
        pass("E003", "front", "IN");
        pass("E001", "front", "IN");
        pass("E002", "front", "IN");
        pass("E002", "office", "IN");

        assertEquals(List.of("E002", "E003", "V001"), occupancy.occupantsExcept("E001"));
        assertEquals(List.of("E001", "E002", "E003", "V001"), occupancy.occupantsExcept("X999"));
    }
}
