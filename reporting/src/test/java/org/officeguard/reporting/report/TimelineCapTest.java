package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.report.Page.cls;
import static org.officeguard.reporting.report.TestDays.DATE;
import static org.officeguard.reporting.report.TestDays.TOKYO;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;
import org.w3c.dom.Element;

/**
 * The HTML timeline lists the first {@value HtmlReport#TIMELINE_ROWS} violations and says how many more
 * the CSV and JSON hold; everything else on the page still counts every violation.
 */
class TimelineCapTest {

    private static final int MORE = 345;

    /**
     * {@code TIMELINE_ROWS} violations from 08:00 (E001, a rule of each habit), then {@value #MORE} later
     * ones that are past the cap: E002's LOCKUP_MISSING at night and an unknown badge's, so that a rule,
     * a person and a habit only show up beyond the timeline.
     */
    private static DayData longDay(int first, int more) {
        List<Violation> out = new ArrayList<>();
        Instant start = DATE.atTime(8, 0).atZone(TOKYO).toInstant();
        Rule[] early = {Rule.ZONE_NOT_ALLOWED, Rule.LEFT_PC_UNLOCKED, Rule.SCREEN_LOCK_IDLE};
        for (int i = 0; i < first; i++) {
            out.add(new Violation(String.format("a%05d", i), "hq", early[i % early.length], start.plusSeconds(i), "E001",
                    "pc:PC-01", Map.of(), List.of("e" + i)));
        }
        Instant night = DATE.atTime(22, 0).atZone(TOKYO).toInstant();
        for (int i = 0; i < more; i++) {
            boolean unknown = i % 5 == 0;
            out.add(new Violation(String.format("b%05d", i), "hq", unknown ? Rule.UNKNOWN_BADGE : Rule.LOCKUP_MISSING,
                    night.plusSeconds(i), unknown ? "X1" : "E002", unknown ? "door:front" : "site:hq", Map.of(),
                    List.of("f" + i)));
        }
        java.util.Collections.reverse(out);
        return new DayData(TestDays.site(), DATE, false, out, null, Map.of(), List.of());
    }

    @Test
    void a_long_day_lists_the_first_rows_in_report_order_and_says_how_many_more_the_csv_and_json_hold() {
        DayData d = longDay(HtmlReport.TIMELINE_ROWS, MORE);
        int total = HtmlReport.TIMELINE_ROWS + MORE;
        JsonNode violations = DailyReport.json(d).get("violations");
        assertEquals(total, violations.size(), "the JSON keeps every violation");
        String csv = new String(DailyReport.csv(d), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(total + 1, csv.split("\r\n").length, "the CSV keeps every violation");

        for (Lang lang : Lang.values()) {
            Page p = new Page(DailyReport.html(d, lang));
            List<Element> items = p.all("//ol[@id='timeline']/li");
            assertEquals(HtmlReport.TIMELINE_ROWS, items.size());
            for (int i = 0; i < items.size(); i += 97) {
                assertEquals(violations.get(i).get("id").asText(), items.get(i).getAttribute("data-id"));
            }
            assertEquals(violations.get(HtmlReport.TIMELINE_ROWS - 1).get("id").asText(),
                    items.get(items.size() - 1).getAttribute("data-id"));

            Element more = p.one("//section[@id='day']/p[@id='timeline-more']");
            assertEquals(Integer.toString(MORE), more.getAttribute("data-more"));
            String text = Page.text(more);
            if (lang == Lang.EN) {
                assertEquals("…and 345 more — the full list is in the CSV and the JSON.", text);
                assertTrue(p.text("//section[@id='day']/p[" + cls("hint") + "]").contains("The first 1,000 of 1,345"));
            } else {
                assertEquals("ほか 345 件 — 全件の一覧は CSV と JSON にあります。", text);
                assertTrue(p.text("//section[@id='day']/p[" + cls("hint") + "]").contains("全 1,345 件のうち、最初の 1,000 件"));
            }
            // the note's two links are the page's only ones, relative: next to the page over HTTP and on disk
            List<Element> links = p.all("//a");
            assertEquals(List.of(DATE + ".csv", DATE + ".json"), links.stream().map(a -> a.getAttribute("href")).toList());
            assertEquals(links, p.all("//p[@id='timeline-more']/a"));
            assertEquals(2, p.html.toLowerCase(Locale.ROOT).split("href=", -1).length - 1);
        }
    }

    @Test
    void totals_habits_people_and_the_trend_still_count_the_violations_past_the_timeline() {
        DayData d = longDay(HtmlReport.TIMELINE_ROWS, MORE);
        Page p = new Page(DailyReport.html(d, Lang.EN));
        long unknown = (MORE + 4) / 5;
        long lockups = MORE - unknown;

        assertEquals("1,345", p.text("//div[@id='card-violations']/p[" + cls("value") + "]"));
        assertEquals("1,345", p.text("//table[@id='totals']/tfoot//td"));
        assertEquals(Long.toString(lockups), p.one("//tr[@data-rule='LOCKUP_MISSING']").getAttribute("data-count"));
        assertEquals(Long.toString(unknown), p.one("//tr[@data-rule='UNKNOWN_BADGE']").getAttribute("data-count"));
        assertTrue(p.text("//div[@id='card-violations']//li[" + cls("h-last-exit") + "]").endsWith(Long.toString(lockups)));

        assertEquals(List.of("E001", "E002", "X1"), p.all("//section[@id='people']//tr[@data-badge]").stream()
                .map(tr -> tr.getAttribute("data-badge")).toList());
        assertEquals(Long.toString(lockups), p.text("//section[@id='people']//tr[@data-badge='E002']/td[" + cls("count") + "]"));

        assertEquals("1345", p.one("//svg[@id='trend']/g[" + cls("today") + "]").getAttribute("data-total"));
        assertEquals(0, p.all("//ol[@id='timeline']/li[@data-rule='LOCKUP_MISSING']").size(), "all of them past the cap");
    }

    @Test
    void a_day_of_exactly_the_cap_lists_everything_without_a_note_or_a_link() {
        Page p = new Page(DailyReport.html(longDay(HtmlReport.TIMELINE_ROWS - 10, 10), Lang.JA));

        assertEquals(HtmlReport.TIMELINE_ROWS, p.all("//ol[@id='timeline']/li").size());
        assertEquals(0, p.all("//p[@id='timeline-more']").size());
        assertEquals(0, p.all("//a").size());
        assertTrue(!p.text("//section[@id='day']/p[" + cls("hint") + "]").contains("最初の"));
    }
}
