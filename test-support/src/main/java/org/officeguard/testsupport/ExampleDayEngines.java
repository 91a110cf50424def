package org.officeguard.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.core.rules.DoorGateway;
import org.officeguard.core.rules.LockoutMonitor;

/**
 * The example day (or any day) through the rule engines alone, no broker: what the door-gateway and the
 * lockout-monitor decide and report for each message, in order. The reference an end-to-end run is
 * compared with, and the source of the inputs a test feeds to one service on its own.
 */
public final class ExampleDayEngines {

    /** One message of the day and what it produced: the decision (for a badge) and the violations. */
    public record Step(ExampleDay.Message input, Topics.Address address, Decision decision,
            List<Violation> gatewayViolations, List<Violation> monitorViolations) {

        public List<Violation> violations() {
            List<Violation> all = new ArrayList<>(gatewayViolations);
            all.addAll(monitorViolations);
            return all;
        }
    }

    private ExampleDayEngines() {}

    public static SiteConfig site() {
        return SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
    }

    public static List<Step> run() {
        return run(site(), ExampleDay.messages());
    }

    /** Any day's device messages, in publish order, through a fresh gateway and monitor for {@code site}. */
    public static List<Step> run(SiteConfig site, List<ExampleDay.Message> messages) {
        DoorGateway gateway = new DoorGateway(site);
        LockoutMonitor monitor = new LockoutMonitor(site);
        Topics topics = new Topics("office");
        List<Step> steps = new ArrayList<>();
        for (ExampleDay.Message m : messages) {
            Topics.Address a = topics.parse(m.topic()).orElseThrow();
            byte[] p = m.payload().getBytes(StandardCharsets.UTF_8);
            Decision decision = null;
            List<Violation> fromGateway = List.of();
            List<Violation> fromMonitor = List.of();
            switch (a.kind()) {
                case BADGE -> {
                    DoorGateway.Result r = gateway.onBadge(Payloads.badge(p, a.name()));
                    decision = r.decision();
                    fromGateway = r.violations();
                    fromMonitor = monitor.onDecision(decision);
                }
                case VISITOR_REGISTER -> fromGateway = gateway.onRegistration(Payloads.visitorRegistration(p)).violations();
                case LAST_EXIT -> {
                    fromGateway = gateway.onLastExit(Payloads.lastExit(p)).violations();
                    fromMonitor = monitor.onLastExit(Payloads.lastExit(p));
                }
                case PC_STATE -> fromMonitor = monitor.onPcState(Payloads.pcState(p, a.name()));
                case CLOCK -> {
                    fromGateway = gateway.onClock(Payloads.clock(p)).violations();
                    fromMonitor = monitor.onClock(Payloads.clock(p));
                }
                default -> throw new IllegalStateException("the example day has no " + m.topic());
            }
            steps.add(new Step(m, a, decision, fromGateway, fromMonitor));
        }
        return steps;
    }

    /** Every violation of the example day, in the order the engines reported them. */
    public static List<Violation> violations() {
        return violations(run());
    }

    public static List<Violation> violations(List<Step> steps) {
        List<Violation> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(s.violations()));
        return all;
    }
}
