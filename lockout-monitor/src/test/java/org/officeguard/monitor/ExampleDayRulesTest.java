package org.officeguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.core.rules.DoorGateway;
import org.officeguard.core.rules.LockoutMonitor;
import org.officeguard.testsupport.ExampleDay;

/**
 * The example day through both engines, no broker: the gateway decides, the monitor takes its
 * decisions with the PC and panel events, and together they find the thirteen expected violations.
 */
class ExampleDayRulesTest {

    @Test
    void example_day_gives_all_thirteen_expected_violations() {
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        DoorGateway gateway = new DoorGateway(site);
        LockoutMonitor monitor = new LockoutMonitor(site);
        Topics topics = new Topics("office");
        List<Violation> violations = new ArrayList<>();
        for (ExampleDay.Message m : ExampleDay.messages()) {
            Topics.Address a = topics.parse(m.topic()).orElseThrow();
            byte[] p = m.payload().getBytes(StandardCharsets.UTF_8);
            switch (a.kind()) {
                case BADGE -> {
                    DoorGateway.Result r = gateway.onBadge(Payloads.badge(p, a.name()));
                    violations.addAll(r.violations());
                    violations.addAll(monitor.onDecision(Payloads.decision(Payloads.write(r.decision(), site.timezone()))));
                }
                case VISITOR_REGISTER -> violations.addAll(gateway.onRegistration(Payloads.visitorRegistration(p)).violations());
                case LAST_EXIT -> {
                    violations.addAll(gateway.onLastExit(Payloads.lastExit(p)).violations());
                    violations.addAll(monitor.onLastExit(Payloads.lastExit(p)));
                }
                case PC_STATE -> violations.addAll(monitor.onPcState(Payloads.pcState(p, a.name())));
                case CLOCK -> {
                    violations.addAll(gateway.onClock(Payloads.clock(p)).violations());
                    violations.addAll(monitor.onClock(Payloads.clock(p)));
                }
                default -> throw new AssertionError(m.topic());
            }
        }
        List<String> want = new ArrayList<>();
        for (JsonNode v : ExampleDay.expectedReport().get("violations")) {
            want.add(v.get("ts").asText() + " " + v.get("rule").asText() + " " + v.get("badge").asText() + " "
                    + v.get("subject").asText());
        }
        List<String> got = violations.stream()
                .sorted(Comparator.comparing(Violation::ts).thenComparing(v -> v.rule().name()).thenComparing(Violation::id))
                .map(v -> TimeFormat.format(v.ts(), site.timezone()) + " " + v.rule() + " " + v.badge() + " " + v.subject())
                .toList();
        assertEquals(String.join("\n", want), String.join("\n", got));
        assertEquals(0, monitor.occupancy());
    }
}
