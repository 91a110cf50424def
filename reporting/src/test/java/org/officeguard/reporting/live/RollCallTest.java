package org.officeguard.reporting.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.officeguard.reporting.live.Retained.bytes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.testsupport.ExampleDay;

/** What the roll call holds of a site's latest states: occupants by zone, the PCs in the way, the latest wins. */
class RollCallTest {

    private static final SiteConfig HQ = ExampleDay.site();
    private static final Instant RECEIVED = Instant.parse("2026-11-25T11:00:00Z");

    private final LatestStates latest = new LatestStates(List.of(HQ), "office", Clock.fixed(RECEIVED, ZoneOffset.UTC));

    @Test
    void it_subscribes_to_the_two_retained_states_of_every_site_it_serves() {
        assertEquals(List.of("office/hq/occupancy", "office/hq/pcs"), latest.topicFilters());
    }

    @Test
    void occupants_are_grouped_by_zone_in_the_order_of_the_site_file_earliest_in_first() {
        latest.take("office/hq/occupancy", bytes(Retained.occupancy("2026-11-25T19:00:00+09:00", "hq",
                Retained.person("E001", "山田 太郎", "office", "2026-11-25T10:00:00+09:00"),
                Retained.unknown("X1", "roof", "2026-11-25T12:00:00+09:00"),
                Retained.person("E002", "Sato Hanako", "server-room", "2026-11-25T08:00:00+09:00"),
                Retained.person("E003", "鈴木 一郎", "office", "2026-11-25T09:00:00+09:00"),
                Retained.visitor("V001", "Visitor One", "lobby", null, "E001"))));
        RollCall call = latest.rollCall("hq");
        assertEquals(List.of("lobby", "office", "server-room", "roof"),
                call.zones().stream().map(RollCall.ZoneGroup::zone).toList(), "zones of the file first, then others");
        assertEquals(List.of("E003", "E001"),
                call.zones().get(1).occupants().stream().map(Occupant::badge).toList(), "earliest in first");
        assertEquals(5, call.inside());
        assertEquals("office", call.insideNow("E001").zone());
        assertNull(call.insideNow("E999"));
        assertEquals("山田 太郎", call.nameOf("E001"), "a host's name from the site file");
        assertEquals(RECEIVED, call.occupancy().at());
    }

    @Test
    void the_pcs_in_the_way_are_listed_by_zone_and_id() {
        latest.take("office/hq/pcs", bytes(Retained.pcs("2026-11-25T19:00:00+09:00", "hq",
                Retained.pc("PC-03", "office", "E003", "ACTIVE", "2026-11-25T18:00:00+09:00"),
                Retained.pc("PC-02", "office", "E002", "OFF", "2026-11-25T18:00:00+09:00"),
                Retained.pc("PC-01", "office", "E001", "LOCKED", "2026-11-25T18:00:00+09:00"))));
        assertEquals(List.of("PC-01", "PC-03"), latest.rollCall("hq").notReady().stream().map(PcLine::pc).toList());
    }

    @Test
    void the_last_state_taken_is_the_state_and_one_that_cannot_be_read_changes_nothing() {
        latest.take("office/hq/occupancy", bytes(Retained.occupancy("2026-11-25T19:00:00+09:00", "hq",
                Retained.person("E001", "山田 太郎", "office", "2026-11-25T10:00:00+09:00"))));
        latest.take("office/hq/occupancy", bytes(Retained.occupancy("2026-11-25T19:00:05+09:00", "hq")));
        RollCall empty = latest.rollCall("hq");
        assertEquals(0, empty.inside());

        assertThrows(InvalidInputException.class, () -> latest.take("office/hq/occupancy", bytes("{}")));
        assertThrows(InvalidInputException.class, () -> latest.take("office/hq/occupancy",
                bytes(Retained.occupancy("2026-11-25T19:00:05+09:00", "branch"))), "the payload names another site");
        assertSame(empty, latest.rollCall("hq"));
    }

    @Test
    void a_retained_state_cleared_by_its_publisher_leaves_the_site_without_it() {
        latest.take("office/hq/occupancy", bytes(Retained.occupancy("2026-11-25T19:00:00+09:00", "hq")));
        latest.take("office/hq/pcs", bytes(Retained.pcs("2026-11-25T19:00:00+09:00", "hq")));
        assertEquals(Verdict.Status.READY, latest.rollCall("hq").verdict().status());

        latest.take("office/hq/occupancy", new byte[0]);
        assertNull(latest.rollCall("hq").occupancy());
        assertEquals(Verdict.Status.NO_DATA, latest.rollCall("hq").verdict().status());
    }
}
