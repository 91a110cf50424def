package org.officeguard.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A service's readiness as a Camel health check (group {@code officeguard}, id the service's name): UP once its journal
 * is replayed and its inbox is connected and subscribed. Its detail {@link #FIGURES} holds what {@code /health} shows
 * of the service: its counters and its own figures (watermarks, late inputs, ...).
 *
 * <p>Readiness only: a broker that is away makes the service unready until the session is back, which is no reason
 * to restart it. Liveness is Camel's own context check.
 */
final class ServiceHealthCheck extends AbstractHealthCheck {

    static final String GROUP = "officeguard";
    /** The detail that holds the service's figures for {@code /health}, in order. */
    static final String FIGURES = "officeguard.figures";

    private final RunningService service;

    ServiceHealthCheck(RunningService service) {
        super(GROUP, service.name());
        this.service = service;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (service.ready(getCamelContext())) {
            builder.up();
        } else {
            builder.down();
        }
        Map<String, Object> figures = new LinkedHashMap<>(service.counters(getCamelContext()));
        figures.putAll(service.healthDetails());
        builder.detail(FIGURES, figures);
    }
}
