package org.officeguard.reporting;

import static org.officeguard.core.model.Topics.Kind.CLOCK;
import static org.officeguard.core.model.Topics.Kind.DECISION;
import static org.officeguard.core.model.Topics.Kind.LAST_EXIT;
import static org.officeguard.core.model.Topics.Kind.VIOLATION;
import static org.officeguard.core.model.Topics.Kind.VISITOR_REGISTER;

import java.util.Map;
import org.apache.camel.Processor;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceRoutes;

/**
 * Violations, decisions, last-exit events, visitor registrations and clock ticks are stored as they
 * come and committed in groups (a group's MQTT acks follow its commit); closed days are published
 * retained; the reports are served over HTTP.
 */
final class ReportingRoutes extends ServiceRoutes {

    private final Reports reports;
    private final HttpReports http;

    ReportingRoutes(ServiceContext context, Reports reports, HttpReports http) {
        super(ReportingService.NAME, context);
        this.reports = reports;
        this.http = http;
    }

    @Override
    protected Topics.Kind[] inputs() {
        return new Topics.Kind[] {VIOLATION, DECISION, LAST_EXIT, VISITOR_REGISTER, CLOCK};
    }

    /** Its state is the database: every input is committed there before it is acknowledged. */
    @Override
    protected boolean journaled() {
        return false;
    }

    /** Group commit: the inputs handled since the last commit are committed together, then acknowledged. */
    @Override
    protected void beforeAcknowledge(java.util.List<org.apache.camel.Exchange> completed) {
        reports.commit();
    }

    /**
     * A commit writes the changed pages of every table it touched, whether it carries one row or hundreds, and
     * the inbox waits while it runs: gathering inputs per commit keeps reporting ahead of a busy site. At 20 ms
     * the commits took a fifth of reporting's CPU under load; at 100 ms reporting needs 116 instead of 140 µs
     * per pipeline input (BENCHMARKS.md). Reporting's acknowledgements are not on any door's path: a later
     * PUBACK only means a crash sends a little more again, which is stored once.
     */
    @Override
    protected java.time.Duration acknowledgementInterval() {
        return COMMIT_INTERVAL;
    }

    static final java.time.Duration COMMIT_INTERVAL = java.time.Duration.ofMillis(100);

    @Override
    protected Processor handler() {
        return byKind(Map.of(
                VIOLATION, publishingNothing(reports::violation),
                DECISION, publishingNothing(reports::decision),
                LAST_EXIT, publishingNothing(reports::lastExit),
                VISITOR_REGISTER, publishingNothing(reports::registration),
                CLOCK, publishingNothing(reports::clock)));
    }

    /**
     * On the wall clock, how long after its inbox opens reporting closes no day: what the broker kept for it while it
     * was down is read first (at Mosquitto's shipped in-flight limit of 100 and a commit per 100 ms, some 30,000
     * messages). With the event clock, time moves only with the inputs, in the order the broker keeps them.
     */
    static final java.time.Duration STARTUP_GRACE = java.time.Duration.ofSeconds(30);

    @Override
    protected void afterRecovery() {
        if (context.clockMode() == org.officeguard.runtime.ClockMode.WALL) {
            reports.holdClosing(STARTUP_GRACE);
        }
    }

    @Override
    protected void routes() {
        from("timer:reporting-close?period=250").routeId(startsAfterRecovery("reporting-close"))
                .bean(reports, "closeDue")
                .to(publish());

        tickOnTheWallClock(() -> {
            reports.wallClock(); // moves the watermark; closed days are published by reporting-close
            return java.util.List.of();
        });

        getContext().getRegistry().bind("reportHeaders", HttpReports.HEADERS);
        from("platform-http:/reports/{site}?httpMethodRestrict=GET&headerFilterStrategy=#reportHeaders")
                .routeId("reporting-dates")
                .process(http::authorize)
                .process(http::dates);

        from("platform-http:/reports/{site}/{file}?httpMethodRestrict=GET&headerFilterStrategy=#reportHeaders")
                .routeId("reporting-day")
                .process(http::authorize)
                .process(http::day);
    }

    @Override
    public Map<String, Object> healthDetails() {
        return reports.health();
    }
}
