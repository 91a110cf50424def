package org.officeguard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.testsupport.ExampleDay;

/**
 * The example day through the gateway engine alone, no broker: the same inputs as the end-to-end test,
 * so a rule mistake shows here first, in plain Java.
 */
class ExampleDayRulesTest {

    @Test
    void example_day_gives_the_expected_gateway_violations_and_activity() {
        SiteConfig site = ExampleDay.site();
        List<Violation> violations = new ArrayList<>();
        int granted = 0;
        int denied = 0;
        for (ExampleDayGateway.Step step : ExampleDayGateway.run(site, ExampleDay.messages())) {
            if (step.decision() != null) {
                granted += step.decision().granted() ? 1 : 0;
                denied += step.decision().granted() ? 0 : 1;
            }
            violations.addAll(step.violations());
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
                .sorted(Comparator.comparing(Violation::ts).thenComparing(v -> v.rule().name()))
                .map(v -> TimeFormat.format(v.ts(), site.timezone()) + " " + v.rule() + " " + v.badge() + " " + v.subject())
                .toList();
        assertEquals(want, got);
    }
}
