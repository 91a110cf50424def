package org.officeguard.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.officeguard.camel.hivemq.HiveMqttConsumer;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.camel.hivemq.SessionDiscard;
import org.officeguard.core.model.Topics;

/**
 * One service as the application runs it, and what its route builder takes from the runtime: the endpoints of its
 * MQTT session (and of its side sessions), the {@link Envelopes} step, its journal, its counters and its figures for
 * {@code /health}.
 */
public final class RunningService {

    private final String name;
    private final ServiceContext context;
    private final ServiceMetrics metrics;
    private final Envelopes envelopes;
    private ServiceJournal journal;
    private Supplier<Map<String, Object>> healthDetails = Map::of;
    private volatile boolean recovered;

    public RunningService(String name, ServiceContext context, MeterRegistry registry) {
        this.name = name;
        this.context = context;
        this.metrics = new ServiceMetrics(registry, name);
        this.envelopes = new Envelopes(name, context, metrics);
    }

    public String name() {
        return name;
    }

    public ServiceContext context() {
        return context;
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    /** The consumer of the service's inputs: every kind given, on its one MQTT session. */
    public String inbox(Topics.Kind... kinds) {
        return MqttEndpoints.inbox(context, name, kinds);
    }

    /** The consumer of these topic filters (a device's own topics and the like), on the service's one MQTT session. */
    public String inbox(List<String> topicFilters) {
        return MqttEndpoints.inbox(context, name, topicFilters);
    }

    /** Where the service publishes {@link Outbound} messages (one or a list), on that same session. */
    public String outbox() {
        return MqttEndpoints.outbox(context, name);
    }

    /**
     * Where the service publishes what no input waits for (the retained live state, on its timer): on a side session
     * of its own, {@code {prefix}-{service}-{name}}, so that a large message there is not ahead of the inputs' outputs
     * on their connection. Opened when the first route that sends to it starts, closed when the last one stops.
     */
    public String sideOutbox(String name) {
        return MqttEndpoints.sideOutbox(context, this.name, name);
    }

    /** The first step of every input: the MQTT message as an {@link Envelope}. */
    public Envelopes envelopes() {
        return envelopes;
    }

    /**
     * The step after publishing: counts the messages (and a badge's decision latency), and marks the input handled,
     * to be journaled before it is acknowledged.
     */
    public void published(Exchange exchange) {
        metrics.published(exchange.getMessage().getBody() instanceof Collection<?> messages ? messages.size() : 1);
        Envelope input = Envelopes.of(exchange);
        if (input != null && input.kind() == Topics.Kind.BADGE) {
            metrics.decisionPublished(input.site().site(), Duration.between(input.receivedAt(), Instant.now()).toNanos());
        }
        exchange.setProperty(ServiceJournal.HANDLED, true);
    }

    /** True with {@code --clock wall}: the service's event time then also follows the system clock. */
    public boolean onWallClock() {
        return context.clockMode() == ClockMode.WALL;
    }

    /** The wall clock's ticks, once a second. */
    public String wallClockTicks() {
        return "timer:" + name + "-clock?period=1000";
    }

    /**
     * The ticks on which the service publishes the live state of the sites that changed ({@link LiveStatePacer}):
     * five a second, so that a change comes out within 200 ms when its site's last publication is a second old. Each
     * tick waits until the broker has what it published, so a site's snapshots reach the broker in order.
     */
    public String liveStateTicks() {
        return "timer:" + name + "-live-state?period=200&delay=0&synchronous=true";
    }

    /** The service's input journal, {@code {data}/journal/{service}.journal}; opened by its {@link Recovery}. */
    public synchronized ServiceJournal journal() {
        if (journal == null) {
            Path folder = context.dataDir().resolve("journal");
            journal = new ServiceJournal(folder.resolve(name + ".journal"), folder.resolve(name + ".snapshot"), metrics);
        }
        return journal;
    }

    /** Where the service's own figures for {@code /health} come from (watermarks, late events, ...). */
    public void healthDetails(Supplier<Map<String, Object>> details) {
        this.healthDetails = details;
    }

    public Map<String, Object> healthDetails() {
        return healthDetails.get();
    }

    /** Called by the service's {@link Recovery} once it has run: journal replayed, inbox and timers started. */
    void recovered() {
        recovered = true;
    }

    /** Recovered, and connected and subscribed in every input session of this service. */
    public boolean ready(CamelContext camel) {
        List<HiveMqttConsumer> inboxes = inboxes(camel);
        return recovered && !inboxes.isEmpty() && inboxes.stream().allMatch(HiveMqttConsumer::isReady);
    }

    /** The counters {@code /health} shows of every service. */
    Map<String, Object> counters(CamelContext camel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taken", metrics.takenCount());
        m.put("deadLettered", metrics.deadLetteredCount());
        m.put("published", metrics.publishedCount());
        // A session the broker kept breaking, started afresh: what the broker held for it was lost (MqttSession).
        long discarded = 0;
        long takenOver = 0;
        SessionDiscard last = null;
        for (HiveMqttConsumer inbox : inboxes(camel)) {
            discarded += inbox.sessionsDiscarded();
            takenOver += inbox.sessionsTakenOver();
            SessionDiscard discard = inbox.lastSessionDiscard();
            if (discard != null && (last == null || discard.at().isAfter(last.at()))) {
                last = discard;
            }
        }
        m.put("sessionsDiscarded", discarded);
        // Another client with this service's client id (a second process of the same site and services).
        m.put("sessionsTakenOver", takenOver);
        if (last != null) {
            m.put("lastSessionDiscarded", Map.of("at", last.at().toString(), "reason", last.reason()));
        }
        return m;
    }

    /** The consumers of this service's input sessions. */
    private List<HiveMqttConsumer> inboxes(CamelContext camel) {
        List<HiveMqttConsumer> inboxes = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if (route.getConsumer() instanceof HiveMqttConsumer inbox && route.getRouteId().startsWith(name + "-")) {
                inboxes.add(inbox);
            }
        }
        return inboxes;
    }

    /** Closes the journal, once the inbox has stopped. */
    void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
