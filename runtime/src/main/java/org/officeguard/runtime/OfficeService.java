package org.officeguard.runtime;

import org.apache.camel.RoutesBuilder;

/** A service officeguard can run: door-gateway, lockout-monitor, reporting or device-bridge. */
public interface OfficeService {

    /** The name used by {@code --services}, in client ids, route ids and on {@code /health}. */
    String name();

    /** Makes the service's beans for its sites and returns its routes. Called once per application start. */
    RoutesBuilder routes(RunningService service);
}
