package org.officeguard.monitor;

import static org.officeguard.core.model.Topics.Kind.CLOCK;
import static org.officeguard.core.model.Topics.Kind.DECISION;
import static org.officeguard.core.model.Topics.Kind.LAST_EXIT;
import static org.officeguard.core.model.Topics.Kind.PC_STATE;
import static org.officeguard.runtime.Envelopes.kind;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.runtime.CommonRoutes;
import org.officeguard.runtime.Envelopes;
import org.officeguard.runtime.Recovery;
import org.officeguard.runtime.RunningService;

/**
 * The lockout-monitor's routes. Door decisions, PC reports, last-exit events and clock ticks come in on the service's
 * one MQTT session and go through the rules ({@link Monitors}); the violations they make due go out on that session;
 * once the broker has them, the input is journaled and acknowledged. Bad input goes to the dead-letter topic. Every
 * PC's last state goes out on its own timer, retained, on a side session of its own, off the violations' connection.
 */
final class LockoutMonitorRoutes extends RouteBuilder {

    static final String INBOX = "lockout-monitor-inbox";
    static final String RULES = "direct:lockout-monitor-rules";
    static final String WALL_CLOCK = "lockout-monitor-clock";
    static final String PCS = "lockout-monitor-pcs";
    /** The side session every PC's state goes out on: client id {@code {prefix}-lockout-monitor-pcs}. */
    static final String PCS_SESSION = "pcs";

    private final RunningService service;
    private final Monitors monitors;

    LockoutMonitorRoutes(RunningService service, Monitors monitors) {
        this.service = service;
        this.monitors = monitors;
    }

    @Override
    public void configure() throws Exception {
        // Before a group of completed inputs is acknowledged (in delivery order), the handled ones are journaled.
        HiveMqttEndpoint inbox = endpoint(service.inbox(DECISION, PC_STATE, LAST_EXIT, CLOCK), HiveMqttEndpoint.class);
        inbox.onAcknowledge(service.journal()::appendHandled);

        from(inbox).routeId(INBOX)
                .routeConfigurationId(CommonRoutes.INBOUND_ERRORS) // bad input: dead-lettered, the route goes on
                .autoStartup(false)                                // opened by the recovery, below
                .process(service.envelopes())                      // the MQTT message as an Envelope: site, kind
                .to(RULES)
                .to(service.outbox())                              // done once the broker has every message
                .process(service::published);                      // then journaled, then acknowledged

        // The rules, by kind of input. The journal is replayed through here at start-up, its outputs dropped.
        from(RULES).routeId("lockout-monitor-rules")
                .routeConfigurationId(CommonRoutes.CALLED_BY_THE_INBOX)
                .choice()
                    .when(kind(DECISION)).bean(monitors, "decision")
                    .when(kind(PC_STATE)).bean(monitors, "pcState")
                    .when(kind(LAST_EXIT)).bean(monitors, "lastExit")
                    .when(kind(CLOCK)).bean(monitors, "clock")
                    .otherwise().process(Envelopes::notAnInput)
                .end();

        // On the wall clock, every site's event time follows the system clock, so deadlines fall due without input.
        if (service.onWallClock()) {
            from(service.wallClockTicks()).routeId(WALL_CLOCK)
                    .autoStartup(false)
                    .bean(monitors, "wallClock")
                    .to(service.outbox())
                    .process(service::published);
        }

        // Every PC's last state, retained on office/{site}/pcs: the rules only count their changes, and this timer
        // publishes the sites that changed, each at most once a second. Started after the replay: its first tick
        // publishes every site's state as rebuilt, the replay itself nothing. On the side session
        // {prefix}-lockout-monitor-pcs, as the door-gateway's occupancy: a large site's snapshot does not sit ahead of
        // the violations on the inbox's connection (docs/decisions.md).
        from(service.liveStateTicks()).routeId(PCS)
                .autoStartup(false)
                .bean(monitors, "pcs")
                .filter(exchange -> !exchange.getMessage().getBody(List.class).isEmpty())
                .to(service.sideOutbox(PCS_SESSION)); // QoS 1, retained; not counted among the outputs

        // Start-up: the journal replayed through the rules, then the inbox opened, then the clock ticking and the
        // PC states published.
        // The journal is cut behind snapshots of every site's rule state; start-up restores the latest one first.
        service.journal().snapshots(monitors);
        getContext().addStartupListener(
                Recovery.replayingJournal(service, RULES).thenStart(INBOX, WALL_CLOCK, PCS));
    }
}
