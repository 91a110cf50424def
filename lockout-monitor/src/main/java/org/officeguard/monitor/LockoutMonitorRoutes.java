package org.officeguard.monitor;

import static org.officeguard.core.model.Topics.Kind.CLOCK;
import static org.officeguard.core.model.Topics.Kind.DECISION;
import static org.officeguard.core.model.Topics.Kind.LAST_EXIT;
import static org.officeguard.core.model.Topics.Kind.PC_STATE;

import java.util.Map;
import org.apache.camel.Processor;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceRoutes;

/**
 * Door decisions, PC reports, last-exit events and clock ticks come in on one session; the violations
 * they make due go out. Bad input goes to the dead-letter topic.
 */
final class LockoutMonitorRoutes extends ServiceRoutes {

    private final Monitors monitors;

    LockoutMonitorRoutes(ServiceContext context, Monitors monitors) {
        super(LockoutMonitorService.NAME, context);
        this.monitors = monitors;
    }

    @Override
    protected Topics.Kind[] inputs() {
        return new Topics.Kind[] {DECISION, PC_STATE, LAST_EXIT, CLOCK};
    }

    @Override
    protected Processor handler() {
        return byKind(Map.of(
                DECISION, monitors::decision,
                PC_STATE, monitors::pcState,
                LAST_EXIT, monitors::lastExit,
                CLOCK, monitors::clock));
    }

    @Override
    protected void routes() {
        tickOnTheWallClock(monitors::wallClock);
    }

    @Override
    public Map<String, Object> healthDetails() {
        return Map.of("sites", monitors.health());
    }
}
