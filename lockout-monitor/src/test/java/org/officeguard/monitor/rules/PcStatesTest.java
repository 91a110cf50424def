package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.monitor.rules.LockoutScript.at;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.Pc;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;

/** The last known state and user of every PC, and since when it is locked or off. */
class PcStatesTest {

    private final PcStates pcs = new PcStates();
    private final Pc pc01 = LockoutScript.CONFIG.pc("PC-01").orElseThrow();
    private final Pc pc02 = LockoutScript.CONFIG.pc("PC-02").orElseThrow();
    private int next;

    private PcStates.Known report(Pc pc, PcState state, String time, String user) {
        return applied(pc, state, time, user).known();
    }

    private PcStates.Applied applied(Pc pc, PcState state, String time, String user) {
        return pcs.report(pc, new PcStateEvent("pc-" + (++next), at(time), pc.id(), state, 0, user));
    }

    @Test
    void a_pc_that_never_reported_counts_as_off_and_is_used_by_its_owner() {
        assertEquals(PcState.OFF, pcs.stateOf(pc01));
        assertEquals("E001", pcs.userOf(pc01));
        assertEquals(List.of(), List.copyOf(pcs.usedBy("E001")));
        assertFalse(pcs.protectedSince(pc01, at("00:00:00")));
    }

    @Test
    void a_report_without_a_user_is_the_owners() {
        report(pc01, PcState.ACTIVE, "09:00:00", null);

        assertEquals(PcState.ACTIVE, pcs.stateOf(pc01));
        assertEquals("E001", pcs.userOf(pc01));
        assertEquals(List.of(pc01), List.copyOf(pcs.usedBy("E001")));
    }

    @Test
    void the_user_of_the_last_report_is_the_pcs_user_and_finds_it() {
        report(pc01, PcState.ACTIVE, "09:00:00", null);
        report(pc01, PcState.ACTIVE, "10:00:00", "E003");

        assertEquals("E003", pcs.userOf(pc01));
        assertEquals(List.of(pc01), List.copyOf(pcs.usedBy("E003")));
        assertEquals(List.of(), List.copyOf(pcs.usedBy("E001")));

        report(pc01, PcState.ACTIVE, "11:00:00", null);
        assertEquals("E001", pcs.userOf(pc01));
        assertEquals(List.of(), List.copyOf(pcs.usedBy("E003")));
    }

    @Test
    void one_user_may_use_several_pcs() {
        report(pc01, PcState.ACTIVE, "09:00:00", "E003");
        report(pc02, PcState.IDLE, "09:00:00", "E003");

        assertEquals(2, pcs.usedBy("E003").size());
    }

    @Test
    void locked_and_off_protect_the_pc_from_their_ts_on() {
        report(pc01, PcState.LOCKED, "12:00:10", null);

        assertTrue(pcs.protectedSince(pc01, at("12:00:00")));
        assertTrue(pcs.protectedSince(pc01, at("12:00:10")));
        assertFalse(pcs.protectedSince(pc01, at("12:00:11")));

        report(pc01, PcState.OFF, "12:30:00", null);
        assertTrue(pcs.protectedSince(pc01, at("12:20:00")));
    }

    @Test
    void an_older_lock_applied_late_does_not_move_the_protection_back() {
        report(pc01, PcState.LOCKED, "12:00:20", null);
        report(pc01, PcState.OFF, "11:00:00", null); // a late event, applied at once

        assertTrue(pcs.protectedSince(pc01, at("12:00:00")));
    }

    @Test
    void active_and_idle_do_not_protect_the_pc() {
        report(pc01, PcState.ACTIVE, "12:00:10", null);
        report(pc01, PcState.IDLE, "12:00:20", null);

        assertFalse(pcs.protectedSince(pc01, at("12:00:00")));
    }

    @Test
    void only_a_report_that_is_not_idle_ends_the_idle_period_and_an_idle_one_extends_it() {
        PcStates.Known known = report(pc01, PcState.IDLE, "12:05:00", null);
        Instant[] span = known.rememberReportedIdle(at("12:00:00"), at("12:05:00"));
        known.idleReported = span;

        assertSame(span, report(pc01, PcState.IDLE, "12:06:00", null).idleReported);
        assertEquals(at("12:06:00"), span[1]);
        assertNull(report(pc01, PcState.ACTIVE, "12:07:00", null).idleReported);
        assertTrue(known.idleReportedDuring(at("12:06:00"), at("12:06:30")), "the period is still remembered");
        assertFalse(known.idleReportedDuring(at("12:06:01"), at("12:10:00")));
    }

    @Test
    void a_late_report_older_than_the_newest_moves_neither_state_nor_user_back() {
        report(pc01, PcState.OFF, "18:00:00", null);

        PcStates.Applied late = applied(pc01, PcState.ACTIVE, "17:59:00", "E003");

        assertFalse(late.newest());
        assertEquals(PcState.OFF, pcs.stateOf(pc01));
        assertEquals("E001", pcs.userOf(pc01));
        assertEquals(List.of(), List.copyOf(pcs.usedBy("E003")));
        assertTrue(applied(pc01, PcState.ACTIVE, "18:00:00", null).newest(), "the same ts is not older");
        assertEquals(PcState.ACTIVE, pcs.stateOf(pc01));
    }

    @Test
    void a_late_older_lock_still_counts_as_protection_from_its_ts() {
        report(pc01, PcState.ACTIVE, "12:10:00", null);

        applied(pc01, PcState.LOCKED, "12:00:05", null);

        assertEquals(PcState.ACTIVE, pcs.stateOf(pc01));
        assertTrue(pcs.protectedSince(pc01, at("12:00:00")));
    }
}
