package org.officeguard.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's start-up, run by Camel once every route that starts with it runs: first its journal is replayed
 * through its rules route (for a journaled service), then Camel's route controller starts, in the order given, the
 * routes that wait for it ({@code autoStartup(false)}): the inbox, then the routes that move time.
 *
 * <p>The order matters. The inbox opens only on rebuilt state, and what the broker kept for the service waits for
 * it, unacknowledged. A wall-clock tick during the replay would move the watermark to now on an old state, fire every
 * pending deadline against it, and make the rest of the replay late; so the timers start last.
 *
 * <p>A startup listener rather than a route policy or startup order: the replay needs the {@code direct:} routes
 * running, and must end before the inbox's consumer takes its first message; startup order only orders the starts,
 * and a route policy hears of a route's start once its consumer already runs.
 */
public final class Recovery implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** One step of the start-up, run in order on the thread that starts Camel. */
    private interface Step {
        void run(CamelContext camel) throws Exception;
    }

    private final RunningService service;
    private final List<Step> steps;

    private Recovery(RunningService service, List<Step> steps) {
        this.service = service;
        this.steps = steps;
    }

    /** First replays the service's journal through the route at {@code rulesUri}, its outputs dropped. */
    public static Recovery replayingJournal(RunningService service, String rulesUri) {
        return replayingJournal(service, service.envelopes(), rulesUri);
    }

    /**
     * First replays the service's journal through {@code firstStep} (the inbox's own first step, for a service whose
     * inputs are not officeguard topics) and the route at {@code rulesUri}, its outputs dropped.
     */
    public static Recovery replayingJournal(RunningService service, Processor firstStep, String rulesUri) {
        return new Recovery(service, List.of(camel -> {
            service.metrics().pause(); // the replay is not traffic
            long replayed = service.journal().replayThrough(camel, firstStep, rulesUri);
            service.metrics().resume();
            if (service.journal().snapshots().restored()) {
                LOG.info("{}: rule state restored from its snapshot and {} journaled inputs after it", service.name(),
                        replayed);
            } else if (replayed > 0) {
                LOG.info("{}: rule state rebuilt from {} journaled inputs", service.name(), replayed);
            }
        }));
    }

    /** Nothing to replay: a service whose state is durable elsewhere (reporting's database). */
    public static Recovery withoutJournal(RunningService service) {
        return new Recovery(service, List.of());
    }

    /** Then starts these routes in this order; one that does not exist (the wall clock's, on event time) is skipped. */
    public Recovery thenStart(String... routeIds) {
        return then(camel -> {
            for (String routeId : routeIds) {
                if (camel.getRoute(routeId) != null) {
                    camel.getRouteController().startRoute(routeId);
                }
            }
        });
    }

    /** Then runs {@code action}: a service's own step between the starts of its routes. */
    public Recovery then(Runnable action) {
        return then(camel -> action.run());
    }

    private Recovery then(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new Recovery(service, List.copyOf(more));
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // the direct: routes the replay needs run only once Camel has fully started: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) throws Exception {
        for (Step step : steps) {
            step.run(camel);
        }
        service.recovered();
    }
}
