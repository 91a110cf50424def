package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.core.model.Direction.IN;
import static org.officeguard.core.model.Direction.OUT;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * The visitor rules after observed passages, through {@link DoorGateway} on event time: the escort and the
 * check-out follow the reader's verdict, not officeguard's.
 */
class ObservedVisitorsTest {

    private final GatewayScript script = new GatewayScript();

    @Nested
    class Escort {

        @Test
        void a_visitor_the_reader_lets_in_although_the_pass_is_not_valid_yet_is_checked_for_an_escort() {
            script.observed("v-1", "09:00:00", "front", "V001", IN, true); // pass valid from 10:00

            script.clock("10:00:00");

            Violation unescorted = only(Rule.VISITOR_UNESCORTED);
            assertEquals("V001", unescorted.badge());
            assertEquals("E001", unescorted.details().get("host"));
            assertEquals(List.of("v-1"), unescorted.sourceEventIds());
        }

        @Test
        void a_host_the_reader_lets_through_escorts_the_visitor() {
            script.observed("v-1", "09:00:00", "front", "V001", IN, true);
            script.observed("h-1", "09:00:20", "front", "E001", IN, true);

            script.clock("10:00:00");

            assertEquals(List.of(), script.of(Rule.VISITOR_UNESCORTED));
        }

        @Test
        void a_host_the_reader_refuses_does_not_escort_the_visitor() {
            script.badge("v-1", "10:00:00", "front", "V001", IN);
            script.observed("h-1", "10:00:20", "front", "E001", IN, false); // officeguard would grant it

            script.clock("11:00:00");

            assertEquals("V001", only(Rule.VISITOR_UNESCORTED).badge());
        }

        @Test
        void a_visitor_the_reader_refuses_is_not_checked_for_an_escort() {
            script.observed("v-1", "10:00:00", "front", "V001", IN, false); // officeguard would grant it

            script.clock("11:00:00");

            assertEquals(List.of(), script.emitted);
        }
    }

    @Nested
    class CheckOut {

        @Test
        void a_visitor_the_reader_keeps_inside_is_not_checked_out() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:10", "front", "V001", IN);
            script.observed("v-2", "11:00:00", "front", "V001", OUT, false); // egress is free for officeguard

            script.clock("12:15:06"); // validUntil + grace + reorder

            Violation notOut = only(Rule.VISITOR_NOT_CHECKED_OUT);
            assertEquals("zone:lobby", notOut.subject());
        }

        @Test
        void a_visitor_the_reader_lets_out_is_checked_out() {
            script.badge("h-1", "10:00:00", "front", "E001", IN);
            script.badge("v-1", "10:00:10", "front", "V001", IN);
            script.observed("v-2", "11:00:00", "front", "V001", OUT, true);

            script.clock("12:15:06");

            assertEquals(List.of(), script.of(Rule.VISITOR_NOT_CHECKED_OUT));
        }

        @Test
        void a_visitor_the_reader_lets_in_against_the_site_is_still_inside_at_the_lockup() {
            script.observed("v-1", "13:00:00", "front", "V001", IN, true); // pass ran out at 12:00

            script.lockup("x-1", "13:30:00", "E001");
            script.clock("13:30:06");

            Violation notOut = only(Rule.VISITOR_NOT_CHECKED_OUT);
            assertEquals("LOCKUP", notOut.details().get("trigger"));
            assertEquals(true, only(Rule.VISITOR_PASS_INVALID).details().get("grantedByDevice"));
        }
    }

    @Test
    void the_decision_is_written_with_the_readers_verdict_officeguards_reason_and_decided_by_device() {
        script.badge("e-1", "10:00:00", "front", "E001", IN);
        script.badge("e-2", "10:00:10", "office", "E001", IN);

        Decision decision = script.observed("e-3", "10:01:00", "server", "E001", IN, true).decision();

        String json = new String(Payloads.write(decision, GatewayScript.CONFIG.timezone()), StandardCharsets.UTF_8);
        assertTrue(json.endsWith("\"granted\":true,\"reason\":\"ZONE_NOT_ALLOWED\",\"decidedBy\":\"device\"}"), json);
        assertEquals(decision, Payloads.decision(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_redelivered_observed_badge_gets_its_first_decision_and_nothing_else() {
        DoorGateway.Result first = script.observed("v-1", "09:00:00", "front", "V001", IN, true);

        DoorGateway.Result again = script.observed("v-1", "09:00:00", "front", "V001", IN, true);

        assertSame(first.decision(), again.decision());
        assertEquals(List.of(), again.violations());
        assertEquals(1, script.of(Rule.VISITOR_PASS_INVALID).size());
    }

    private Violation only(Rule rule) {
        List<Violation> found = script.of(rule);
        assertEquals(1, found.size(), "exactly one " + rule + " in " + script.emitted);
        return found.get(0);
    }
}
