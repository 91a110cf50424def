package org.officeguard.monitor;

import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceRoutes;

/** lockout-monitor: the screen-lock and last-exit rules, on event time. */
public final class LockoutMonitorService implements OfficeService {

    public static final String NAME = "lockout-monitor";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ServiceRoutes routes(ServiceContext context) {
        return new LockoutMonitorRoutes(context, new Monitors(context));
    }
}
