package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.report.Page.cls;
import static org.officeguard.reporting.report.TestDays.DATE;
import static org.officeguard.reporting.report.TestDays.person;
import static org.officeguard.reporting.report.TestDays.site;
import static org.officeguard.reporting.report.TestDays.violation;
import static org.officeguard.reporting.report.TestDays.visitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.ReportSettings;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;
import org.w3c.dom.Element;

class DailyReportHtmlTest {

    private static Page page(DayData d, Lang lang) {
        return new Page(DailyReport.html(d, lang));
    }

    // ------------------------------------------------------------------ the document

    @ParameterizedTest
    @EnumSource(Lang.class)
    void the_page_is_self_contained_with_no_script_and_nothing_loaded_from_elsewhere(Lang lang) {
        String html = DailyReport.html(ExampleDayData.day(), lang);
        Page p = new Page(html);

        String lower = html.toLowerCase(Locale.ROOT);
        for (String banned : List.of("<script", "<link", "<img", "<iframe", "<object", "@import", "url(", "src=", "href=",
                "javascript:", " on")) {
            if (banned.equals(" on")) {
                assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(lower).find(), "an event handler attribute");
            } else {
                assertFalse(lower.contains(banned), banned);
            }
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(lang.tag(), p.root().getAttribute("lang"));
        assertEquals(1, p.all("//head/style").size());
        assertEquals("utf-8", p.one("//head/meta[@charset]").getAttribute("charset"));
    }

    @Test
    void the_header_names_the_site_and_date_and_whether_the_report_is_final() {
        DayData fin = ExampleDayData.day();
        DayData prelim = new DayData(fin.site(), fin.date(), false, fin.violations(), fin.activity(), fin.visitorNames(),
                fin.trend());

        Page ja = page(fin, Lang.JA);
        assertEquals("2026年11月25日（水）", ja.text("//h1"));
        assertTrue(ja.text("//header//*[" + cls("site") + "]").contains("hq"));
        assertEquals("確定", ja.text("//*[@id='status']"));
        assertTrue(ja.one("//*[@id='status']").getAttribute("class").contains("final"));

        Page en = page(prelim, Lang.EN);
        assertEquals("Wednesday, 25 November 2026", en.text("//h1"));
        assertEquals("Preliminary", en.text("//*[@id='status']"));
        assertTrue(en.one("//*[@id='status']").getAttribute("class").contains("preliminary"));
        assertEquals("暫定", page(prelim, Lang.JA).text("//*[@id='status']"));
    }

    @Test
    void the_summary_cards_show_the_total_and_the_activity_in_local_time() {
        Page p = page(ExampleDayData.day(), Lang.JA);

        assertTrue(p.text("//*[@id='card-violations']").contains("13"));
        assertEquals("通行（許可）", p.text("//*[@id='card-granted']/p[" + cls("label") + "]"));
        assertEquals("31", p.text("//*[@id='card-granted']/p[" + cls("value") + "]"));
        assertEquals("5", p.text("//*[@id='card-denied']/p[" + cls("value") + "]"));
        assertEquals("2人", p.text("//*[@id='card-visitors']/p[" + cls("value") + "]"));
        assertEquals("06:50", p.text("//*[@id='card-first-in']//time"));
        assertEquals("2026-11-25T06:50:00+09:00", p.one("//*[@id='card-first-in']//time").getAttribute("datetime"));
        assertEquals("19:01", p.text("//*[@id='card-last-out']//time"));
        assertEquals("19:01", p.text("//*[@id='card-lockup']//time"));
    }

