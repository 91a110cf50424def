package org.officeguard.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongFunction;
import org.officeguard.core.model.Decision;

/**
 * A service's figures as Micrometer meters, served in Prometheus's format on {@code GET /metrics}; {@code /health}
 * shows the totals of the first three. While the journal is replayed nothing is counted: the replay is not traffic.
 *
 * <ul>
 *   <li>{@code officeguard_inputs_taken_total{service,site}}, {@code officeguard_inputs_dead_lettered_total} and
 *       {@code officeguard_outputs_published_total{service}};
 *   <li>{@code officeguard_inputs_late_total{service,site}}: inputs that came after the watermark had passed them;
 *   <li>{@code officeguard_inputs_ignored_total{service,site,kind,reason}}: device messages the device-bridge took and
 *       had no use for (a heartbeat, another controller's record), by device kind and reason;
 *   <li>{@code officeguard_inputs_backlog{service}}: inputs taken and not yet acknowledged (reporting's: not yet
 *       committed);
 *   <li>{@code officeguard_decisions_total{site,reason,decided_by}}, {@code officeguard_violations_total{service,site,rule}};
 *   <li>{@code officeguard_decision_latency_seconds{site}}: a histogram of the time from a badge's arrival to the
 *       broker's acknowledgement of its decision;
 *   <li>{@code officeguard_site_newest_event_seconds{service,site}} and {@code officeguard_site_behind_seconds}: the
 *       newest event time a service has had from a site's inputs (Unix time), and how far that is behind the site
 *       furthest ahead (reporting: a site whose line to the centre is cut falls behind).
 * </ul>
 *
 * <p>The site of an input that names no site served here is {@code _unknown}, so that a stray topic adds no series.
 */
public final class ServiceMetrics {

    public static final String UNKNOWN_SITE = "_unknown";
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final String service;
    private final Map<String, Counter> taken = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Counter published;
    private final Counter acknowledged;
    private final Map<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
    private final Map<SiteAnd, Counter> violations = new ConcurrentHashMap<>();
    private final Map<String, Timer> decisionLatency = new ConcurrentHashMap<>();
    private final Map<Ignored, Counter> ignored = new ConcurrentHashMap<>();
    private volatile boolean paused;

    /** A site and one more label value (a reason, a rule). */
    private record SiteAnd(String site, String value) {}

    private record DecisionKey(String site, String reason, boolean byDevice) {}

    /** An ignored input's labels. */
    private record Ignored(String site, String kind, String reason) {}

