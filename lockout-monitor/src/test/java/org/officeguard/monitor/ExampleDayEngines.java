package org.officeguard.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.gateway.ExampleDayGateway;
import org.officeguard.monitor.rules.LockoutMonitor;
import org.officeguard.testsupport.ExampleDay;

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

    public static List<Step> run() {
        return run(ExampleDay.site(), ExampleDay.messages());
    }

    /**
     * Any day's device messages, in publish order, through a fresh gateway and monitor for {@code site}: the
     * monitor takes the gateway's decisions in place of the badges, and the other inputs as they are.
     */
    public static List<Step> run(SiteConfig site, List<ExampleDay.Message> messages) {
        LockoutMonitor monitor = new LockoutMonitor(site);
        List<Step> steps = new ArrayList<>();
        for (ExampleDayGateway.Step gateway : ExampleDayGateway.run(site, messages)) {
            byte[] payload = gateway.input().payload().getBytes(StandardCharsets.UTF_8);
            List<Violation> fromMonitor = switch (gateway.address().kind()) {
                case BADGE -> monitor.onDecision(gateway.decision());
                case LAST_EXIT -> monitor.onLastExit(Payloads.lastExit(payload));
                case PC_STATE -> monitor.onPcState(Payloads.pcState(payload, gateway.address().name()));
                case CLOCK -> monitor.onClock(Payloads.clock(payload));
                default -> List.of();
            };
            steps.add(new Step(gateway.input(), gateway.address(), gateway.decision(), gateway.violations(), fromMonitor));
        }
        return steps;
    }

    /** Every violation of the example day, in the order the engines reported them. */
    public static List<Violation> violations() {
        return violations(run());
    }

    public static List<Violation> violations(List<Step> steps) {
        List<Violation> all = new ArrayList<>();
        steps.forEach(step -> all.addAll(step.violations()));
        return all;
    }
}