    /** The night the clocks go back, 02:30 comes twice: on such a day each time says its offset, and so does the header. */
    @Test
    void on_a_day_the_clocks_change_each_time_says_its_offset() {
        SiteConfig berlin = new SiteConfig("hq", ZoneId.of("Europe/Berlin"), TestDays.site().businessHours(),
                TestDays.site().rules(), TestDays.site().zones(), TestDays.site().doors(), TestDays.site().people(),
                TestDays.site().pcs(), TestDays.site().visitors(), List.of(), ReportSettings.defaults());
        LocalDate back = LocalDate.of(2026, 10, 25);
        DayData d = new DayData(berlin, back, true, List.of(
                violation("1", Rule.UNKNOWN_BADGE, "2026-10-25T02:30:00+02:00", "X1"),
                violation("2", Rule.UNKNOWN_BADGE, "2026-10-25T02:30:00+01:00", "X2")), null, Map.of(), List.of());

        String html = DailyReport.html(d, Lang.EN);

        assertTrue(html.contains("02:30 (+02:00)") && html.contains("02:30 (+01:00)"), "both 02:30s told apart");
        assertTrue(html.contains("Europe/Berlin (UTC+02:00 → UTC+01:00)"), "the header says the change");
        String tokyo = DailyReport.html(TestDays.day(TestDays.site(), List.of(violation("1", Rule.UNKNOWN_BADGE, "09:00",
                "X1"))), Lang.EN);
        assertTrue(tokyo.contains("Asia/Tokyo (UTC+09:00)") && !tokyo.contains("(+09:00)"), "other days as before");
    }

    @Test
    void missing_activity_times_show_a_dash_and_a_note_instead_of_a_time() {
        DayData d = new DayData(TestDays.site(), DATE, false, List.of(violation("1", Rule.UNKNOWN_BADGE, "09:00", "X1")),
                new Activity(0, 1, 0, null, null, null), Map.of(), List.of());

        Page p = page(d, Lang.EN);

        for (String id : List.of("card-first-in", "card-last-out", "card-lockup")) {
            Element card = p.one("//*[@id='" + id + "']");
            assertTrue(card.getAttribute("class").contains("missing"), id);
            assertEquals(0, p.all("//*[@id='" + id + "']//time").size(), id);
            assertTrue(Page.text(card).contains("—"), id);
            assertTrue(Page.text(card).contains("none recorded"), id);
        }
    }

    // ------------------------------------------------------------------ languages

    @Test
    void japanese_is_the_default_and_labels_every_rule_and_habit_in_japanese() {
        Page p = new Page(DailyReport.html(ExampleDayData.day(), Lang.parse(null)));

        assertEquals("ja", p.root().getAttribute("lang"));
        String totals = p.text("//table[@id='totals']");
        for (Rule r : Rule.values()) {
            assertEquals(Texts.rule(r, Lang.JA), p.text("//table[@id='totals']//tr[@data-rule='" + r.name() + "']/th"));
            assertTrue(totals.contains(Texts.meaning(r, Lang.JA)), r.name());
        }
        assertEquals(List.of("部外者の立ち入り制限", "最終退出ルール", "離席時のPCロック"), habitHeadings(p));
        assertTrue(p.text("//section[@id='people']/h2").startsWith("違反の多い人"));
        assertFalse(p.html.contains("Keeping outsiders out"));
    }

    @Test
    void english_translates_every_label_and_keeps_no_japanese_wording_of_its_own() {
        Page ja = page(ExampleDayData.day(), Lang.JA);
        Page en = page(ExampleDayData.day(), Lang.EN);

        assertEquals("en", en.root().getAttribute("lang"));
        for (Rule r : Rule.values()) {
            assertEquals(Texts.rule(r, Lang.EN), en.text("//table[@id='totals']//tr[@data-rule='" + r.name() + "']/th"));
            assertTrue(en.text("//table[@id='totals']").contains(Texts.meaning(r, Lang.EN)), r.name());
        }
        assertEquals(List.of("Keeping outsiders out", "Last-exit rule", "Locking the PC when away"), habitHeadings(en));
        assertEquals("People with the most violations (top 10)", en.text("//section[@id='people']/h2"));

        // Strip what comes from the data (names, departments), then no Japanese may be left.
        String english = en.html;
        for (String data : List.of("山田 太郎", "鈴木 一郎", "営業", "総務")) {
            english = english.replace(data, "");
        }
        assertFalse(Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]").matcher(english).find(),
                () -> "Japanese left in the English page near: " + near(en.html,
                        Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]")));
        for (Element h : ja.all("//h2")) {
            assertFalse(en.html.contains(Page.text(h)), Page.text(h));
        }
    }