    public ServiceMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
        this.published = Counter.builder("officeguard.outputs.published").tag("service", service)
                .description("Messages the service published: decisions, violations, closed days (dead letters not counted)")
                .register(registry);
        this.acknowledged = Counter.builder("officeguard.inputs.acknowledged").tag("service", service)
                .description("Inputs made durable (journaled or committed) and acknowledged to the broker")
                .register(registry);
        Gauge.builder("officeguard.inputs.backlog", this, metrics -> metrics.takenCount() - metrics.acknowledged.count())
                .tag("service", service)
                .description("Inputs taken and not yet acknowledged: in the rules, being published, or waiting for"
                        + " their group's journal write (reporting: its commit)")
                .register(registry);
    }

    /** Stops counting until {@link #resume}: for the replay of the journal. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    public void taken(String site) {
        if (!paused) {
            perSite(taken, site, "officeguard.inputs.taken", "Inputs the service took from the broker").increment();
        }
    }

    public void deadLettered(String site) {
        if (!paused) {
            perSite(deadLettered, site, "officeguard.inputs.dead.lettered", "Inputs refused and sent to the dead-letter"
                    + " topic").increment();
        }
    }

    public void published(int messages) {
        if (!paused) {
            published.increment(messages);
        }
    }

    /** Inputs taken and not yet acknowledged: 0 when none is in the rules, being published or being journaled. */
    long backlog() {
        return takenCount() - (long) acknowledged.count();
    }

    /** A group of inputs made durable, about to be acknowledged. */
    public void acknowledged(int inputs) {
        if (!paused) {
            acknowledged.increment(inputs);
        }
    }

    /**
     * A badge decided: {@code reason} is officeguard's own ({@code OK} or the rule that refuses it); an observed
     * passage is decided by its reader ({@code decided_by="device"}), whose verdict may differ from the reason.
     */
    public void decided(String site, String reason, boolean byDevice) {
        if (!paused) {
            DecisionKey decision = new DecisionKey(site, reason, byDevice);
            decisions.computeIfAbsent(decision, key -> Counter.builder("officeguard.decisions")
                    .tags("site", key.site(), "reason", key.reason(),
                            "decided_by", key.byDevice() ? Decision.DEVICE : "officeguard")
                    .description("Badges decided, by officeguard's reason (OK, or the rule that refuses) and by who"
                            + " decided (officeguard, or the reader of an observed passage)")
                    .register(registry)).increment();
        }
    }

    public void violation(String site, String rule) {
        if (!paused) {
            violations.computeIfAbsent(new SiteAnd(site, rule), key -> Counter.builder("officeguard.violations")
                    .tags("service", service, "site", key.site(), "rule", key.value())
                    .description("Violations the service found, by rule").register(registry)).increment();
        }
    }

    /** A badge's decision acknowledged by the broker, {@code nanos} after the badge came. */
    public void decisionPublished(String site, long nanos) {
        if (!paused) {
            decisionLatency.computeIfAbsent(site, key -> Timer.builder("officeguard.decision.latency").tag("site", key)
                    .description("From a badge's arrival to the broker's acknowledgement of its decision")
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** An input taken and not used, for a reason that is no fault of the input (a device's heartbeat, ...). */
    public void ignored(String site, String kind, String reason) {
        if (!paused) {
            ignored.computeIfAbsent(new Ignored(site, kind, reason), key -> Counter
                    .builder("officeguard.inputs.ignored")
                    .tags("service", service, "site", key.site(), "kind", key.kind(), "reason", key.reason())
                    .description("Device messages taken and not used (heartbeats, other controllers, ...), by kind"
                            + " and reason").register(registry)).increment();
        }
    }

    /** The ignored inputs of a site, by kind, then by reason. */
    public Map<String, Map<String, Long>> ignoredCounts(String site) {
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        ignored.forEach((key, counter) -> {
            if (key.site().equals(site)) {
                byKind.computeIfAbsent(key.kind(), kind -> new TreeMap<>()).put(key.reason(), (long) counter.count());
            }
        });
        return byKind;
    }

    public long ignoredCount() {
        long total = 0;
        for (Counter counter : ignored.values()) {
            total += (long) counter.count();
        }
        return total;
    }

    /** Counts a site's late inputs as its engine does: read under the engine's lock when scraped. */
    public <E> void lateInputs(String site, E engine, ToLongFunction<E> late) {
        FunctionCounter.builder("officeguard.inputs.late", engine, counted -> {
            synchronized (counted) {
                return late.applyAsLong(counted);
            }
        }).tags("service", service, "site", site)
                .description("Inputs that came after the watermark had passed them (counted on /health as late)")
                .register(registry);
    }

    /**
     * A site's event time as gauges: {@code newest}, the newest event time had from its inputs (Unix seconds), and
     * {@code behind}, how far that is behind the site furthest ahead (seconds); NaN before its first input.
     */
    public void siteTime(String site, DoubleSupplier newest, DoubleSupplier behind) {
        Gauge.builder("officeguard.site.newest.event", newest, DoubleSupplier::getAsDouble)
                .tags("service", service, "site", site).baseUnit("seconds").strongReference(true)
                .description("The newest event time had from the site's inputs (Unix time)").register(registry);
        Gauge.builder("officeguard.site.behind", behind, DoubleSupplier::getAsDouble)
                .tags("service", service, "site", site).baseUnit("seconds").strongReference(true)
                .description("How far the site's newest event time is behind the site furthest ahead")
                .register(registry);
    }

    public long takenCount() {
        return sum(taken);
    }

    public long deadLetteredCount() {
        return sum(deadLettered);
    }

    public long publishedCount() {
        return (long) published.count();
    }

    private Counter perSite(Map<String, Counter> counters, String site, String name, String description) {
        Counter counter = counters.get(site);
        return counter != null ? counter : counters.computeIfAbsent(site, key -> Counter.builder(name)
                .tags("service", service, "site", key).description(description).register(registry));
    }

    private static long sum(Map<String, Counter> counters) {
        long total = 0;
        for (Counter counter : counters.values()) {
            total += (long) counter.count();
        }
        return total;
    }
}
