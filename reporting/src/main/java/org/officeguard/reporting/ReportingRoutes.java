package org.officeguard.reporting;

import static org.officeguard.core.model.Topics.Kind.CLOCK;
import static org.officeguard.core.model.Topics.Kind.DECISION;
import static org.officeguard.core.model.Topics.Kind.LAST_EXIT;
import static org.officeguard.core.model.Topics.Kind.VIOLATION;
import static org.officeguard.core.model.Topics.Kind.VISITOR_REGISTER;
import static org.officeguard.runtime.Envelopes.kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.reporting.live.LatestStates;
import org.officeguard.runtime.CommonRoutes;
import org.officeguard.runtime.Envelopes;
import org.officeguard.runtime.Recovery;
import org.officeguard.runtime.RunningService;
import org.officeguard.runtime.UntilAvailable;

/**
 * Reporting's routes. Violations, decisions, last-exit events, visitor registrations and clock ticks come in on the
 * service's one MQTT session and are stored as they come ({@link Reports}); they are committed in groups, and a
 * group's acknowledgements follow its commit. Closed days are published retained; the reports are served over HTTP,
 * with the pages around them: the sites, a month of reports, and the roll call, made from the retained occupancy and
 * PC states that come in on a session of their own.
 */
final class ReportingRoutes extends RouteBuilder {

    static final String INBOX = "reporting-inbox";
    static final String STORE = "direct:reporting-store";
    static final String CLOSE = "reporting-close";
    static final String WALL_CLOCK = "reporting-clock";
    static final String RETENTION = "reporting-retention";

    /** How often what is older than the retention is deleted: once at start-up, then once a day. */
    static final Duration RETENTION_PERIOD = Duration.ofDays(1);

    /**
     * How often the retention timer looks whether a run is due ({@link Reports#retentionDue}). Not once a day: Camel's
     * timer drops a tick its thread runs before the consumer's start has returned ("Run not allowed for timer"), as a
     * tick due at once can on a busy machine, and the start-up's run would then wait a day.
     */
    static final Duration RETENTION_CHECK = Duration.ofSeconds(1);

    /**
     * How long completed inputs gather before their group is committed and acknowledged. A commit writes the changed
     * pages of every table it touched, whether it carries one row or hundreds, and the inbox waits while it runs:
     * gathering inputs per commit keeps reporting ahead of a busy site (the measurements are in docs/decisions.md).
     * Reporting's acknowledgements are not on any door's path: a later PUBACK only means a crash sends a little more
     * again, which is stored once.
     */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    /**
     * On the wall clock, how long after its inbox opens reporting closes no day: what the broker kept for it while it
     * was down is read first (at Mosquitto's shipped in-flight limit of 100 and a commit per 100 ms, some 30,000
     * messages). With the event clock, time moves only with the inputs, in the order the broker keeps them.
     */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(30);

    static final String LATEST = "reporting-latest";

    private final RunningService service;
    private final Reports reports;
    private final HttpReports http;
    /** Routes of their own that run with these: the morning e-mail's. */
    private final List<RoutesBuilder> included = new ArrayList<>();
    private final LatestStates latest;
    private final HttpPages pages;

    ReportingRoutes(RunningService service, Reports reports, HttpReports http, LatestStates latest, HttpPages pages) {
        this.service = service;
        this.reports = reports;
        this.http = http;
        this.latest = latest;
        this.pages = pages;
    }