    @ParameterizedTest
    @CsvSource({"ja,JA", "JA,JA", "en,EN", "En,EN"})
    void lang_parse_reads_ja_and_en(String given, Lang expected) {
        assertEquals(expected, Lang.parse(given));
    }

    @ParameterizedTest
    @NullSource
    void lang_parse_defaults_to_japanese(String given) {
        assertEquals(Lang.JA, Lang.parse(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fr", "ja-JP", "english", " en"})
    void lang_parse_refuses_anything_else(String given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lang.parse(given));
        assertTrue(e.getMessage().contains("ja or en"), e.getMessage());
    }

    // ------------------------------------------------------------------ user data

    @Test
    void names_and_other_user_data_are_escaped_wherever_they_appear() {
        String evil = "<script>alert('x')</script> & \"quoted\" <b>bold</b>";
        String evilBadge = "E\"><img src=x onerror=alert(1)>";
        SiteConfig site = site(List.of(person("E001", evil, "<i>営業</i>&"), person(evilBadge, "Badge Person", "IT")),
                List.of(visitor("V001", "Visitor <One>", "E001")));
        Violation lockup = new Violation("id\"<x>", "hq", Rule.LOCKUP_WITH_OCCUPANTS,
                DATE.atTime(19, 0).atZone(TestDays.TOKYO).toInstant(), "E001", "site:<hq>",
                Map.of("occupants", List.of(evilBadge, "V001")), List.of("e1"));
        DayData d = new DayData(site, DATE, false, List.of(lockup,
                violation("2", Rule.VISITOR_UNESCORTED, "10:00", "V001"),
                violation("3", Rule.ZONE_NOT_ALLOWED, "10:01", evilBadge, "door:<front>"),
                violation("4", Rule.VISITOR_PASS_INVALID, "10:02", "V777")), null,
                Map.of("V777", "</td></tr><script>x()</script>"), List.of());

        for (Lang lang : Lang.values()) {
            Page p = page(d, lang); // parses: nothing broke out of its element or attribute
            assertFalse(p.html.contains("<script"), lang.name());
            assertFalse(p.html.contains("<img"), lang.name());
            assertFalse(p.html.contains("<b>bold"), lang.name());
            assertEquals(0, p.all("//script|//img|//i|//b[text()='bold']").size());
            // in text, < > and & are escaped (quotes need not be); in attributes, quotes, < and &
            assertTrue(p.html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quoted\" &lt;b&gt;bold&lt;/b&gt;"));
            assertTrue(p.html.contains("data-id=\"id&#34;&lt;x>\""));

            assertEquals(evil, p.text("//section[@id='people']//tr[@data-badge='E001']//span[" + cls("who-name") + "]"));
            assertEquals("<i>営業</i>&", Page.text(p.one("//section[@id='people']//tr[@data-badge='E001']/td["
                    + cls("dept") + "]")));
            assertEquals(1, p.all("//section[@id='people']//tr[@data-badge='" + evilBadge + "']").size());
            assertEquals(1, p.all("//ol[@id='timeline']/li[@data-id='id\"<x>']").size());
            String lockupRow = Page.text(p.one("//ol[@id='timeline']/li[@data-id='id\"<x>']"));
            assertTrue(lockupRow.contains(lang == Lang.EN ? "Site <hq>" : "拠点 <hq>"), lockupRow);
            assertTrue(lockupRow.contains("Badge Person") && lockupRow.contains("Visitor <One>"), lockupRow);
            assertTrue(Page.text(p.one("//section[@id='people']//tr[@data-badge='V777']")).contains("</td></tr><script>x()</script>"));
        }
    }

    /** Characters that neither HTML nor XML allows become U+FFFD; the rest, emoji included, stay as they are. */
    @Test
    void characters_that_html_and_xml_refuse_are_replaced_and_the_page_stays_well_formed() {
        String name = "Ctrl\u0001Del\u007FLone\uD800Nonchar\uFFFEOk\t😀";
        String badge = "B\u0002";
        SiteConfig site = site(List.of(person("E001", name, "Dept\u001F"), person(badge, "Second", "IT")), List.of());
        DayData d = TestDays.day(site, List.of(violation("id\u0003", Rule.ZONE_NOT_ALLOWED, "09:00", "E001"),
                violation("2", Rule.ZONE_NOT_ALLOWED, "09:01", badge, "door:front\u0000")));

        for (Lang lang : Lang.values()) {
            Page p = page(d, lang);
            assertEquals("Ctrl\uFFFDDel\uFFFDLone\uFFFDNonchar\uFFFDOk 😀",
                    p.text("//section[@id='people']//tr[@data-badge='E001']//span[" + cls("who-name") + "]"));
            assertEquals("Dept\uFFFD", p.text("//section[@id='people']//tr[@data-badge='E001']/td[" + cls("dept") + "]"));
            assertEquals(1, p.all("//section[@id='people']//tr[@data-badge='B\uFFFD']").size());
            assertEquals(1, p.all("//ol[@id='timeline']/li[@data-id='id\uFFFD']").size());
            assertTrue(p.text("//ol[@id='timeline']/li[@data-id='2']").contains("front\uFFFD"));
        }
    }

    // ------------------------------------------------------------------ totals by rule

    @Test
    void the_totals_table_groups_the_twelve_rules_under_their_habits_and_mutes_the_zero_rows() {
        DayData d = ExampleDayData.day();
        Page p = page(d, Lang.JA);
        JsonNode byRule = DailyReport.json(d).get("totals").get("byRule");

        List<Element> groups = p.all("//table[@id='totals']/tbody");
        assertEquals(List.of("VISITORS", "LAST_EXIT", "SCREEN_LOCK"), groups.stream().map(g -> g.getAttribute("data-habit")).toList());
        List<String> seen = new ArrayList<>();
        for (Element g : groups) {
            Rule.Habit habit = Rule.Habit.valueOf(g.getAttribute("data-habit"));
            long sum = 0;
            for (Element row : p.all("//table[@id='totals']/tbody[@data-habit='" + habit + "']/tr[" + cls("rule") + "]")) {
                Rule rule = Rule.valueOf(row.getAttribute("data-rule"));
                seen.add(rule.name());
                assertEquals(habit, rule.habit(), rule.name());
                long count = byRule.get(rule.name()).asLong();
                sum += count;
                assertEquals(Long.toString(count), Page.text((Element) row.getElementsByTagName("td").item(1)).trim());
                assertEquals(count == 0, row.getAttribute("class").contains("zero"), rule.name());
            }
            assertEquals(Long.toString(sum), p.text("//table[@id='totals']/tbody[@data-habit='" + habit
                    + "']/tr[" + cls("habit-row") + "]/td"));
        }
        assertEquals(Arrays.stream(Rule.values()).map(Rule::name).sorted().toList(), seen.stream().sorted().toList());
        assertEquals(2, p.all("//table[@id='totals']//tr[" + cls("zero") + "]").size());
        assertEquals("13", p.text("//table[@id='totals']/tfoot//td"));
    }

    @Test
    void a_day_without_violations_mutes_every_rule_and_says_so_in_people_and_timeline() {
        DayData d = new DayData(TestDays.site(), DATE, false, List.of(), null, null, null);

        for (Lang lang : Lang.values()) {
            Page p = page(d, lang);
            assertEquals(12, p.all("//table[@id='totals']//tr[" + cls("rule") + " and " + cls("zero") + "]").size());
            assertEquals(0, p.all("//section[@id='people']//table").size());
            assertEquals(1, p.all("//section[@id='people']/p[" + cls("empty") + "]").size());
            assertEquals(0, p.all("//ol[@id='timeline']/li").size());
            assertEquals(7, p.all("//svg[@id='trend']/g[" + cls("day") + "]").size());
            assertEquals(0, p.all("//svg[@id='trend']//rect[" + cls("seg") + "]").size());
            assertEquals(3, p.all("//*[starts-with(@id, 'card-')][" + cls("missing") + "]").size());
        }
    }

    // ------------------------------------------------------------------ trend chart

    @Test
    void the_trend_chart_shows_seven_days_ending_with_the_report_day_which_is_highlighted() {
        Page p = page(ExampleDayData.day(), Lang.JA);

        List<Element> days = p.all("//svg[@id='trend']/g[" + cls("day") + "]");
        assertEquals(7, days.size());
        for (int i = 0; i < 7; i++) {
            assertEquals(DATE.minusDays(6 - i).toString(), days.get(i).getAttribute("data-date"));
        }
        Element today = p.one("//svg[@id='trend']/g[" + cls("today") + "]");
        assertEquals(DATE.toString(), today.getAttribute("data-date"));
        assertEquals(1, p.all("//svg[@id='trend']/g[" + cls("today") + "]/rect[" + cls("highlight") + "]").size());
        assertEquals(0, p.all("//svg[@id='trend']/g[not(" + cls("today") + ")]/rect[" + cls("highlight") + "]").size());
        assertEquals(List.of("3", "0", "7", "4", "2", "7", "13"), days.stream().map(g -> g.getAttribute("data-total")).toList());

        assertEquals(List.of("9", "1", "3"), p.all("//svg[@id='trend']/g[" + cls("today") + "]/rect[" + cls("seg") + "]")
                .stream().map(r -> r.getAttribute("data-count")).toList());
        assertEquals(List.of("VISITORS", "LAST_EXIT", "SCREEN_LOCK"), p.all("//svg[@id='trend']/g[" + cls("today") + "]/rect["
                + cls("seg") + "]").stream().map(r -> r.getAttribute("data-habit")).toList());
    }

    @Test
    void the_trend_chart_is_accessible_and_has_axis_labels_and_a_legend_in_the_page_language() {
        Page ja = page(ExampleDayData.day(), Lang.JA);
        Page en = page(ExampleDayData.day(), Lang.EN);

        for (Page p : List.of(ja, en)) {
            Element svg = p.one("//svg[@id='trend']");
            assertEquals("img", svg.getAttribute("role"));
            assertEquals("trend-title trend-desc", svg.getAttribute("aria-labelledby"));
            assertFalse(p.text("//svg[@id='trend']/title[@id='trend-title']").isEmpty());
            assertTrue(p.text("//svg[@id='trend']/desc[@id='trend-desc']").contains("13"));
            assertEquals(List.of("0", "5", "10", "15"), p.all("//svg[@id='trend']//text[" + cls("tick") + "]").stream()
                    .map(Page::text).toList());
            assertEquals(7, p.all("//svg[@id='trend']//text[" + cls("date") + "]").size());
        }
        assertEquals(List.of("部外者の立ち入り制限", "最終退出ルール", "離席時のPCロック"),
                ja.all("//svg[@id='trend']/g[" + cls("legend") + "]//text").stream().map(Page::text).toList());
        assertEquals(List.of("Keeping outsiders out", "Last-exit rule", "Locking the PC when away"),
                en.all("//svg[@id='trend']/g[" + cls("legend") + "]//text").stream().map(Page::text).toList());
        assertEquals("水", ja.text("//svg[@id='trend']/g[" + cls("today") + "]/text[" + cls("weekday") + "]"));
        assertEquals("Wed", en.text("//svg[@id='trend']/g[" + cls("today") + "]/text[" + cls("weekday") + "]"));
    }

    @Test
    void bar_heights_are_proportional_to_the_counts() {
        Page p = page(ExampleDayData.day(), Lang.EN);

        List<Element> segs = p.all("//svg[@id='trend']//rect[" + cls("seg") + "]");
        assertTrue(segs.size() > 5);
        double perCount = Double.parseDouble(segs.get(0).getAttribute("height")) / Double.parseDouble(segs.get(0).getAttribute("data-count"));
        for (Element s : segs) {
            double expected = perCount * Double.parseDouble(s.getAttribute("data-count"));
            assertEquals(expected, Double.parseDouble(s.getAttribute("height")), 0.11, s.getAttribute("data-habit"));
        }
    }

    @Test
    void the_report_day_is_counted_from_its_violations_and_days_missing_from_the_trend_count_zero() {
        DayData example = ExampleDayData.day();
        DayTotals stale = new DayTotals(DATE, Map.of(Rule.UNKNOWN_BADGE, 99L));
        DayTotals twoDaysBefore = new DayTotals(DATE.minusDays(2), Map.of(Rule.PC_LEFT_ON, 4L));
        DayTotals tooOld = new DayTotals(DATE.minusDays(7), Map.of(Rule.PC_LEFT_ON, 50L));
        DayData d = new DayData(example.site(), DATE, true, example.violations(), example.activity(), example.visitorNames(),
                List.of(tooOld, twoDaysBefore, stale));

        Page p = page(d, Lang.JA);

        assertEquals(List.of("0", "0", "0", "0", "4", "0", "13"), p.all("//svg[@id='trend']/g[" + cls("day") + "]").stream()
                .map(g -> g.getAttribute("data-total")).toList());
        assertEquals(List.of("LAST_EXIT"), p.all("//svg[@id='trend']/g[@data-date='" + DATE.minusDays(2) + "']/rect[" + cls("seg")
                + "]").stream().map(r -> r.getAttribute("data-habit")).toList());
    }

    // ------------------------------------------------------------------ people and timeline

    @Test
    void people_lists_the_top_ten_most_first_with_their_rules_and_counts_the_rest() {
        List<Person> people = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String badge = String.format("E%03d", i);
            people.add(person(badge, "社員" + i, "部" + i));
            for (int n = 0; n <= i % 5; n++) {
                violations.add(violation(badge + "-" + n, n % 2 == 0 ? Rule.LEFT_PC_UNLOCKED : Rule.ZONE_NOT_ALLOWED,
                        String.format("%02d:%02d", 8 + n, i), badge));
            }
        }
        DayData d = TestDays.day(site(people, List.of()), violations);

        Page ja = page(d, Lang.JA);
        List<Element> rows = ja.all("//section[@id='people']//tbody/tr");
        assertEquals(10, rows.size());
        List<String> jsonOrder = new ArrayList<>();
        DailyReport.json(d).get("people").forEach(p -> jsonOrder.add(p.get("badge").asText()));
        assertEquals(jsonOrder.subList(0, 10), rows.stream().map(r -> r.getAttribute("data-badge")).toList());
        assertEquals(List.of("E004", "E009", "E003", "E008"), jsonOrder.subList(0, 4));
        Element first = rows.get(0);
        assertTrue(Page.text(first).contains("社員4"), Page.text(first));
        assertTrue(Page.text(first).contains("部4"), Page.text(first));
        assertEquals("5", Page.text(ja.one("//section[@id='people']//tr[@data-badge='E004']/td[" + cls("count") + "]")));
        assertEquals(List.of("ZONE_NOT_ALLOWED", "LEFT_PC_UNLOCKED"),
                ja.all("//section[@id='people']//tr[@data-badge='E004']//*[" + cls("chip") + "]").stream()
                        .map(c -> c.getAttribute("data-rule")).toList());
        assertEquals(List.of("1", "1", "3", "3"), rows.subList(0, 4).stream()
                .map(r -> Page.text((Element) r.getElementsByTagName("td").item(0))).toList());
        assertTrue(ja.text("//section[@id='people']/p[" + cls("more") + "]").contains("2"));
        assertTrue(page(d, Lang.EN).text("//section[@id='people']/p[" + cls("more") + "]").contains("2 more people"));
    }

