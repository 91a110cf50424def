package org.officeguard.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.gateway.rules.DoorGateway;
import org.officeguard.monitor.rules.LockoutMonitor;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;

/**
 * One simulated site's days as the centre receives them, worked out before anything is timed: the simulator's
 * {@link Scenario} through the door-gateway's and the lockout-monitor's rule engines, as the site's own services
 * decide it, and what the site's bridge then carries up to the centre's broker (reporting's inbox): each decision and
 * violation, and the last-exit events, visitor registrations and clock ticks of the site's devices. Also what the
 * site's final reports must count, and how many violations of each rule the simulator's own model expects.
 */
final class SiteUpstream {

    /**
     * A message for the centre. {@code at} is the event time of the site input it follows from (a violation a tick
     * releases comes with the tick), by which the centre's stream interleaves the sites.
     */
    record Message(Instant at, String topic, byte[] payload) {}

    /** What a day's final report must count. */
    record DayCounts(long passagesGranted, long passagesDenied, Map<Rule, Long> byRule) {

        long violations() {
            return byRule.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A day's counts as they are gathered. */
    private static final class DayTally {
        long granted;
        long denied;
        final Map<Rule, Long> byRule = new EnumMap<>(Rule.class);

        DayCounts counts() {
            Map<Rule, Long> all = new EnumMap<>(Rule.class);
            for (Rule rule : Rule.values()) {
                all.put(rule, byRule.getOrDefault(rule, 0L));
            }
            return new DayCounts(granted, denied, all);
        }
    }

    private final SiteConfig site;
    private final String yaml;
    private final Topics topics;
    private final List<Message> messages = new ArrayList<>();
    private final TreeMap<LocalDate, DayTally> tallies = new TreeMap<>();
    private final Map<Rule, Long> simulatorExpects = new EnumMap<>(Rule.class);
    private final List<LocalDate> closing = new ArrayList<>();
    private long decisions;
    private long violations;

    private SiteUpstream(SiteConfig site, String yaml, Topics topics) {
        this.site = site;
        this.yaml = yaml;
        this.topics = topics;
    }

    /**
     * The sample office of {@code people} as site {@code id} in {@code timezone}, {@code days} days from {@code first}
     * (the simulator's seed {@code seed}, its default lapse rates), on topics under {@code root}.
     */
    static SiteUpstream generate(String id, ZoneId timezone, int people, LocalDate first, int days, long seed,
            String root) {
        String yaml = SampleSite.yaml(people, first, id, timezone);
        SiteConfig site = SiteConfigLoader.parse(yaml, id + ".yaml");
        Scenario scenario = Scenario.generate(site, first, days, seed, LapseRates.defaults(), root);
        SiteUpstream upstream = new SiteUpstream(site, yaml, new Topics(root));
        upstream.play(scenario.messages());
        for (Rule rule : Rule.values()) {
            upstream.simulatorExpects.put(rule, scenario.truth().count(rule));
        }
        upstream.closingDays(scenario.messages());
        return upstream;
    }

    /** The site's inputs through its rule engines, in the order its devices publish them. */
    private void play(List<DeviceMessage> inputs) {
        DoorGateway gateway = new DoorGateway(site);
        LockoutMonitor monitor = new LockoutMonitor(site);
        for (DeviceMessage input : inputs) {
            Topics.Address address = topics.parse(input.topic()).orElseThrow();
            Instant at = input.ts();
            byte[] payload = input.payload();
            switch (address.kind()) {
                case BADGE -> {
                    DoorGateway.Result result = gateway.onBadge(Payloads.badge(payload, address.name()));
                    decided(at, result.decision());
                    violations(at, result.violations());
                    violations(at, monitor.onDecision(result.decision()));
                }
                case PC_STATE -> violations(at, monitor.onPcState(Payloads.pcState(payload, address.name())));
                case LAST_EXIT -> {
                    LastExitEvent event = Payloads.lastExit(payload);
                    up(at, input.topic(), payload);
                    if (event.action() == LastExitAction.LOCKUP) {
                        tally(event.ts());
                    }
                    violations(at, gateway.onLastExit(event).violations());
                    violations(at, monitor.onLastExit(event));
                }
                case VISITOR_REGISTER -> {
                    up(at, input.topic(), payload);
                    violations(at, gateway.onRegistration(Payloads.visitorRegistration(payload)).violations());
                }
                case CLOCK -> {
                    Instant tick = Payloads.clock(payload);
                    up(at, input.topic(), payload);
                    violations(at, gateway.onClock(tick).violations());
                    violations(at, monitor.onClock(tick));
                }
                default -> throw new IllegalStateException("a site input the bench does not play: " + input.topic());
            }
        }
    }

    private void decided(Instant at, Decision decision) {
        up(at, topics.decision(site.site(), decision.door()), Payloads.write(decision, site.timezone()));
        DayTally day = tally(decision.ts());
        if (decision.granted()) {
            day.granted++;
        } else {
            day.denied++;
        }
        decisions++;
    }

    private void violations(Instant at, List<Violation> found) {
        for (Violation violation : found) {
            up(at, topics.violation(site.site(), violation.rule()), Payloads.write(violation, site.timezone()));
            tally(violation.ts()).byRule.merge(violation.rule(), 1L, Long::sum);
            violations++;
        }
    }

    private void up(Instant at, String topic, byte[] payload) {
        messages.add(new Message(at, topic, payload));
    }

    /** The day of {@code ts} at the site, which something was stored for. */
    private DayTally tally(Instant ts) {
        return tallies.computeIfAbsent(ts.atZone(site.timezone()).toLocalDate(), date -> new DayTally());
    }

    /**
     * The days the inputs close: every day from the site's first input's on (a day without any input closes too)
     * whose close point the last input passes.
     */
    private void closingDays(List<DeviceMessage> inputs) {
        Instant last = inputs.get(inputs.size() - 1).ts();
        for (LocalDate day = inputs.get(0).ts().atZone(site.timezone()).toLocalDate();
                Scenario.closesAt(site, day).isBefore(last); day = day.plusDays(1)) {
            closing.add(day);
        }
    }

    SiteConfig site() {
        return site;
    }

    String id() {
        return site.site();
    }

    /** The site file. */
    String yaml() {
        return yaml;
    }

    /** What the site's bridge carries up, in the order it does. */
    List<Message> messages() {
        return messages;
    }

    /** The index of the first message at or after the start of {@code day} at the site; the size if none is. */
    int firstOf(LocalDate day) {
        Instant start = day.atStartOfDay(site.timezone()).toInstant();
        for (int index = 0; index < messages.size(); index++) {
            if (!messages.get(index).at().isBefore(start)) {
                return index;
            }
        }
        return messages.size();
    }

    long decisions() {
        return decisions;
    }

    long violations() {
        return violations;
    }

    /** The days whose final report the centre must publish. */
    List<LocalDate> closingDays() {
        return closing;
    }

    /** What the final report of {@code day} must count (nothing, for a day without any input). */
    DayCounts expected(LocalDate day) {
        DayTally tally = tallies.get(day);
        return (tally == null ? new DayTally() : tally).counts();
    }

    /** Violations by rule over every day, as the site's rule engines found them. */
    Map<Rule, Long> byRule() {
        Map<Rule, Long> all = new EnumMap<>(Rule.class);
        for (Rule rule : Rule.values()) {
            all.put(rule, tallies.values().stream().mapToLong(day -> day.byRule.getOrDefault(rule, 0L)).sum());
        }
        return all;
    }

    /** Violations by rule over every day, as the simulator's own model of the days expects them. */
    Map<Rule, Long> simulatorExpects() {
        return simulatorExpects;
    }
}
