package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Topics;

/**
 * The sessions the endpoints name: a service's inbox and outbox share its client id; a side outbox has a client id of
 * its own, the service's with the side session's name after it.
 */
class MqttEndpointsTest {

    private static final ServiceContext CONTEXT = new ServiceContext(List.of(), new Topics("office"), ClockMode.EVENT,
            Clock.systemUTC(), "officeguard", Path.of("."), null);

    @Test
    void inbox_and_outbox_are_on_the_service_s_one_session() {
        assertEquals("hivemq-mqtt5:office/+/door/+/badge,office/+/clock?clientId=officeguard-door-gateway",
                MqttEndpoints.inbox(CONTEXT, "door-gateway", List.of("office/+/door/+/badge", "office/+/clock")));
        assertEquals("hivemq-mqtt5:door-gateway-out?clientId=officeguard-door-gateway",
                MqttEndpoints.outbox(CONTEXT, "door-gateway"));
    }

    @Test
    void a_side_outbox_is_on_a_session_of_its_own_named_after_the_service() {
        assertEquals("hivemq-mqtt5:door-gateway-occupancy-out?clientId=officeguard-door-gateway-occupancy",
                MqttEndpoints.sideOutbox(CONTEXT, "door-gateway", "occupancy"));
        assertEquals("hivemq-mqtt5:lockout-monitor-pcs-out?clientId=officeguard-lockout-monitor-pcs",
                MqttEndpoints.sideOutbox(CONTEXT, "lockout-monitor", "pcs"));
    }

    @Test
    void a_side_session_s_name_cannot_carry_endpoint_options() {
        for (String name : List.of("", "occupancy&qos=0", "a?b", "Occupancy", "live--state", "-pcs")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MqttEndpoints.sideOutbox(CONTEXT, "door-gateway", name), name);
            assertTrue(refused.getMessage().contains("side session"), refused.getMessage());
        }
    }
}