    @Test
    void an_unknown_badge_and_a_visitor_are_told_apart_from_employees() {
        DayData d = new DayData(TestDays.site(), DATE, false, List.of(
                violation("1", Rule.UNKNOWN_BADGE, "09:00", "X999"),
                violation("2", Rule.VISITOR_UNESCORTED, "10:00", "V001")), null, Map.of(), List.of());

        Page en = page(d, Lang.EN);

        assertTrue(en.text("//section[@id='people']//tr[@data-badge='X999']").contains("(unknown badge)"));
        String visitorRow = en.text("//section[@id='people']//tr[@data-badge='V001']");
        assertTrue(visitorRow.contains("Visitor One") && visitorRow.contains("Host: 山田 太郎"), visitorRow);
        assertTrue(en.text("//ol[@id='timeline']/li[@data-id='2']").contains("visitor (host: 山田 太郎)"));
    }

    @Test
    void the_timeline_lists_every_violation_in_report_order_with_local_time_rule_who_and_where() {
        DayData d = ExampleDayData.day();
        Page p = page(d, Lang.JA);

        List<Element> items = p.all("//ol[@id='timeline']/li");
        JsonNode violations = DailyReport.json(d).get("violations");
        assertEquals(violations.size(), items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode v = violations.get(i);
            Element li = items.get(i);
            assertEquals(v.get("id").asText(), li.getAttribute("data-id"));
            assertEquals(v.get("rule").asText(), li.getAttribute("data-rule"));
            Element time = (Element) li.getElementsByTagName("time").item(0);
            assertEquals(v.get("ts").asText(), time.getAttribute("datetime"));
            assertEquals(v.get("ts").asText().substring(11, 16), Page.text(time));
            assertTrue(Page.text(li).contains(Texts.rule(Rule.valueOf(v.get("rule").asText()), Lang.JA)));
        }
        String first = Page.text(items.get(0));
        assertTrue(first.contains("06:55") && first.contains("鈴木 一郎") && first.contains("ドア front"), first);
        assertTrue(Page.text(items.get(9)).contains("エリア lobby"));
        assertTrue(Page.text(items.get(12)).contains("パソコン PC-01"));
    }

