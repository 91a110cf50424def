package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.officeguard.core.model.Direction.IN;
import static org.officeguard.core.model.Direction.OUT;
import static org.officeguard.gateway.rules.GatewayScript.at;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.gateway.rules.Locations.Occupant;

/**
 * Who is inside, as {@code office/{site}/occupancy} says it: persons named from the site file, visitors from their
 * pass with their host, badges the site does not know but a reader let in; since when each is in their zone; by zone
 * (the site file's order) then badge.
 */
class OccupancySnapshotTest {

    private final GatewayScript script = new GatewayScript();

    private OccupancySnapshot snapshot() {
        return script.gateway.locations().snapshot("hq", script.gateway.watermark());
    }

    private String json() {
        return new String(snapshot().toJson(GatewayScript.CONFIG.timezone()), StandardCharsets.UTF_8);
    }

    private long version() {
        return script.gateway.locations().version();
    }

    @Test
    void nobody_is_inside_before_any_input() {
        assertEquals("{\"ts\":null,\"site\":\"hq\",\"count\":0,\"occupants\":[]}", json());
    }

    @Test
    void a_person_a_visitor_with_their_host_and_an_unknown_badge_a_reader_let_in() {
        script.badge("b-1", "09:00:00", "front", "E001", IN);
        script.badge("b-2", "09:00:10", "office", "E001", IN);
        script.badge("b-3", "10:00:00", "front", "V001", IN);
        script.observed("b-4", "10:05:00", "front", "X999", IN, true);

        assertEquals("{\"ts\":\"2026-11-25T10:05:00+09:00\",\"site\":\"hq\",\"count\":3,\"occupants\":["
                + "{\"badge\":\"V001\",\"name\":\"Visitor One\",\"kind\":\"visitor\",\"zone\":\"lobby\","
                + "\"since\":\"2026-11-25T10:00:00+09:00\",\"host\":\"E001\"},"
                + "{\"badge\":\"X999\",\"name\":null,\"kind\":\"unknown\",\"zone\":\"lobby\","
                + "\"since\":\"2026-11-25T10:05:00+09:00\"},"
                + "{\"badge\":\"E001\",\"name\":\"山田 太郎\",\"kind\":\"person\",\"zone\":\"office\","
                + "\"since\":\"2026-11-25T09:00:10+09:00\"}]}", json());
    }

    @Test
    void an_unknown_badge_refused_is_not_inside_nor_one_a_reader_refused() {
        script.badge("b-1", "09:00:00", "front", "X999", IN);
        script.observed("b-2", "09:00:05", "front", "X998", IN, false);
        script.observed("b-3", "09:00:10", "front", "E001", IN, false);

        assertEquals(List.of(), snapshot().occupants());
        assertEquals(0, version(), "nothing moved");
    }

    @Test
    void leaving_removes_and_moving_on_starts_a_new_since() {
        script.badge("b-1", "09:00:00", "front", "E001", IN);
        script.badge("b-2", "09:00:00", "front", "E003", IN);
        script.badge("b-3", "09:10:00", "office", "E001", IN);
        script.badge("b-4", "09:20:00", "front", "E003", OUT);

        assertEquals(List.of(new Occupant("E001", GatewayScript.CONFIG.people().get("E001"), "office", at("09:10:00"))),
                snapshot().occupants());
        assertEquals(at("09:20:00"), snapshot().ts());

        script.badge("b-5", "09:30:00", "office", "E001", OUT);
        assertEquals(at("09:30:00"), snapshot().occupants().get(0).since(), "back in the lobby since 09:30");
        script.badge("b-6", "09:31:00", "front", "E001", OUT);
        assertEquals("{\"ts\":\"2026-11-25T09:31:00+09:00\",\"site\":\"hq\",\"count\":0,\"occupants\":[]}", json());
    }

    @Test
    void a_passage_into_the_zone_the_holder_is_in_keeps_since_when_they_are_there() {
        script.badge("b-1", "09:00:00", "front", "E001", IN);
        long version = version();

        // soft anti-passback: granted, reported, and E001 stays in the lobby
        script.badge("b-2", "09:05:00", "front", "E001", IN);

        assertEquals(at("09:00:00"), snapshot().occupants().get(0).since());
        assertEquals(version, version(), "nothing the occupancy shows changed");
    }

    @Test
    void a_visitor_inside_is_named_by_the_pass_registered_again_for_their_badge() {
        script.badge("b-1", "10:00:00", "front", "V001", IN);
        long version = version();

        script.register("r-1", "10:30:00", "V001", "E002", Set.of("lobby", "office"), "10:00:00", "18:00:00");

        assertNotEquals(version, version());
        assertEquals("{\"ts\":\"2026-11-25T10:30:00+09:00\",\"site\":\"hq\",\"count\":1,\"occupants\":["
                + "{\"badge\":\"V001\",\"name\":\"Visitor V001\",\"kind\":\"visitor\",\"zone\":\"lobby\","
                + "\"since\":\"2026-11-25T10:00:00+09:00\",\"host\":\"E002\"}]}", json(),
                "the new pass's name and host; still in the lobby since they came in");
    }

    @Test
    void occupants_are_listed_by_zone_in_the_site_files_order_then_by_badge() {
        script.badge("b-1", "09:00:00", "front", "E003", IN);
        script.badge("b-2", "09:00:01", "office", "E003", IN);
        script.badge("b-3", "09:00:02", "front", "E002", IN);
        script.badge("b-4", "09:00:03", "office", "E002", IN);
        script.badge("b-5", "09:00:04", "server", "E002", IN);
        script.badge("b-6", "09:00:05", "front", "E001", IN);
        script.badge("b-7", "09:00:06", "office", "E001", IN);
        script.observed("b-8", "09:00:07", "front", "A000", IN, true);

        assertEquals(List.of("A000@lobby", "E001@office", "E003@office", "E002@server-room"),
                snapshot().occupants().stream().map(o -> o.badge() + "@" + o.zone()).toList());
    }

    @Test
    void a_clock_tick_moves_the_time_the_state_is_as_of_but_not_the_state() {
        script.badge("b-1", "09:00:00", "front", "E001", IN);
        long version = version();

        script.clock("09:30:00");

        assertEquals(version, version());
        assertEquals(at("09:30:00"), snapshot().ts());
    }

    @Test
    void a_redelivered_badge_moves_nobody_again() {
        script.badge("b-1", "09:00:00", "front", "E001", IN);
        script.badge("b-2", "09:10:00", "front", "E001", OUT);
        long version = version();

        script.badge("b-1", "09:00:00", "front", "E001", IN);

        assertEquals(List.of(), snapshot().occupants());
        assertEquals(version, version());
    }
}
