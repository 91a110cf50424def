package org.officeguard.gateway;

import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.RunningService;

/** door-gateway: decides every badge at once and enforces the seven door and visitor rules. */
public final class DoorGatewayService implements OfficeService {

    public static final String NAME = "door-gateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutesBuilder routes(RunningService service) {
        Gateways gateways = new Gateways(service.context(), service.metrics());
        service.healthDetails(() -> Map.of("sites", gateways.health(), "refusedResponseTopics", gateways.refusedReplies()));
        return new DoorGatewayRoutes(service, gateways);
    }
}
