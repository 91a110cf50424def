package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;

/**
 * Decisions of observed passages (SPEC §3: {@code "decidedBy":"device"}, {@code granted} the reader's verdict,
 * {@code reason} officeguard's own) move people like any decision: by {@code granted}, whatever the reason. Each
 * is read from the payload the door-gateway writes, as the monitor's route reads it.
 */
class ObservedPassagesTest {

    private final LockoutScript script = new LockoutScript();

    /** A decision the reader made, as it comes on the decision topic. */
    private Decision observed(String badge, String door, String direction, String time, boolean granted,
            String reason) {
        Decision built = script.decision(badge, door, direction, time, granted, reason);
        Decision device = new Decision(built.eventId(), built.ts(), built.site(), built.door(), built.badge(),
                built.direction(), built.origin(), built.destination(), granted, reason, true);
        Decision read = Payloads.decision(Payloads.write(device, script.config.timezone()));
        assertTrue(read.decidedByDevice());
        return script.again(read);
    }

    @Test
    void a_passage_the_reader_lets_through_against_the_site_leaves_the_pc_unlocked() {
        script.enterOffice("E001", "08:00:00");
        script.pc("PC-01", "ACTIVE", "08:01:00");

        observed("E001", "server", "IN", "12:00:00", true, Rule.ZONE_NOT_ALLOWED.name());
        script.tick("12:01:00");

        assertEquals("pc:PC-01", script.one(Rule.LEFT_PC_UNLOCKED).subject());
        assertEquals(1, script.monitor.occupancy());
    }

    @Test
    void a_passage_the_reader_refuses_moves_nobody_and_leaves_no_pc() {
        script.enterOffice("E001", "08:00:00");
        script.pc("PC-01", "ACTIVE", "08:01:00");

        observed("E001", "office", "OUT", "12:00:00", false, Decision.OK);
        observed("E001", "front", "OUT", "12:00:10", false, Decision.OK);
        script.tick("13:00:00");

        assertEquals(List.of(), script.emitted, "no LEFT_PC_UNLOCKED, and the site never emptied");
        assertEquals(1, script.monitor.occupancy());
    }

    @Test
    void an_unknown_badge_the_reader_lets_in_is_counted_inside_until_it_leaves() {
        observed("X999", "front", "IN", "18:00:00", true, Rule.UNKNOWN_BADGE.name());
        script.tick("18:00:06"); // past the reorder margin
        assertEquals(1, script.monitor.occupancy());

        observed("X999", "front", "OUT", "18:30:00", true, Rule.UNKNOWN_BADGE.name());
        script.tick("18:30:06");
        assertEquals(0, script.monitor.occupancy());
        script.tick("18:45:06"); // lastExitGrace 900 s + reorder

        assertEquals("X999", script.one(Rule.LOCKUP_MISSING).badge());
    }

    @Test
    void an_entry_the_reader_lets_through_ends_the_lockup_and_one_it_refuses_does_not() {
        script.enterOffice("E001", "18:00:00");
        script.pc("PC-01", "OFF", "18:05:00");
        script.lockup("E001", "18:10:00");
        script.leaveOffice("E001", "18:10:30");
        script.tick("18:11:00");
        assertTrue(script.monitor.lockedUp());

        observed("E002", "front", "IN", "19:00:00", false, Decision.OK);
        script.tick("19:00:06");
        assertTrue(script.monitor.lockedUp(), "the reader kept E002 out");

        observed("E003", "front", "IN", "19:30:00", true, Rule.ZONE_NOT_ALLOWED.name());
        script.tick("19:30:06");
        assertFalse(script.monitor.lockedUp(), "the reader let E003 in");
        assertEquals(1, script.monitor.occupancy());
    }
}
