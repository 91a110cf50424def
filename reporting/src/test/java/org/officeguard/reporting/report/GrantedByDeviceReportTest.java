package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.report.Page.cls;
import static org.officeguard.reporting.report.TestDays.DATE;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;
import org.officeguard.reporting.report.DailyReportCsvTest.Csv;

/**
 * Violations of passages the door's reader let through although the site refuses them (SPEC §3,
 * {@code details.grantedByDevice: true}): marked in the HTML timeline, with the mark explained, and a column of the CSV.
 */
class GrantedByDeviceReportTest {

    private static final SiteConfig SITE = TestDays.site();

    /** A ZONE_NOT_ALLOWED the reader let through at 09:00, an UNKNOWN_BADGE refused at 09:10, an ANTI_PASSBACK at 09:20. */
    private static DayData day() {
        return TestDays.day(SITE, List.of(
                violation("let-through", Rule.ZONE_NOT_ALLOWED, "09:00", "E001",
                        Map.of("zone", "server-room", "grantedByDevice", true)),
                violation("refused", Rule.UNKNOWN_BADGE, "09:10", "X999", Map.of("direction", "IN")),
                violation("soft", Rule.ANTI_PASSBACK, "09:20", "E002", Map.of("mode", "soft"))));
    }

    private static Violation violation(String id, Rule rule, String time, String badge, Map<String, Object> details) {
        return new Violation(id, "hq", rule, DATE.atTime(LocalTime.parse(time)).atZone(SITE.timezone()).toInstant(),
                badge, "door:front", details, List.of("ev-" + id));
    }

    @ParameterizedTest
    @CsvSource({"JA, ドアが通した, サイトの設定では通さない通行", "EN, let through by the reader, let the holder through"})
    void the_timeline_marks_only_the_violations_the_reader_let_through_and_explains_the_mark(Lang lang, String mark,
            String explanation) {
        Page page = new Page(DailyReport.html(day(), lang));

        String marked = "//ol[@id='timeline']/li[@data-id='%s']//span[" + cls("by-device") + "]";
        assertEquals(mark, page.text(marked.formatted("let-through")));
        assertEquals(0, page.all(marked.formatted("refused")).size());
        assertEquals(0, page.all(marked.formatted("soft")).size());
        String note = page.text("//p[@id='by-device-note']");
        assertTrue(note.startsWith(mark), note);
        assertTrue(note.contains(explanation), note);
        assertEquals(mark, page.text("//p[@id='by-device-note']/span[" + cls("by-device") + "]"));
    }

    @Test
    void a_day_the_readers_let_nobody_through_has_neither_mark_nor_note() {
        for (Lang lang : Lang.values()) {
            Page page = new Page(DailyReport.html(ExampleDayData.day(), lang));

            assertEquals(0, page.all("//*[" + cls("by-device") + "]").size());
            assertEquals(0, page.all("//*[@id='by-device-note']").size());
        }
    }

    @Test
    void the_mark_is_read_from_a_stored_violation_too() {
        Violation stored = Payloads.violation(Payloads.write(day().violations().get(0), SITE.timezone()));
        DayData day = TestDays.day(SITE, List.of(stored));

        Page page = new Page(DailyReport.html(day, Lang.EN));

        assertEquals(1, page.all("//ol[@id='timeline']/li//span[" + cls("by-device") + "]").size());
        assertEquals("true", Csv.records(DailyReport.csv(day)).get(0).get("ドアが通した"));
    }

    @Test
    void the_csv_has_a_last_column_that_says_whether_the_reader_let_the_holder_through() {
        byte[] csv = DailyReport.csv(day());

        List<List<String>> all = Csv.parse(csv);
        assertEquals("ドアが通した", all.get(0).get(all.get(0).size() - 1));
        assertEquals(List.of("true", "false", "false"), Csv.records(csv).stream().map(r -> r.get("ドアが通した")).toList());
        assertEquals(List.of("let-through", "refused", "soft"), Csv.records(csv).stream().map(r -> r.get("ID")).toList(),
                "ID keeps its place before the new column");
        assertTrue(new String(csv, StandardCharsets.UTF_8).contains("\"\"grantedByDevice\"\":true"),
                "the details column says it too");
    }

    @Test
    void the_json_report_carries_it_in_the_details() {
        assertTrue(DailyReport.json(day()).at("/violations/0/details/grantedByDevice").asBoolean());
        assertFalse(DailyReport.json(day()).at("/violations/1/details").has("grantedByDevice"));
    }
}
