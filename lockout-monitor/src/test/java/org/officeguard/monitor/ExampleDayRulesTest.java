package org.officeguard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.testsupport.ExampleDay;

/**
 * The example day through both engines, no broker: the gateway decides, the monitor takes its
 * decisions with the PC and panel events, and together they find the thirteen expected violations.
 */
class ExampleDayRulesTest {

    @Test
    void example_day_gives_all_thirteen_expected_violations() {
        SiteConfig site = ExampleDay.site();
        List<String> want = new ArrayList<>();
        for (JsonNode v : ExampleDay.expectedReport().get("violations")) {
            want.add(v.get("ts").asText() + " " + v.get("rule").asText() + " " + v.get("badge").asText() + " "
                    + v.get("subject").asText());
        }
        List<String> got = ExampleDayEngines.violations().stream()
                .sorted(Comparator.comparing(Violation::ts).thenComparing(v -> v.rule().name()).thenComparing(Violation::id))
                .map(v -> TimeFormat.format(v.ts(), site.timezone()) + " " + v.rule() + " " + v.badge() + " " + v.subject())
                .toList();
        assertEquals(String.join("\n", want), String.join("\n", got));
    }
}
