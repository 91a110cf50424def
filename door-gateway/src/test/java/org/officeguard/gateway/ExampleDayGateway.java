package org.officeguard.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.gateway.rules.DoorGateway;
import org.officeguard.testsupport.ExampleDay;

/**
 * The example day (or any day) through the door-gateway's rule engine alone, no broker: what the gateway
 * decides and reports for each message, in order. The lockout-monitor's {@code ExampleDayEngines} feeds
 * these decisions on to its own engine; this module's tests see the gateway's half on its own.
 */
public final class ExampleDayGateway {

    /** One message of the day and what the gateway made of it: the decision (for a badge) and the violations. */
    public record Step(ExampleDay.Message input, Topics.Address address, Decision decision, List<Violation> violations) {}

    private ExampleDayGateway() {}

    /** Any day's device messages, in publish order, through a fresh gateway for {@code site}. */
    public static List<Step> run(SiteConfig site, List<ExampleDay.Message> messages) {
        DoorGateway gateway = new DoorGateway(site);
        Topics topics = new Topics("office");
        List<Step> steps = new ArrayList<>();
        for (ExampleDay.Message message : messages) {
            Topics.Address address = topics.parse(message.topic()).orElseThrow();
            byte[] payload = message.payload().getBytes(StandardCharsets.UTF_8);
            DoorGateway.Result result = switch (address.kind()) {
                case BADGE -> gateway.onBadge(Payloads.badge(payload, address.name()));
                case VISITOR_REGISTER -> gateway.onRegistration(Payloads.visitorRegistration(payload));
                case LAST_EXIT -> gateway.onLastExit(Payloads.lastExit(payload));
                case CLOCK -> gateway.onClock(Payloads.clock(payload));
                case PC_STATE -> DoorGateway.Result.NOTHING;
                default -> throw new IllegalStateException("the example day has no " + message.topic());
            };
            steps.add(new Step(message, address, result.decision(), result.violations()));
        }
        return steps;
    }
}
