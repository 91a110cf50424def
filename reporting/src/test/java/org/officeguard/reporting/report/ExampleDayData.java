package org.officeguard.reporting.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.testsupport.ExampleDay;

/**
 * The worked example's day as report input: the site file, the 13 violations the expected report
 * lists (with made-up ids and details), its activity figures and a made-up week before it.
 */
final class ExampleDayData {

    static final LocalDate DATE = LocalDate.of(2026, 11, 25);

    private static final SiteConfig SITE = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
    private static final JsonNode EXPECTED = ExampleDay.expectedReport();

    private ExampleDayData() {}

    static SiteConfig site() {
        return SITE;
    }

    /** The expected report; read-only, shared by the tests. */
    static JsonNode expected() {
        return EXPECTED;
    }

    /** The expected file's violations, in reverse order (the report must sort them). */
    static List<Violation> violations() {
        List<Violation> out = new ArrayList<>();
        int n = 0;
        for (JsonNode v : expected().get("violations")) {
            n++;
            Rule rule = Rule.valueOf(v.get("rule").asText());
            String badge = v.get("badge").asText();
            Map<String, Object> details = new LinkedHashMap<>();
            switch (rule) {
                case VISITOR_UNESCORTED, VISITOR_NOT_CHECKED_OUT -> details.put("host", badge.equals("V001") ? "E001" : "E002");
                case PC_LEFT_ON -> details.put("state", "ACTIVE");
                case SCREEN_LOCK_IDLE -> details.put("idleSeconds", 300);
                default -> details.put("direction", "IN");
            }
            out.add(new Violation(String.format("%02d-%s", 14 - n, rule.name().toLowerCase()), "hq", rule,
                    TimeFormat.parse(v.get("ts").asText()), badge, v.get("subject").asText(), details,
                    List.of("hq-" + (100 + n))));
        }
        Collections.reverse(out);
        return out;
    }

    static Activity activity() {
        JsonNode a = expected().get("activity");
        return new Activity(a.get("passagesGranted").asLong(), a.get("passagesDenied").asLong(), a.get("visitors").asLong(),
                instant(a.get("firstInAt")), instant(a.get("lastOutAt")), instant(a.get("lockupAt")));
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : TimeFormat.parse(n.asText());
    }

    /** V002 registered at reception during the day (V001 is in the site file). */
    static Map<String, String> visitorNames() {
        return Map.of("V002", "Visitor Two");
    }

    /** Six made-up days before the example day (the day itself is counted from its violations). */
    static List<DayTotals> week() {
        long[][] counts = { // visitors-habit rule, screen-lock rule, last-exit rule
            {2, 1, 0}, {0, 0, 0}, {4, 2, 1}, {1, 3, 0}, {0, 1, 1}, {5, 0, 2}};
        List<DayTotals> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Map<Rule, Long> m = new EnumMap<>(Rule.class);
            m.put(Rule.ZONE_NOT_ALLOWED, counts[i][0]);
            m.put(Rule.LEFT_PC_UNLOCKED, counts[i][1]);
            m.put(Rule.PC_LEFT_ON, counts[i][2]);
            out.add(new DayTotals(DATE.minusDays(6 - i), m));
        }
        return out;
    }

    static DayData day() {
        return new DayData(site(), DATE, expected().get("final").asBoolean(), violations(), activity(), visitorNames(), week());
    }
}
