package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;
import org.w3c.dom.Element;

/**
 * The morning e-mail's body renders in a mail client on its own: every style inline, no style sheet, script, image,
 * link, SVG or address of anything outside the message; in the site's language; with the day's total in the subject.
 */
class MailReportTest {

    @ParameterizedTest
    @EnumSource(Lang.class)
    void the_body_is_styled_inline_and_loads_nothing_from_anywhere(Lang lang) {
        String html = MailReport.html(ExampleDayData.day(), lang);
        String lower = html.toLowerCase(Locale.ROOT);
        for (String banned : List.of("<script", "<link", "<style", "<img", "<svg", "<iframe", "<object", "<form",
                "@import", "url(", "src=", "href=", "http:", "https:", "//www", "javascript:", "class=")) {
            assertFalse(lower.contains(banned), banned + " in the mail body");
        }
        assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(lower).find(), "an event handler attribute");

        Page page = new Page(html); // well-formed
        assertEquals(lang.tag(), page.root().getAttribute("lang"));
        assertEquals("utf-8", page.one("//head/meta[@charset]").getAttribute("charset"));
        for (String tag : List.of("h1", "h2", "p", "td", "th", "table")) {
            for (Element element : page.all("//body//" + tag)) {
                assertFalse(element.getAttribute("style").isBlank(), "a " + tag + " without its style: "
                        + Page.text(element));
            }
        }
        assertTrue(html.contains(MailPage.colour(Rule.Habit.VISITORS)), "the habits' colours are those of report.css");
        assertEquals("#0a6fb0", MailPage.colour(Rule.Habit.VISITORS));
    }

    @Test
    void the_body_is_in_the_language_asked_for() {
        Page ja = new Page(MailReport.html(ExampleDayData.day(), Lang.JA));
        assertEquals("2026年11月25日（水）確定", ja.text("//h1"));
        assertTrue(ja.all("//h2").stream().map(Page::text).toList().contains("ルール別の件数"));
        assertTrue(ja.text("//body").contains("添付の CSV"));

        Page en = new Page(MailReport.html(ExampleDayData.day(), Lang.EN));
        assertEquals("Wednesday, 25 November 2026Final", en.text("//h1"));
        assertTrue(en.all("//h2").stream().map(Page::text).toList().contains("Violations by rule"));
        assertFalse(en.text("//body").contains("違反"), "no Japanese words in the English mail");
    }

    @Test
    void the_subject_says_site_date_and_total_in_the_language() {
        assertEquals("[officeguard] hq · Wed 25 Nov 2026 · 13 violations (final report)",
                MailReport.subject("hq", ExampleDayData.DATE, 13, Lang.EN));
        assertEquals("[officeguard] hq · Wed 25 Nov 2026 · 1 violation (final report)",
                MailReport.subject("hq", ExampleDayData.DATE, 1, Lang.EN));
        assertEquals("【officeguard】hq・2026年11月25日（水）・違反 1,200 件（確定版）",
                MailReport.subject("hq", ExampleDayData.DATE, 1200, Lang.JA));
        String html = MailReport.html(ExampleDayData.day(), Lang.EN);
        assertEquals(MailReport.subject("hq", ExampleDayData.DATE, 13, Lang.EN), new Page(html).text("//title"));
    }

    @Test
    void the_mail_lists_the_first_violations_and_points_to_the_csv_for_the_rest() {
        List<Violation> many = new ArrayList<>();
        for (int i = 0; i < MailPage.TIMELINE_ROWS + 10; i++) {
            many.add(TestDays.violation(String.format("v%03d", i), Rule.LEFT_PC_UNLOCKED,
                    String.format("10:%02d:00", i % 60), "E001", "pc:PC-01"));
        }
        Page en = new Page(MailReport.html(TestDays.day(many), Lang.EN));
        assertEquals(MailPage.TIMELINE_ROWS + 1, en.all("//table[tr/th[.='Time']]/tr").size(), "a header and the rows");
        assertTrue(en.text("//body").contains("…and 10 more: the attached CSV lists them all."));
    }

    @Test
    void a_day_without_violations_says_so() {
        Page ja = new Page(MailReport.html(TestDays.day(List.of()), Lang.JA));
        assertTrue(ja.text("//body").contains("この日の違反はありませんでした。"));
    }
}
