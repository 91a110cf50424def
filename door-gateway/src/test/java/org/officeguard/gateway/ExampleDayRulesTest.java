package org.officeguard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.core.rules.DoorGateway;
import org.officeguard.testsupport.ExampleDay;

/**
 * The example day through the gateway engine alone, no broker: the same inputs as the end-to-end test,
 * so a rule mistake shows here first, in plain Java.
 */
class ExampleDayRulesTest {

    @Test
    void example_day_gives_the_expected_gateway_violations_and_activity() {
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        DoorGateway gateway = new DoorGateway(site);
        Topics topics = new Topics("office");
        List<Violation> violations = new ArrayList<>();
        int granted = 0;
        int denied = 0;
        for (ExampleDay.Message m : ExampleDay.messages()) {
            Topics.Address a = topics.parse(m.topic()).orElseThrow();
            byte[] p = m.payload().getBytes(StandardCharsets.UTF_8);
            DoorGateway.Result r = switch (a.kind()) {
                case BADGE -> gateway.onBadge(Payloads.badge(p, a.name()));
                case VISITOR_REGISTER -> gateway.onRegistration(Payloads.visitorRegistration(p));
                case LAST_EXIT -> gateway.onLastExit(Payloads.lastExit(p));
                case CLOCK -> gateway.onClock(Payloads.clock(p));
                default -> DoorGateway.Result.NOTHING;
            };
            if (r.decision() != null) {
                if (r.decision().granted()) {
                    granted++;
                } else {
                    denied++;
                }
            }
            violations.addAll(r.violations());
        }
        JsonNode expected = ExampleDay.expectedReport();
        assertEquals(expected.at("/activity/passagesGranted").asInt(), granted, "granted");
        assertEquals(expected.at("/activity/passagesDenied").asInt(), denied, "denied");
        List<String> want = new ArrayList<>();
        for (JsonNode v : expected.get("violations")) {
            if (Rule.valueOf(v.get("rule").asText()).service() == Rule.Service.DOOR_GATEWAY) {
                want.add(v.get("ts").asText() + " " + v.get("rule").asText() + " " + v.get("badge").asText() + " "
                        + v.get("subject").asText());
            }
        }
        List<String> got = violations.stream()
                .sorted(java.util.Comparator.comparing(Violation::ts).thenComparing(v -> v.rule().name()))
                .map(v -> TimeFormat.format(v.ts(), site.timezone()) + " " + v.rule() + " " + v.badge() + " " + v.subject())
                .toList();
        assertEquals(want, got);
    }
}
