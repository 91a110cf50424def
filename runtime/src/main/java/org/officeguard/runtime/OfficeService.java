package org.officeguard.runtime;

/** A service officeguard can run: door-gateway, lockout-monitor or reporting. */
public interface OfficeService {

    /** The name used by {@code --services}, in client ids and on {@code /health}. */
    String name();

    /** The service's routes and state for these sites. Called once per application start. */
    ServiceRoutes routes(ServiceContext context);
}
