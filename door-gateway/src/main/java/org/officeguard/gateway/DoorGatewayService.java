package org.officeguard.gateway;

import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceRoutes;

/** door-gateway: decides every badge at once and enforces the seven door and visitor rules. */
public final class DoorGatewayService implements OfficeService {

    public static final String NAME = "door-gateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServiceRoutes routes(ServiceContext context) {
        return new DoorGatewayRoutes(context, new Gateways(context));
    }
}
