package org.officeguard.monitor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.officeguard.monitor.rules.LockoutScript.at;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.PcState;
import org.officeguard.monitor.rules.PcsSnapshot.Entry;

/**
 * Every PC of the site file with its last state, as {@code office/{site}/pcs} says it: a PC that never reported is
 * OFF and its owner's, since null; {@code since} is the report that set the state; by zone then id.
 */
class PcsSnapshotTest {

    private final LockoutScript script = new LockoutScript();

    private PcsSnapshot snapshot() {
        return script.monitor.pcs();
    }

    private Entry entry(String pc) {
        return snapshot().pcs().stream().filter(e -> e.pc().equals(pc)).findFirst().orElseThrow();
    }

    private String json() {
        return new String(snapshot().toJson(script.config.timezone()), StandardCharsets.UTF_8);
    }

    @Test
    void every_pc_of_the_site_file_is_listed_those_that_never_reported_off_and_their_owners() {
        assertEquals("{\"ts\":null,\"site\":\"hq\",\"pcs\":["
                + "{\"pc\":\"RECEP\",\"zone\":\"lobby\",\"user\":\"E003\",\"state\":\"OFF\",\"since\":null},"
                + "{\"pc\":\"PC-01\",\"zone\":\"office\",\"user\":\"E001\",\"state\":\"OFF\",\"since\":null},"
                + "{\"pc\":\"PC-02\",\"zone\":\"office\",\"user\":\"E002\",\"state\":\"OFF\",\"since\":null},"
                + "{\"pc\":\"PC-03\",\"zone\":\"office\",\"user\":\"E003\",\"state\":\"OFF\",\"since\":null}]}", json());
    }

    @Test
    void a_state_applied_shows_with_its_user_and_the_ts_of_its_report() {
        script.pc("PC-01", "ACTIVE", "09:00:00");
        script.pc("PC-02", "LOCKED", "09:00:30", "E003");
        script.tick("09:01:00");

        assertEquals("{\"ts\":\"2026-11-25T09:01:00+09:00\",\"site\":\"hq\",\"pcs\":["
                + "{\"pc\":\"RECEP\",\"zone\":\"lobby\",\"user\":\"E003\",\"state\":\"OFF\",\"since\":null},"
                + "{\"pc\":\"PC-01\",\"zone\":\"office\",\"user\":\"E001\",\"state\":\"ACTIVE\","
                + "\"since\":\"2026-11-25T09:00:00+09:00\"},"
                + "{\"pc\":\"PC-02\",\"zone\":\"office\",\"user\":\"E003\",\"state\":\"LOCKED\","
                + "\"since\":\"2026-11-25T09:00:30+09:00\"},"
                + "{\"pc\":\"PC-03\",\"zone\":\"office\",\"user\":\"E003\",\"state\":\"OFF\",\"since\":null}]}", json());
    }

    @Test
    void a_report_still_held_for_the_reorder_margin_is_not_shown_yet() {
        long version = script.monitor.pcsVersion();
        script.pc("PC-01", "ACTIVE", "09:00:00");

        assertEquals(PcState.OFF, entry("PC-01").state(), "applied once the watermark is 5 s past it");
        assertEquals(version, script.monitor.pcsVersion());

        script.tick("09:00:06");
        assertEquals(PcState.ACTIVE, entry("PC-01").state());
        assertNotEquals(version, script.monitor.pcsVersion());
    }

    @Test
    void an_idle_pc_repeating_idle_is_idle_since_its_first_idle_report_and_changes_nothing() {
        script.pc("PC-01", "ACTIVE", "09:00:00");
        script.idle("PC-01", 300, "09:10:00");
        script.tick("09:10:10");
        long version = script.monitor.pcsVersion();

        script.idle("PC-01", 600, "09:15:00");
        script.idle("PC-01", 900, "09:20:00");
        script.tick("09:20:10");

        assertEquals(new Entry("PC-01", "office", "E001", PcState.IDLE, at("09:10:00")), entry("PC-01"));
        assertEquals(version, script.monitor.pcsVersion(), "the pcs topic shows nothing new");
    }

    @Test
    void a_new_user_of_a_pc_in_the_same_state_keeps_since_and_moves_the_version() {
        script.pc("PC-01", "ACTIVE", "09:00:00");
        script.tick("09:00:10");
        long version = script.monitor.pcsVersion();

        script.pc("PC-01", "ACTIVE", "09:30:00", "E003");
        script.tick("09:30:10");

        assertEquals(new Entry("PC-01", "office", "E003", PcState.ACTIVE, at("09:00:00")), entry("PC-01"));
        assertNotEquals(version, script.monitor.pcsVersion());
    }

    @Test
    void a_late_report_older_than_the_newest_does_not_move_the_pc_back() {
        script.pc("PC-01", "OFF", "18:00:00");
        script.tick("18:00:10");
        script.tick("19:00:00");

        script.pc("PC-01", "ACTIVE", "17:00:00"); // an hour late

        assertEquals(new Entry("PC-01", "office", "E001", PcState.OFF, at("18:00:00")), entry("PC-01"));
        assertEquals(at("19:00:00"), snapshot().ts());
    }

    @Test
    void a_pc_switched_off_and_on_again_is_on_since_it_came_back() {
        script.pc("PC-01", "ACTIVE", "09:00:00");
        script.pc("PC-01", "OFF", "12:00:00");
        script.pc("PC-01", "ACTIVE", "13:00:00");
        script.tick("13:00:10");

        assertEquals(List.of(PcState.OFF, PcState.ACTIVE, PcState.OFF, PcState.OFF),
                snapshot().pcs().stream().map(Entry::state).toList());
        assertEquals(at("13:00:00"), entry("PC-01").since());
    }
}
