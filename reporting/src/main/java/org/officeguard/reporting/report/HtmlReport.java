package org.officeguard.reporting.report;

import static org.officeguard.reporting.report.Html.esc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The manager's page. One self-contained document: inline CSS and SVG, no script, no external
 * font, image or style sheet, so that it opens from a file, prints on one A4 sheet per section and
 * passes a {@code default-src 'none'} content security policy. The markup is also well-formed XML.
 *
 * <p>Stable hooks: {@code #summary}, {@code table#totals} (a {@code tbody.habit} per habit, a
 * {@code tr.rule[data-rule]} per rule, {@code .zero} when none), {@code svg#trend} (a
 * {@code g.day[data-date]} per day, {@code .today} on the report's day), {@code section#people},
 * {@code ol#timeline} (an {@code li[data-id]} per violation listed: the first {@value #TIMELINE_ROWS}),
 * {@code p#timeline-more[data-more]} (how many more there are, when there are, with links to the CSV
 * and JSON of the day, relative to the page, which is where both the HTTP routes and the report files
 * put them). The links are the page's only {@code href}s.
 */
final class HtmlReport {

    /** People listed by name; the rest are counted in a note. */
    static final int TOP_PEOPLE = 10;

    /**
     * Violations the timeline lists; the rest are counted in a note that points to the CSV and JSON
     * (which hold every one). Nobody reads a timeline of thousands of rows, and a page of 100,000 is
     * 35 MiB that takes seconds to build and a browser far longer to lay out.
     */
    static final int TIMELINE_ROWS = 1_000;

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter M_D = DateTimeFormatter.ofPattern("M/d");

    private final ReportModel m;
    private final Lang lang;
    private final StringBuilder out = new StringBuilder(32_768);
    /** The site's offset as the report's day begins and as it ends (they differ when daylight saving begins or ends). */
    private final ZoneOffset offsetAtStart;
    private final ZoneOffset offsetAtEnd;
    private final boolean offsetChanges;

    HtmlReport(ReportModel m, Lang lang) {
        this.m = m;
        this.lang = lang;
        this.offsetAtStart = m.zone.getRules().getOffset(m.data.date().atStartOfDay(m.zone).toInstant());
        this.offsetAtEnd = m.zone.getRules().getOffset(m.data.date().plusDays(1).atStartOfDay(m.zone).toInstant().minusSeconds(1));
        this.offsetChanges = !offsetAtStart.equals(offsetAtEnd);
    }

    private String t(String ja, String en) {
        return lang == Lang.EN ? en : ja;
    }

    private HtmlReport w(String... parts) {
        for (String p : parts) {
            out.append(p);
        }
        return this;
    }

    static String habitClass(Rule.Habit h) {
        return switch (h) {
            case VISITORS -> "h-visitors";
            case LAST_EXIT -> "h-last-exit";
            case SCREEN_LOCK -> "h-screen-lock";
        };
    }

    /** Okabe–Ito colours: told apart with every common colour-vision deficiency, and in grey print. */
    static String habitColour(Rule.Habit h) {
        return switch (h) {
            case VISITORS -> "#0a6fb0";
            case LAST_EXIT -> "#e09b00";
            case SCREEN_LOCK -> "#009e73";
        };
    }

    String render() {
        String title = t("セキュリティ日報", "Security report") + " " + m.data.site().site() + " " + m.data.date();
        w("<!DOCTYPE html>\n<html lang=\"", lang.tag(), "\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        w("<meta name=\"robots\" content=\"noindex, nofollow\"/>\n");
        w("<meta name=\"generator\" content=\"officeguard\"/>\n");
        w("<title>", esc(title), "</title>\n<style>", Style.CSS, "</style>\n</head>\n<body>\n<main class=\"sheet\">\n");
        header();
        summary();
        totals();
        trend();
        people();
        timeline();
        footer();
        w("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ header

    private void header() {
        LocalDate date = m.data.date();
        String longDate = lang == Lang.EN
                ? DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH).format(date)
                : DateTimeFormatter.ofPattern("uuuu年M月d日（E）", Locale.JAPANESE).format(date);
        ZoneOffset offset = m.zone.getRules().getOffset(date.atTime(12, 0));
        String utc = utc(offset);
        if (offsetChanges) { // a day the clocks go forward or back: both offsets, and each time says its own
            utc = utc(offsetAtStart) + " → " + utc(offsetAtEnd);
        }
        boolean fin = m.data.finalReport();
        w("<header class=\"masthead\">\n");
        w("<p class=\"brand\">officeguard <span>", t("物理セキュリティ日報", "Daily physical-security report"), "</span></p>\n");
        w("<div class=\"title-row\"><h1><time datetime=\"", date.toString(), "\">", esc(longDate), "</time></h1>");
        w("<span class=\"status ", fin ? "final" : "preliminary", "\" id=\"status\">",
                fin ? t("確定", "Final") : t("暫定", "Preliminary"), "</span></div>\n");
        w("<p class=\"meta\"><span class=\"site\">", t("拠点", "Site"), " <b>", esc(m.data.site().site()), "</b></span>",
                "<span>", t("時刻は ", "Times in "), esc(m.zone.getId()), " (", utc, ")", "</span></p>\n");
        w("<p class=\"note\">", fin
                ? t("この日は締め切られ、集計は確定しています。ドア・PC・退出パネルの記録から自動で作成しました。",
                        "The day has closed and these figures are final. Compiled automatically from the door, PC and exit-panel records.")
                : t("この日はまだ締め切られていない途中経過です。日付が締まると確定版に置き換わります。",
                        "The day is still open: these figures are provisional and will be replaced by the final report once the day closes."),
                "</p>\n</header>\n");
    }

    // ------------------------------------------------------------------ summary cards

    private void summary() {
        Activity a = m.data.activity();
        w("<section id=\"summary\" aria-label=\"", t("概要", "Summary"), "\">\n<div class=\"cards\">\n");
        w("<div class=\"card total", m.total() == 0 ? " clean" : "", "\" id=\"card-violations\"><p class=\"label\">",
                t("違反", "Violations"), "</p><p class=\"value\">", num(m.total()),
                lang == Lang.EN ? "" : "<span class=\"unit\">件</span>", "</p>");
        if (m.total() == 0) {
            w("<p class=\"sub\">", t("この日の違反はありませんでした。", "No rule was broken this day."), "</p>");
        } else {
            w("<ul class=\"habits\">");
            for (Rule.Habit h : Rule.Habit.values()) {
                w("<li class=\"", habitClass(h), m.count(h) == 0 ? " none" : "", "\"><span class=\"dot\"></span>",
                        Texts.habit(h, lang), "<b>", num(m.count(h)), "</b></li>");
            }
            w("</ul>");
        }
        w("</div>\n");
        card("card-granted", t("通行（許可）", "Passages granted"), num(a.passagesGranted()), null);
        card("card-denied", t("通行（拒否）", "Passages denied"), num(a.passagesDenied()), null);
        card("card-visitors", t("来訪者", "Visitors"), num(a.visitors()), lang == Lang.EN ? null : "人");
        timeCard("card-first-in", t("最初の入館", "First in"), a.firstInAt());
        timeCard("card-last-out", t("最後の退館", "Last out"), a.lastOutAt());
        timeCard("card-lockup", t("施錠", "Locked up"), a.lockupAt());
        w("</div>\n</section>\n");
    }

    private void card(String id, String label, String value, String unit) {
        w("<div class=\"card\" id=\"", id, "\"><p class=\"label\">", label, "</p><p class=\"value\">", value);
        if (unit != null && !unit.isEmpty()) {
            w("<span class=\"unit\">", unit, "</span>");
        }
        w("</p></div>\n");
    }

    private void timeCard(String id, String label, Instant at) {
        if (at == null) {
            w("<div class=\"card time missing\" id=\"", id, "\"><p class=\"label\">", label,
                    "</p><p class=\"value\">—</p><p class=\"sub\">", t("記録なし", "none recorded"), "</p></div>\n");
        } else {
            w("<div class=\"card time\" id=\"", id, "\"><p class=\"label\">", label, "</p><p class=\"value\"><time datetime=\"",
                    TimeFormat.format(at, m.zone), "\">", esc(clock(at)), "</time></p></div>\n");
        }
    }

    // ------------------------------------------------------------------ totals by rule

    private void totals() {
        long max = m.byRule.values().stream().mapToLong(Long::longValue).max().orElse(0);
        w("<section id=\"rules\" aria-labelledby=\"rules-h\">\n<h2 id=\"rules-h\">", t("ルール別の件数", "Violations by rule"), "</h2>\n");
        w("<p class=\"hint\">", t("ガイドラインが求める3つの習慣ごとにまとめています。件数が0のルールは薄く表示しています。",
                "Grouped by the three habits the guideline asks of every office. Rules with no violation are greyed out."), "</p>\n");
        w("<table id=\"totals\">\n<colgroup><col class=\"c-rule\"/><col class=\"c-meaning\"/><col class=\"c-count\"/></colgroup>\n");
        w("<thead><tr><th scope=\"col\">", t("ルール", "Rule"), "</th><th scope=\"col\">", t("内容", "What it means"),
                "</th><th scope=\"col\" class=\"num\">", t("件数", "Count"), "</th></tr></thead>\n");
        for (Rule.Habit h : Rule.Habit.values()) {
            long n = m.count(h);
            w("<tbody class=\"habit ", habitClass(h), "\" data-habit=\"", h.name(), "\">\n");
            w("<tr class=\"habit-row\"><th scope=\"colgroup\" colspan=\"2\"><span class=\"dot\"></span>", Texts.habit(h, lang),
                    "<span class=\"aim\">", Texts.habitAim(h, lang), "</span></th><td class=\"num\">", num(n), "</td></tr>\n");
            for (Rule r : Rule.values()) {
                if (r.habit() != h) {
                    continue;
                }
                long c = m.byRule.get(r);
                int width = max == 0 ? 0 : (int) Math.round(100.0 * c / max);
                w("<tr class=\"rule", c == 0 ? " zero" : "", "\" data-rule=\"", r.name(), "\" data-count=\"", Long.toString(c), "\">");
                w("<th scope=\"row\">", Texts.rule(r, lang), "</th><td class=\"meaning\">", Texts.meaning(r, lang), "</td>");
                w("<td class=\"num\"><span class=\"count\">", num(c), "</span><span class=\"track\"><span class=\"bar\" style=\"width:",
                        Integer.toString(width), "%\"></span></span></td></tr>\n");
            }
            w("</tbody>\n");
        }
        w("<tfoot><tr><th scope=\"row\" colspan=\"2\">", t("合計", "Total"), "</th><td class=\"num\">", num(m.total()),
                "</td></tr></tfoot>\n</table>\n</section>\n");
    }

    // ------------------------------------------------------------------ trend

    private void trend() {
        w("<section id=\"trend-section\" aria-labelledby=\"trend-h\">\n<h2 id=\"trend-h\">", t("直近7日間の推移", "The last 7 days"), "</h2>\n");
        w("<p class=\"hint\">", t("1日ごとの違反件数を、習慣別に積み上げています。枠で囲んだ日がこの報告の日です。",
                "Violations per day, stacked by habit. The framed day is the day of this report."), "</p>\n");
        w("<figure class=\"chart\">", new TrendChart(m.trendWindow(), m.data.date(), lang).svg(), "</figure>\n</section>\n");
    }

    // ------------------------------------------------------------------ people

    private void people() {
        List<ReportModel.PersonLine> all = m.people;
        w("<section id=\"people\" aria-labelledby=\"people-h\">\n<h2 id=\"people-h\">",
                t("違反の多い人（上位10名）", "People with the most violations (top 10)"), "</h2>\n");
        if (all.isEmpty()) {
            w("<p class=\"empty\">", t("違反のあった人はいません。", "Nobody was involved in a violation."), "</p>\n</section>\n");
            return;
        }
        w("<table class=\"people\">\n<thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">", t("氏名", "Name"),
                "</th><th scope=\"col\">", t("所属", "Department"), "</th><th scope=\"col\" class=\"num\">", t("件数", "Count"),
                "</th><th scope=\"col\">", t("内訳", "Rules broken"), "</th></tr></thead>\n<tbody>\n");
        int rank = 0;
        long previous = -1;
        for (int i = 0; i < Math.min(TOP_PEOPLE, all.size()); i++) {
            ReportModel.PersonLine p = all.get(i);
            if (p.violations() != previous) {
                rank = i + 1;
                previous = p.violations();
            }
            ReportModel.Who who = p.who();
            w("<tr data-badge=\"", esc(who.badge()), "\" class=\"", who.kind().json(), "\"><td class=\"num rank\">",
                    Integer.toString(rank), "</td><td class=\"name\">", name(who), "<span class=\"badge-id\">",
                    esc(who.badge()), "</span></td><td class=\"dept\">", department(who), "</td><td class=\"num count\">",
                    num(p.violations()), "</td><td class=\"chips\">");
            for (Map.Entry<Rule, Long> e : p.byRule().entrySet()) {
                w("<span class=\"chip ", habitClass(e.getKey().habit()), "\" data-rule=\"", e.getKey().name(), "\">",
                        Texts.rule(e.getKey(), lang), e.getValue() > 1 ? " <b>×" + e.getValue() + "</b>" : "", "</span> ");
            }
            w("</td></tr>\n");
        }
        w("</tbody>\n</table>\n");
        if (all.size() > TOP_PEOPLE) {
            int rest = all.size() - TOP_PEOPLE;
            w("<p class=\"more\">", lang == Lang.EN
                    ? "…and " + rest + (rest == 1 ? " more person" : " more people") + " with fewer violations (see the CSV)."
                    : "ほか " + rest + " 名（件数の少ない人。一覧は CSV を参照）", "</p>\n");
        }
        w("</section>\n");
    }

    private String name(ReportModel.Who who) {
        if (who.name() != null) {
            return "<span class=\"who-name\">" + esc(who.name()) + "</span>";
        }
        return "<span class=\"who-name anon\">" + (who.kind() == ReportModel.Kind.VISITOR
                ? t("（来訪者・氏名不明）", "(visitor, name unknown)")
                : t("（未登録のカード）", "(unknown badge)")) + "</span>";
    }

    private String department(ReportModel.Who who) {
        return switch (who.kind()) {
            case EMPLOYEE -> who.department() == null || who.department().isEmpty() ? "—" : esc(who.department());
            case VISITOR -> {
                String s = "<span class=\"tag visitor\">" + t("来訪者", "Visitor") + "</span>";
                if (who.host() != null) {
                    ReportModel.Who host = m.who(who.host());
                    s += "<span class=\"host\">" + t("受入担当", "Host") + ": "
                            + esc(host.name() != null ? host.name() : host.badge()) + "</span>";
                }
                yield s;
            }
            case UNKNOWN -> "<span class=\"tag unknown\">" + t("登録なし", "Not registered") + "</span>";
        };
    }

    // ------------------------------------------------------------------ timeline

    private void timeline() {
        w("<section id=\"day\" aria-labelledby=\"day-h\">\n<h2 id=\"day-h\">", t("この日の記録", "The day, hour by hour"), "</h2>\n");
        DayViolations all = m.violations;
        if (all.isEmpty()) {
            w("<p class=\"empty\">", t("記録する違反はありませんでした。", "No violations to list."), "</p>\n");
            w("<ol id=\"timeline\"></ol>\n</section>\n");
            return;
        }
        int shown = Math.min(TIMELINE_ROWS, all.size());
        w("<p class=\"hint\">", t("時刻順の一覧です。左端の色は習慣の区分（", "In order of time. The colour at the left marks the habit ("),
                legendText(), t("）を表します。", ")."), shown < all.size() ? " " + Texts.timelineFirst(shown, all.size(), lang) : "",
                "</p>\n");
        w("<div class=\"tl-head\" aria-hidden=\"true\"><span>", t("時刻", "Time"), "</span><span>", t("ルール", "Rule"),
                "</span><span>", t("誰が", "Who"), "</span><span>", t("どこで", "Where"), "</span></div>\n");
        w("<ol id=\"timeline\">\n");
        for (int i = 0; i < shown; i++) {
            Violation v = all.get(i);
            ReportModel.Who who = m.who(v.badge());
            w("<li class=\"ev ", habitClass(v.rule().habit()), "\" data-rule=\"", v.rule().name(), "\" data-id=\"", esc(v.id()), "\">");
            w("<time datetime=\"", TimeFormat.format(v.ts(), m.zone), "\">", esc(clock(v.ts())), "</time>");
            w("<span class=\"rule\">", Texts.rule(v.rule(), lang), "</span>");
            w("<span class=\"who\">", name(who), "<span class=\"sub\">", esc(v.badge()), whoNote(who), "</span></span>");
            w("<span class=\"where\">", esc(Texts.subject(v.subject(), lang)), occupants(v), "</span>");
            w("</li>\n");
        }
        w("</ol>\n");
        if (shown < all.size()) {
            String day = m.data.date().toString();
            w("<p class=\"more\" id=\"timeline-more\" data-more=\"", Integer.toString(all.size() - shown), "\">",
                    Texts.timelineMore(all.size() - shown, "<a href=\"" + day + ".csv\">CSV</a>",
                            "<a href=\"" + day + ".json\">JSON</a>", lang), "</p>\n");
        }
        w("</section>\n");
    }

    private String legendText() {
        List<String> parts = new ArrayList<>();
        for (Rule.Habit h : Rule.Habit.values()) {
            parts.add("<span class=\"" + habitClass(h) + "\"><span class=\"dot\"></span>" + Texts.habitShort(h, lang) + "</span>");
        }
        return String.join(t("・", ", "), parts);
    }

    private String whoNote(ReportModel.Who who) {
        return switch (who.kind()) {
            case EMPLOYEE -> who.department() == null ? "" : " · " + esc(who.department());
            case VISITOR -> " · " + t("来訪者", "visitor") + (who.host() == null ? ""
                    : t("（受入担当: ", " (host: ") + esc(displayName(who.host())) + t("）", ")"));
            case UNKNOWN -> " · " + t("未登録", "unregistered");
        };
    }

    /** LOCKUP_WITH_OCCUPANTS names who was still inside. */
    private String occupants(Violation v) {
        if (!(v.details().get("occupants") instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Object o : list) {
            names.add(esc(displayName(String.valueOf(o))));
        }
        return "<span class=\"sub\">" + t("在室", "inside") + ": " + String.join(t("、", ", "), names) + "</span>";
    }

    private String displayName(String badge) {
        ReportModel.Who w = m.who(badge);
        return w.name() != null ? w.name() : badge;
    }

    // ------------------------------------------------------------------ footer

    private void footer() {
        w("<footer class=\"privacy\">\n<p>", t("この報告書には氏名などの個人情報が含まれます。社内の規程に従って取り扱い、共有は必要な人に限り、不要になったら廃棄してください。",
                "This report contains personal data (names and movements). Handle it according to company policy, share it only with those who need it, and dispose of it when no longer needed."),
                "</p>\n<p class=\"ids\">officeguard · ", esc(m.data.site().site()), " · ", m.data.date().toString(), " · ",
                m.data.finalReport() ? t("確定版", "final") : t("暫定版", "preliminary"), "</p>\n</footer>\n");
    }

    // ------------------------------------------------------------------ formatting

    /**
     * HH:mm local; with the date in front when the time falls on another local day than the report's; with its
     * offset on a day the clocks change, when an hour repeats or is skipped ("02:30 (+02:00)", "02:30 (+01:00)").
     */
    private String clock(Instant at) {
        ZonedDateTime local = at.atZone(m.zone);
        String hm = HH_MM.format(local);
        if (offsetChanges) {
            hm += " (" + local.getOffset().getId() + ")";
        }
        return local.toLocalDate().equals(m.data.date()) ? hm : M_D.format(local) + " " + hm;
    }

    private static String utc(ZoneOffset offset) {
        return "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
    }

    private static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
