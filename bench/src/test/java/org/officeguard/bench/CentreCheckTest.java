package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;

class CentreCheckTest {

    private static SiteUpstream.DayCounts expected(long tailgates) {
        Map<Rule, Long> byRule = new EnumMap<>(Rule.class);
        for (Rule rule : Rule.values()) {
            byRule.put(rule, 0L);
        }
        byRule.put(Rule.ANTI_PASSBACK, tailgates);
        return new SiteUpstream.DayCounts(120, 3, byRule);
    }

    private static JsonNode report(boolean isFinal, long tailgates, long granted) throws Exception {
        return Payloads.JSON.readTree("""
                {"site": "c10-s001", "date": "2026-11-26", "final": %s,
                 "totals": {"violations": %d, "byRule": {"ANTI_PASSBACK": %d}},
                 "activity": {"passagesGranted": %d, "passagesDenied": 3}}
                """.formatted(isFinal, tailgates, tailgates, granted));
    }

    @Test
    void a_final_report_with_the_expected_counts_has_no_differences() throws Exception {
        // a rule the report leaves out counts 0
        assertEquals(List.of(), CentreCheck.differences(report(true, 2, 120), expected(2)));
    }

    @Test
    void each_count_that_differs_is_named() throws Exception {
        assertEquals(List.of("violations 1 (expected 2)", "ANTI_PASSBACK 1 (expected 2)",
                "passagesGranted 119 (expected 120)"), CentreCheck.differences(report(true, 1, 119), expected(2)));
    }

    @Test
    void a_report_not_final_or_not_there_differs() throws Exception {
        assertEquals(List.of("not final"), CentreCheck.differences(report(false, 2, 120), expected(2)));
        assertEquals(List.of("no report"), CentreCheck.differences(MissingNode.getInstance(), expected(2)));
    }
}