    @Test
    void a_violation_that_falls_on_the_next_local_day_shows_its_date() {
        DayData d = TestDays.day(List.of(violation("1", Rule.PC_LEFT_ON, "2026-11-25T15:10:00Z", "E001", "pc:PC-01")));

        assertEquals("11/26 00:10", page(d, Lang.JA).text("//ol[@id='timeline']/li/time"));
    }

    @Test
    void the_footer_marks_the_page_as_personal_data_in_either_language() {
        assertTrue(page(ExampleDayData.day(), Lang.JA).text("//footer").contains("個人情報"));
        assertTrue(page(ExampleDayData.day(), Lang.EN).text("//footer").contains("personal data"));
    }

    @Test
    void the_same_data_gives_the_same_page_and_the_languages_differ() {
        String once = DailyReport.html(ExampleDayData.day(), Lang.JA);
        assertEquals(once, DailyReport.html(ExampleDayData.day(), Lang.JA));
        assertNotEquals(once, DailyReport.html(ExampleDayData.day(), Lang.EN));
        assertEquals(DailyReport.html(ExampleDayData.day(), Lang.JA), DailyReport.html(ExampleDayData.day(), null));
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> habitHeadings(Page p) {
        List<String> out = new ArrayList<>();
        for (Element th : p.all("//table[@id='totals']/tbody/tr[" + cls("habit-row") + "]/th")) {
            out.add(Page.text(th).replace(Page.text((Element) th.getElementsByTagName("span").item(1)), "").trim());
        }
        return out;
    }

    private static String near(String s, Pattern p) {
        var m = p.matcher(s);
        return m.find() ? s.substring(Math.max(0, m.start() - 80), Math.min(s.length(), m.end() + 40)) : "";
    }
}
