package org.officeguard.gateway;

import static org.officeguard.core.model.Topics.Kind.BADGE;
import static org.officeguard.core.model.Topics.Kind.CLOCK;
import static org.officeguard.core.model.Topics.Kind.LAST_EXIT;
import static org.officeguard.core.model.Topics.Kind.VISITOR_REGISTER;
import static org.officeguard.runtime.Envelopes.kind;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.runtime.CommonRoutes;
import org.officeguard.runtime.Envelopes;
import org.officeguard.runtime.Recovery;
import org.officeguard.runtime.RunningService;

/**
 * The door-gateway's routes. A badge's way: it comes in on the service's one MQTT session with the other inputs
 * (visitor registrations, last-exit events, clock ticks), goes through the rules ({@link Gateways}), and its decision
 * and violations go out on that session in the order the rules made them; once the broker has them, the badge is
 * journaled and acknowledged. Bad input goes to the dead-letter topic. Who is inside goes out on its own timer,
 * retained, off the badge's way: on a side session of its own, so that a large snapshot never sits ahead of a
 * decision on the decisions' connection.
 */
final class DoorGatewayRoutes extends RouteBuilder {

    static final String INBOX = "door-gateway-inbox";
    static final String RULES = "direct:door-gateway-rules";
    static final String WALL_CLOCK = "door-gateway-clock";
    static final String OCCUPANCY = "door-gateway-occupancy";
    /** The side session the occupancy goes out on: client id {@code {prefix}-door-gateway-occupancy}. */
    static final String OCCUPANCY_SESSION = "occupancy";

    private final RunningService service;
    private final Gateways gateways;

    DoorGatewayRoutes(RunningService service, Gateways gateways) {
        this.service = service;
        this.gateways = gateways;
    }

    @Override
    public void configure() throws Exception {
        // Before a group of completed inputs is acknowledged (in delivery order), the handled ones are journaled.
        HiveMqttEndpoint inbox = endpoint(service.inbox(BADGE, VISITOR_REGISTER, LAST_EXIT, CLOCK),
                HiveMqttEndpoint.class);
        inbox.onAcknowledge(service.journal()::appendHandled);

        from(inbox).routeId(INBOX)
                .routeConfigurationId(CommonRoutes.INBOUND_ERRORS) // bad input: dead-lettered, the route goes on
                .autoStartup(false)                                // opened by the recovery, below
                .process(service.envelopes())                      // the MQTT message as an Envelope: site, kind
                .to(RULES)
                .to(service.outbox())                              // done once the broker has every message
                .process(service::published);                      // then journaled, then acknowledged

        // The rules, by kind of input. The journal is replayed through here at start-up, its outputs dropped.
        from(RULES).routeId("door-gateway-rules")
                .routeConfigurationId(CommonRoutes.CALLED_BY_THE_INBOX)
                .choice()
                    .when(kind(BADGE)).bean(gateways, "badge")
                    .when(kind(VISITOR_REGISTER)).bean(gateways, "registration")
                    .when(kind(LAST_EXIT)).bean(gateways, "lastExit")
                    .when(kind(CLOCK)).bean(gateways, "clock")
                    .otherwise().process(Envelopes::notAnInput)
                .end();

        // On the wall clock, every site's event time follows the system clock, so deadlines fall due without input.
        if (service.onWallClock()) {
            from(service.wallClockTicks()).routeId(WALL_CLOCK)
                    .autoStartup(false)
                    .bean(gateways, "wallClock")
                    .to(service.outbox())
                    .process(service::published);
        }

        // Who is inside, retained on office/{site}/occupancy: the rules only count their changes, and this timer
        // publishes the sites that changed, each at most once a second, so a badge never waits for a snapshot. Started
        // after the replay: its first tick publishes every site's state as rebuilt, the replay itself nothing.
        // On the side session {prefix}-door-gateway-occupancy: a 10,000-person site's snapshot is about 1 MiB, and on
        // the inbox's session it held the decisions behind it for ~11 ms once a second (docs/decisions.md).
        from(service.liveStateTicks()).routeId(OCCUPANCY)
                .autoStartup(false)
                .bean(gateways, "occupancy")
                .filter(exchange -> !exchange.getMessage().getBody(List.class).isEmpty())
                .to(service.sideOutbox(OCCUPANCY_SESSION)); // QoS 1, retained; not counted among the outputs

        // Start-up: the journal replayed through the rules, then the inbox opened, then the clock ticking and the
        // occupancy published.
        // The journal is cut behind snapshots of every site's rule state; start-up restores the latest one first.
        service.journal().snapshots(gateways);
        getContext().addStartupListener(
                Recovery.replayingJournal(service, RULES).thenStart(INBOX, WALL_CLOCK, OCCUPANCY));
    }
}
