package org.officeguard.reporting.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.live.Retained.bytes;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.PcState;

/** The retained states of SPEC §2 read whole, or refused with a reason that names the field. */
class LivePayloadsTest {

    @Test
    void an_occupancy_is_read_with_every_field_of_every_occupant() {
        Occupancy occupancy = LivePayloads.occupancy(bytes(Retained.occupancy("2026-11-25T18:00:00+09:00", "hq",
                Retained.person("E001", "山田 太郎", "office", "2026-11-25T09:00:00+09:00"),
                Retained.visitor("V001", "Visitor One", "lobby", "2026-11-25T10:00:00+09:00", "E001"),
                Retained.unknown("X999", "lobby", null))));
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), occupancy.ts());
        assertEquals("hq", occupancy.site());
        assertEquals(3, occupancy.inside());
        Occupant visitor = occupancy.occupants().get(1);
        assertEquals(new Occupant("V001", "Visitor One", Occupant.Kind.VISITOR, "lobby",
                Instant.parse("2026-11-25T01:00:00Z"), "E001"), visitor);
        Occupant unknown = occupancy.occupants().get(2);
        assertNull(unknown.name());
        assertNull(unknown.since());
        assertEquals(Occupant.Kind.UNKNOWN, unknown.kind());
    }

    @Test
    void pcs_are_read_and_a_pc_that_never_reported_may_come_without_a_state() {
        PcStates pcs = LivePayloads.pcs(bytes(Retained.pcs("2026-11-25T18:00:00Z", "hq",
                Retained.pc("PC-01", "office", "E001", "IDLE", "2026-11-25T17:00:00Z"),
                Retained.pc("PC-02", "office", null, null, null))));
        assertEquals(PcState.IDLE, pcs.pcs().get(0).state());
        assertEquals(PcState.OFF, pcs.pcs().get(1).state());
        assertTrue(pcs.pcs().get(1).neverReported());
        assertNull(pcs.pcs().get(1).user());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|not JSON",
        "[]|must be a JSON object",
        "{\"site\":\"hq\",\"count\":0,\"occupants\":[]}|missing field 'ts'",
        "{\"ts\":\"yesterday\",\"site\":\"hq\",\"count\":0,\"occupants\":[]}|field 'ts' must be an ISO-8601 time",
        "{\"ts\":\"2026-11-25T18:00:00Z\",\"site\":\"hq\",\"count\":-1,\"occupants\":[]}|field 'count' must be a whole number",
        "{\"ts\":\"2026-11-25T18:00:00Z\",\"site\":\"hq\",\"count\":0}|field 'occupants' must be an array",
        "{\"ts\":\"2026-11-25T18:00:00Z\",\"site\":\"hq\",\"count\":1,\"occupants\":[1]}|occupants[0] must be an object",
        "{\"ts\":\"2026-11-25T18:00:00Z\",\"site\":\"hq\",\"count\":1,\"occupants\":[{\"badge\":\"E1\",\"kind\":\"boss\",\"zone\":\"office\"}]}|field 'occupants[0].kind' must be person|visitor|unknown",
        "{\"ts\":\"2026-11-25T18:00:00Z\",\"site\":\"hq\",\"count\":1,\"occupants\":[{\"kind\":\"person\",\"zone\":\"office\"}]}|missing field 'occupants[0].badge'",
        "{\"ts\":\"2026-11-25T18:00:00Z\",\"site\":\"hq\",\"count\":0,\"occupants\":[]} junk|not JSON",
    })
    void an_occupancy_that_cannot_be_read_is_refused_with_the_reason(String payload, String reason) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> LivePayloads.occupancy(bytes(payload)));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void a_state_published_before_any_input_has_a_null_ts_and_is_read() {
        assertEquals(null, LivePayloads.occupancy(bytes("{\"ts\":null,\"site\":\"hq\",\"count\":0,\"occupants\":[]}")).ts());
        assertEquals(null, LivePayloads.pcs(bytes("{\"ts\":null,\"site\":\"hq\",\"pcs\":[]}")).ts());
    }

    @Test
    void a_pc_state_that_is_not_one_of_spec_s_is_refused() {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> LivePayloads.pcs(bytes(
                Retained.pcs("2026-11-25T18:00:00Z", "hq", Retained.pc("PC-01", "office", "E001", "off", null)))));
        assertEquals("field 'pcs[0].state' must be ACTIVE|IDLE|LOCKED|OFF, not 'off'", refused.getMessage());
    }
}
