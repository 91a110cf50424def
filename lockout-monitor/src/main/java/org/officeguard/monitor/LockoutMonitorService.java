package org.officeguard.monitor;

import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.RunningService;

/** lockout-monitor: the screen-lock and last-exit rules, on event time. */
public final class LockoutMonitorService implements OfficeService {

    public static final String NAME = "lockout-monitor";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutesBuilder routes(RunningService service) {
        Monitors monitors = new Monitors(service.context(), service.metrics());
        service.healthDetails(() -> Map.of("sites", monitors.health()));
        return new LockoutMonitorRoutes(service, monitors);
    }
}
