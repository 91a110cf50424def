package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.live.Retained.bytes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.live.LatestStates;
import org.officeguard.reporting.live.Retained;
import org.officeguard.reporting.live.RollCall;
import org.officeguard.reporting.report.DailyReport.Lang;
import org.officeguard.testsupport.ExampleDay;

/**
 * The pages around the report as documents: self-contained like the report (no script, nothing loaded from elsewhere,
 * well-formed XML), in either language, escaping what comes from the data; the roll call reloads itself and prints on
 * A4; a day's report gains its navigation only when given links.
 */
class ManagerPagesTest {

    private static final SiteConfig HQ = ExampleDay.site();
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:20Z");
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");

    private static RollCall evening(String visitorName) {
        LatestStates latest = new LatestStates(List.of(HQ), "office", Clock.fixed(NOW.minusSeconds(15), ZoneOffset.UTC));
        latest.take("office/hq/occupancy", bytes(Retained.occupancy("2026-11-25T18:29:58+09:00", "hq",
                Retained.person("E001", "山田 太郎", "office", "2026-11-25T08:55:00+09:00"),
                Retained.visitor("V001", visitorName, "office", "2026-11-24T10:02:00+09:00", "E001"),
                Retained.unknown("X999", "lobby", "2026-11-25T18:10:00+09:00"))));
        latest.take("office/hq/pcs", bytes(Retained.pcs("2026-11-25T18:29:00+09:00", "hq",
                Retained.pc("PC-01", "office", "E001", "IDLE", "2026-11-25T18:20:00+09:00"),
                Retained.pc("PC-03", "office", "E003", "OFF", null))));
        return latest.rollCall("hq");
    }

    private static String rollCall(Lang lang) {
        return new String(ManagerPages.rollCall(evening("Visitor One"), NOW, LocalDate.of(2026, 11, 25), lang),
                StandardCharsets.UTF_8);
    }

    private static String month(Lang lang) {
        MonthIndex index = MonthIndex.of(HQ, YearMonth.of(2026, 11), ReportDays.of(LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 25)), List.of(new DayTotals(LocalDate.of(2026, 11, 2), Map.of(Rule.UNKNOWN_BADGE, 3L))),
                day -> day.isBefore(LocalDate.of(2026, 11, 25)));
        return new String(ManagerPages.month(index, lang), StandardCharsets.UTF_8);
    }

    private static String sites(Lang lang) {
        return new String(ManagerPages.sites(List.of(new ManagerPages.SiteLine(HQ, LocalDate.of(2026, 11, 25),
                RollCall.none(HQ))), lang), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void every_page_is_self_contained_with_no_script_and_its_links_relative(Lang lang) {
        for (String html : List.of(rollCall(lang), month(lang), sites(lang))) {
            Page page = new Page(html);
            String lower = html.toLowerCase(Locale.ROOT);
            for (String banned : List.of("<script", "<link", "<img", "<iframe", "<object", "@import", "url(", "src=",
                    "javascript:")) {
                assertFalse(lower.contains(banned), banned);
            }
            assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(lower).find(), "an event handler attribute");
            assertEquals(lang.tag(), page.root().getAttribute("lang"));
            assertEquals(1, page.all("//head/style").size());
            page.all("//a").forEach(a -> assertFalse(a.getAttribute("href").matches("^[a-z]+:.*|^//.*"),
                    "a link leaves the service: " + a.getAttribute("href")));
        }
    }

    @Test
    void only_the_roll_call_reloads_itself_and_it_prints_on_a4() {
        Page call = new Page(rollCall(Lang.JA));
        assertEquals(String.valueOf(ManagerPages.REFRESH_SECONDS),
                call.one("//head/meta[@http-equiv='refresh']").getAttribute("content"));
        assertTrue(new Page(month(Lang.JA)).all("//meta[@http-equiv]").isEmpty());
        assertTrue(new Page(sites(Lang.JA)).all("//meta[@http-equiv]").isEmpty());
        String style = call.text("//head/style");
        assertTrue(style.contains("@page{size:A4"), "A4");
        assertTrue(style.contains("@media print"), "a print layout");
        assertEquals(3, call.all("//table[@class='roll']/tbody/tr").size(), "a row per person");
        assertTrue(style.contains("table.roll tbody td:first-child::before{content:\"\""), "with a box to tick, printed");
        assertEquals("../../reports/hq/2026-11-25.html", call.one("//nav[@class='crumbs']/a[3]").getAttribute("href"),
                "the site's today, whose report it links to");
    }

    @Test
    void the_english_pages_keep_no_japanese_wording_of_their_own() {
        for (String html : List.of(rollCall(Lang.EN), month(Lang.EN), sites(Lang.EN))) {
            String english = html.replace("山田 太郎", "").replace("日本語", "");
            assertFalse(JAPANESE.matcher(english).find(), () -> "Japanese left in " + english);
        }
    }

    @Test
    void a_visitor_is_highlighted_with_the_host_and_a_time_on_another_day_says_its_date() {
        Page page = new Page(rollCall(Lang.JA));
        assertEquals("visitor", page.one("//tr[@data-badge='V001']").getAttribute("class"));
        assertEquals("11/24 10:02", page.text("//tr[@data-badge='V001']/td[4]"));
        assertEquals("08:55", page.text("//tr[@data-badge='E001']/td[4]"));
        assertEquals("anon", page.one("//tr[@data-badge='X999']/th").getAttribute("class"), "no name: muted");
        assertEquals("", page.one("//tr[@data-badge='E001']/th").getAttribute("class"));
        assertTrue(page.text("//tr[@data-badge='V001']").contains("受入担当 山田 太郎 と一緒に退出（担当者は office にいます）"));
        assertTrue(page.text("//div[@id='age-occupancy']").contains("15秒前"), page.text("//div[@id='age-occupancy']"));
        assertEquals(List.of("PC-01"), page.all("//tr[@data-pc]").stream().map(tr -> tr.getAttribute("data-pc")).toList());
    }

    @Test
    void names_from_the_data_are_escaped() {
        String html = new String(ManagerPages.rollCall(evening("<script>alert(1)</script> & \u0007"), NOW,
                LocalDate.of(2026, 11, 25), Lang.EN),
                StandardCharsets.UTF_8);
        Page page = new Page(html);
        assertFalse(html.contains("<script>"));
        assertTrue(page.text("//tr[@data-badge='V001']").contains("<script>alert(1)</script> & \uFFFD"));
    }

    @Test
    void a_day_s_report_has_its_navigation_only_when_given_its_links() {
        Page linked = new Page(DailyReport.html(ExampleDayData.day(), Lang.EN,
                new DayLinks(YearMonth.of(2026, 11), LocalDate.of(2026, 11, 24), null)));
        assertEquals("2026-11-24.html?lang=en", linked.one("//nav[@id='day-nav']/a[@rel='prev']").getAttribute("href"));
        assertTrue(linked.text("//nav[@id='day-nav']/a[@class='month']").contains("November 2026"));
        assertTrue(linked.all("//nav[@id='day-nav']/a[@rel='next']").isEmpty());
        assertTrue(new Page(DailyReport.html(ExampleDayData.day(), Lang.EN)).all("//nav").isEmpty());
    }
}
