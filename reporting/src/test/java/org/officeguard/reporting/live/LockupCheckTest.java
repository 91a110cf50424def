package org.officeguard.reporting.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.live.Retained.bytes;
import static org.officeguard.reporting.live.Retained.pc;
import static org.officeguard.reporting.live.Retained.person;
import static org.officeguard.reporting.live.Retained.unknown;
import static org.officeguard.reporting.live.Retained.visitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.PcState;

/** The check before locking up, as SPEC §6 words it, without Camel or a broker. */
class LockupCheckTest {

    private static final String TS = "2026-11-25T20:00:00+09:00";
    private static final String SINCE = "2026-11-25T09:00:00+09:00";

    private static Occupancy inside(ObjectNode... occupants) {
        return LivePayloads.occupancy(bytes(Retained.occupancy(TS, "hq", occupants)));
    }

    private static PcStates pcs(String... states) {
        ObjectNode[] lines = new ObjectNode[states.length];
        for (int i = 0; i < states.length; i++) {
            lines[i] = pc("PC-0" + (i + 1), "office", "E00" + (i + 1), states[i], SINCE);
        }
        return LivePayloads.pcs(bytes(Retained.pcs(TS, "hq", lines)));
    }

    private static Verdict check(Occupancy occupancy, PcStates pcs) {
        return LockupCheck.check(PcState.OFF, 3, occupancy, pcs);
    }

    private static List<String> reasons(Verdict verdict) {
        return verdict.obstacles().stream().map(Obstacle::reason).toList();
    }

    @Test
    void before_any_state_arrived_there_is_no_verdict_and_it_says_what_is_missing() {
        Verdict nothing = check(null, null);
        assertEquals(Verdict.Status.NO_DATA, nothing.status());
        assertFalse(nothing.ready());
        assertEquals(List.of("NO_OCCUPANCY_DATA", "NO_PC_DATA"), reasons(nothing));

        assertEquals(List.of("NO_PC_DATA"), reasons(check(inside(), null)), "nobody inside, but the PCs are not known");
        assertEquals(List.of("NO_OCCUPANCY_DATA"), reasons(check(null, pcs("OFF", "OFF", "OFF"))));
    }

    @Test
    void a_site_without_pcs_needs_no_pc_states() {
        Verdict verdict = LockupCheck.check(PcState.OFF, 0, inside(), null);
        assertEquals(Verdict.Status.READY, verdict.status());
        assertTrue(verdict.obstacles().isEmpty());
    }

    @Test
    void nobody_inside_and_every_pc_off_is_ready() {
        assertTrue(check(inside(), pcs("OFF", "OFF", "OFF")).ready());
    }

    @Test
    void the_keyholder_alone_inside_is_ready() {
        assertTrue(check(inside(person("E002", "Sato Hanako", "office", SINCE)), pcs("OFF", "OFF", "OFF")).ready());
    }

    @Test
    void two_people_inside_are_one_too_many() {
        Verdict verdict = check(inside(person("E001", "山田 太郎", "office", SINCE), person("E002", "Sato Hanako", "lobby", SINCE)),
                pcs("OFF", "OFF", "OFF"));
        assertEquals(Verdict.Status.NOT_READY, verdict.status());
        assertEquals(List.of(new Obstacle.PeopleInside(2)), verdict.obstacles());
    }

    @Test
    void a_count_above_the_list_counts() {
        Occupancy occupancy = LivePayloads.occupancy(bytes("{\"ts\":\"" + TS + "\",\"site\":\"hq\",\"count\":3,\"occupants\":[]}"));
        assertEquals(List.of(new Obstacle.PeopleInside(3)), check(occupancy, pcs("OFF")).obstacles());
    }

    @Test
    void a_visitor_is_never_the_one_who_locks_up_and_leaves_with_the_host() {
        Occupancy visitorAlone = inside(visitor("V001", "Visitor One", "lobby", SINCE, "E001"));
        Verdict verdict = check(visitorAlone, pcs("OFF", "OFF", "OFF"));
        assertEquals(Verdict.Status.NOT_READY, verdict.status());
        assertEquals(List.of("VISITORS_INSIDE"), reasons(verdict));
        assertEquals("V001", ((Obstacle.VisitorsInside) verdict.obstacles().get(0)).visitors().get(0).badge());

        Verdict withHost = check(inside(person("E001", "山田 太郎", "office", SINCE),
                visitor("V001", "Visitor One", "office", SINCE, "E001")), pcs("OFF", "OFF", "OFF"));
        assertEquals(List.of("PEOPLE_INSIDE", "VISITORS_INSIDE"), reasons(withHost));
    }

    @Test
    void an_unknown_badge_inside_stands_in_the_way() {
        Verdict verdict = check(inside(unknown("X999", "lobby", SINCE)), pcs("OFF", "OFF", "OFF"));
        assertEquals(List.of("UNKNOWN_BADGES_INSIDE"), reasons(verdict));
    }

    @Test
    void every_pc_weaker_than_pc_at_lockup_is_listed() {
        Verdict verdict = check(inside(), pcs("ACTIVE", "LOCKED", "OFF", "IDLE"));
        assertEquals(List.of("PCS_NOT_READY"), reasons(verdict));
        List<String> listed = ((Obstacle.PcsNotReady) verdict.obstacles().get(0)).pcs().stream().map(PcLine::pc).toList();
        assertEquals(List.of("PC-01", "PC-02", "PC-04"), listed);

        Verdict lockedIsEnough = LockupCheck.check(PcState.LOCKED, 4, inside(), pcs("ACTIVE", "LOCKED", "OFF", "IDLE"));
        assertEquals(List.of("PC-01", "PC-04"),
                ((Obstacle.PcsNotReady) lockedIsEnough.obstacles().get(0)).pcs().stream().map(PcLine::pc).toList());
        assertTrue(LockupCheck.check(PcState.LOCKED, 2, inside(), pcs("LOCKED", "OFF")).ready());
    }

    @Test
    void a_pc_that_never_reported_counts_as_off() {
        PcStates never = LivePayloads.pcs(bytes(Retained.pcs(TS, "hq", pc("PC-01", "office", "E001", null, null))));
        assertTrue(never.pcs().get(0).neverReported());
        assertTrue(check(inside(), never).ready());
    }

    @Test
    void the_verdict_flips_to_ready_when_the_last_but_the_keyholder_leaves_and_the_pcs_are_off() {
        ObjectNode keyholder = person("E002", "Sato Hanako", "office", SINCE);
        ObjectNode colleague = person("E001", "山田 太郎", "office", SINCE);
        assertEquals(List.of("PEOPLE_INSIDE", "PCS_NOT_READY"), reasons(check(inside(keyholder, colleague), pcs("ACTIVE", "OFF", "OFF"))));
        assertEquals(List.of("PCS_NOT_READY"), reasons(check(inside(keyholder), pcs("ACTIVE", "OFF", "OFF"))));
        assertEquals(Verdict.Status.READY, check(inside(keyholder), pcs("OFF", "OFF", "OFF")).status());
    }
}
