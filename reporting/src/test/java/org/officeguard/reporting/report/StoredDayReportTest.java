package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.report.ExampleDayData.DATE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The report of a day read back from the store, where each violation's stored JSON is copied through
 * unparsed, says exactly what the report built from parsed violations said.
 */
class StoredDayReportTest {

    private static final SiteConfig SITE = ExampleDayData.site();

    @TempDir
    static Path dir;

    private static ReportStore store;
    private static List<Violation> given;

    /** Stored once: the tests only read. */
    @BeforeAll
    static void store_the_mixed_day() {
        store = ReportStore.open(null, null, null, dir);
        given = MixedDay.violations();
        for (Violation v : given) {
            assertTrue(store.saveViolation(v, DATE, SITE.timezone()), v.id());
        }
        // another day and another site stay out of it
        store.saveViolation(MixedDay.v("other-day", Rule.PC_LEFT_ON, "2026-11-26T10:00:00+09:00",
                "E001", "pc:PC-01", Map.of()), DATE.plusDays(1), SITE.timezone());
        store.saveViolation(new Violation("other-site", "branch", Rule.PC_LEFT_ON,
                given.get(0).ts(), "E001", "pc:PC-01", Map.of(), List.of("x")), DATE, SITE.timezone());
        store.commit(); // writes are committed in groups; reads see committed rows
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private DayData stored(boolean fin) {
        return new DayData(SITE, DATE, fin, store.dayViolations("hq", DATE), ExampleDayData.activity(),
                ExampleDayData.visitorNames(), ExampleDayData.week());
    }

    private DayData objects(boolean fin) {
        return new DayData(SITE, DATE, fin, given, ExampleDayData.activity(), ExampleDayData.visitorNames(),
                ExampleDayData.week());
    }

    @Test
    void the_json_of_a_mixed_day_from_the_store_is_byte_for_byte_the_json_of_the_tree_built_report() {
        // the old path: every stored body parsed into a Violation, the report built as a tree over them
        List<Violation> parsed = store.violations("hq", DATE);
        assertEquals(given.size(), parsed.size());
        byte[] before = TreeReport.json(SITE, DATE, true, parsed, ExampleDayData.activity(), ExampleDayData.visitorNames());

        byte[] streamed = DailyReport.jsonBytes(stored(true));

        assertEquals(new String(before, StandardCharsets.UTF_8), new String(streamed, StandardCharsets.UTF_8));
        assertArrayEquals(before, streamed);
        // and from the violations as objects, never stored
        assertArrayEquals(before, DailyReport.jsonBytes(objects(true)));
        assertArrayEquals(TreeReport.json(SITE, DATE, true, given, ExampleDayData.activity(), ExampleDayData.visitorNames()),
                streamed);
    }

    @Test
    void the_mixed_day_is_in_report_order_down_to_the_nanosecond_and_names_visitors_by_the_earliest_host() throws Exception {
        JsonNode json = Payloads.JSON.readTree(DailyReport.jsonBytes(stored(false)));

        List<String> ids = new ArrayList<>();
        json.get("violations").forEach(v -> ids.add(v.get("id").asText()));
        List<String> expected = given.stream().sorted(Comparator.comparing(Violation::ts)
                .thenComparing(v -> v.rule().name()).thenComparing(Violation::id)).map(Violation::id).toList();
        assertEquals(expected, ids);
        // same millisecond: sub-b (.000200) and sub-c (.000200001) before sub-a (.000700), though ANTI_PASSBACK sorts first by rule
        assertTrue(ids.indexOf("sub-b") < ids.indexOf("sub-c") && ids.indexOf("sub-c") < ids.indexOf("sub-a"), ids.toString());
        assertTrue(ids.indexOf("tie-1") < ids.indexOf("tie-10") && ids.indexOf("tie-10") < ids.indexOf("tie-2"));

        JsonNode v777 = null;
        JsonNode v888 = null;
        for (JsonNode p : json.get("people")) {
            if (p.get("badge").asText().equals("V777")) {
                v777 = p;
            } else if (p.get("badge").asText().equals("V888")) {
                v888 = p;
            }
        }
        assertEquals("visitor", v777.get("kind").asText());
        assertEquals("E003", v777.get("host").asText(), "the host named by V777's earliest violation");
        assertEquals("unknown", v888.get("kind").asText(), "an empty or non-string host names nobody");
        assertEquals(given.size(), json.get("totals").get("violations").asInt());
    }

    @Test
    void html_and_csv_from_the_store_equal_those_from_the_violations_as_objects() {
        for (Lang lang : Lang.values()) {
            assertEquals(DailyReport.html(objects(true), lang), DailyReport.html(stored(true), lang), lang.name());
        }
        assertArrayEquals(DailyReport.csv(objects(true)), DailyReport.csv(stored(true)));
    }

    @Test
    void a_day_with_nothing_stored_is_an_empty_report() {
        DayData empty = new DayData(SITE, DATE.minusDays(3), false, store.dayViolations("hq", DATE.minusDays(3)), null,
                null, null);

        assertEquals(0, empty.violations().size());
        assertArrayEquals(TreeReport.json(SITE, DATE.minusDays(3), false, List.of(), Activity.none(), Map.of()),
                DailyReport.jsonBytes(empty));
    }
}