    @Override
    public void configure() throws Exception {
        // Group commit: what the inputs since the last commit stored is committed, at most every 100 ms, and only
        // then are they acknowledged (in delivery order). Its state is the database: no journal.
        HiveMqttEndpoint inbox = endpoint(service.inbox(VIOLATION, DECISION, LAST_EXIT, VISITOR_REGISTER, CLOCK),
                HiveMqttEndpoint.class);
        inbox.onAcknowledge(this::commit);
        inbox.acknowledgeAtMostEvery(COMMIT_INTERVAL);

        from(inbox).routeId(INBOX)
                .routeConfigurationId(CommonRoutes.INBOUND_ERRORS) // bad input: dead-lettered, the route goes on
                .autoStartup(false)                                // opened by the start-up, below
                .process(service.envelopes())                      // the MQTT message as an Envelope: site, kind
                // while the database is away, the same input again after a back-off; later ones wait behind it
                .process(UntilAvailable.sendingTo(getContext(), STORE));

        // Stored by kind of input.
        from(STORE).routeId("reporting-store")
                .routeConfigurationId(CommonRoutes.CALLED_BY_THE_INBOX)
                .choice()
                    .when(kind(VIOLATION)).bean(reports, "violation")
                    .when(kind(DECISION)).bean(reports, "decision")
                    .when(kind(LAST_EXIT)).bean(reports, "lastExit")
                    .when(kind(VISITOR_REGISTER)).bean(reports, "registration")
                    .when(kind(CLOCK)).bean(reports, "clock")
                    .otherwise().process(Envelopes::notAnInput)
                .end();

        // Days whose settle time is over are closed four times a second; their final reports are published retained.
        from("timer:reporting-close?period=250").routeId(CLOSE)
                .autoStartup(false)
                .bean(reports, "closeDue")
                .to(service.outbox())
                .process(service::published);

        // On the wall clock, the watermark follows the system clock; closed days go out with reporting-close.
        if (service.onWallClock()) {
            from(service.wallClockTicks()).routeId(WALL_CLOCK)
                    .autoStartup(false)
                    .bean(reports, "wallClock");
        }

        // Retention (a privacy setting): what is older than --retention-days is deleted once the routes run, then
        // once a day, on a thread of its own; a run that fails (the database away) is done again the next day. The
        // deleted days' retained reports are cleared on the broker (an empty retained message each). The timer looks
        // every second whether a run is due: a tick Camel drops costs a second, not a day (RETENTION_CHECK).
        from("timer:" + RETENTION + "?delay=0&period=" + RETENTION_CHECK.toMillis()).routeId(RETENTION)
                .autoStartup(false)
                .filter(method(reports, "retentionDue"))
                    .bean(reports, "deleteExpired")
                    .to(service.outbox())
                    .process(service::published)
                .end();

        // Start-up: the inbox opens at once; on the wall clock no day closes for the first 30 s; then days close, the
        // clock ticks and the retention runs.
        getContext().addStartupListener(Recovery.withoutJournal(service)
                .thenStart(INBOX)
                .then(this::holdClosingWhileTheBacklogComes)
                .thenStart(CLOSE, WALL_CLOCK, RETENTION));

        // The roll call's state: the latest retained occupancy and PC states of the sites served, on a session of its
        // own; held in memory, not an input (LatestStateInbox).
        from(LatestStateInbox.endpoint(getContext(), service, latest)).routeId(LATEST)
                .routeConfigurationId(CommonRoutes.INBOUND_ERRORS)
                .process(e -> LatestStateInbox.take(e, service, latest));

        // Every page and report answers only a request with the report token (HttpReports.authorize).
        getContext().getRegistry().bind("reportHeaders", HttpReports.HEADERS);
        from("platform-http:/?httpMethodRestrict=GET&headerFilterStrategy=#reportHeaders")
                .routeId("reporting-sites")
                .process(http::authorize)
                .process(pages::sites);

        from("platform-http:/reports/{site}?httpMethodRestrict=GET&headerFilterStrategy=#reportHeaders")
                .routeId("reporting-dates")
                .process(http::authorize)
                .choice()
                    .when(header("site").endsWith(".html")).process(pages::month) // the month index
                    .otherwise().process(http::dates)
                .end();

        from("platform-http:/sites/{site}/{page}?httpMethodRestrict=GET&headerFilterStrategy=#reportHeaders")
                .routeId("reporting-now")
                .process(http::authorize)
                .process(pages::now);

        from("platform-http:/reports/{site}/{file}?httpMethodRestrict=GET&headerFilterStrategy=#reportHeaders")
                .routeId("reporting-day")
                .process(http::authorize)
                .process(http::day);
    }

    /** These routes, then those {@link #including included}. */
    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        super.addRoutesToCamelContext(context);
        for (RoutesBuilder routes : included) {
            routes.addRoutesToCamelContext(context);
        }
    }

    /** Adds {@code routes} to these. */
    ReportingRoutes including(RoutesBuilder routes) {
        included.add(routes);
        return this;
    }

    /** The inbox's acknowledgement hook: commits what the group stored; then the group is acknowledged. */
    private void commit(List<Exchange> group) {
        reports.commit();
        service.metrics().acknowledged(group.size());
    }

    /** See {@link #STARTUP_GRACE}. */
    private void holdClosingWhileTheBacklogComes() {
        if (service.onWallClock()) {
            reports.holdClosing(STARTUP_GRACE);
        }
    }
}
