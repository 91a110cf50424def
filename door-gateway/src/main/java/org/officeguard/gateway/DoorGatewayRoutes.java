package org.officeguard.gateway;

import static org.officeguard.core.model.Topics.Kind.BADGE;
import static org.officeguard.core.model.Topics.Kind.CLOCK;
import static org.officeguard.core.model.Topics.Kind.LAST_EXIT;
import static org.officeguard.core.model.Topics.Kind.VISITOR_REGISTER;

import java.util.Map;
import org.apache.camel.Processor;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceRoutes;

/**
 * Badges, visitor registrations, last-exit events and clock ticks come in on one session; decisions
 * and violations go out in the order the rules produced them. Bad input goes to the dead-letter topic.
 */
final class DoorGatewayRoutes extends ServiceRoutes {

    private final Gateways gateways;

    DoorGatewayRoutes(ServiceContext context, Gateways gateways) {
        super(DoorGatewayService.NAME, context);
        this.gateways = gateways;
    }

    @Override
    protected Topics.Kind[] inputs() {
        return new Topics.Kind[] {BADGE, VISITOR_REGISTER, LAST_EXIT, CLOCK};
    }

    @Override
    protected Processor handler() {
        return byKind(Map.of(
                BADGE, gateways::badge,
                VISITOR_REGISTER, gateways::registration,
                LAST_EXIT, gateways::lastExit,
                CLOCK, gateways::clock));
    }

    @Override
    protected void routes() {
        tickOnTheWallClock(gateways::wallClock);
    }

    @Override
    public Map<String, Object> healthDetails() {
        return Map.of("sites", gateways.health(), "refusedResponseTopics", gateways.refusedReplies());
    }
}
