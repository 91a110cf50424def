package org.officeguard.reporting.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * What the mail's template ({@code mail.jte}) shows: the report's page ({@link ReportPage}: its values and words) laid
 * out for a mail client. Mail clients drop a document's style sheet or most of it (Gmail keeps no classes, Outlook
 * lays out with Word), so every element carries its style in a {@code style} attribute, from {@link #css}; the layout
 * is tables; colours are those of {@code report.css}. Instead of the SVG trend, which many clients do not draw, a
 * table of bars; the timeline lists the first {@value #TIMELINE_ROWS} violations, and the CSV attached holds them all.
 */
final class MailPage {

    /**
     * Violations the mail's timeline lists. Gmail cuts a message's HTML after some 100 KB; the rest is one click away
     * in the attached CSV.
     */
    static final int TIMELINE_ROWS = 50;

    /** A habit's part of a day's bar in the trend: {@code percent} of the widest day's bar. */
    record Bar(String colour, int percent) {}

    /** A day of the trend. */
    record TrendRow(String label, boolean isReportDay, long total, List<Bar> bars, int restPercent) {}

    /** The colours {@code report.css} defines on {@code :root}, by name ({@code ink}, {@code visitors}...). */
    private static final Map<String, String> COLOURS = colours(HtmlReport.CSS);

    private static final String SANS_JA = "font-family:'Hiragino Sans','Hiragino Kaku Gothic ProN','Yu Gothic',Meiryo,"
            + "'Noto Sans CJK JP',Arial,sans-serif;";
    private static final String SANS_EN = "font-family:Arial,'Helvetica Neue',Helvetica,'Hiragino Sans',Meiryo,"
            + "'Noto Sans CJK JP',sans-serif;";

    private static final Map<String, String> STYLES = styles();

    private final ReportPage page;
    private final String subject;

    MailPage(ReportPage page, String subject) {
        this.page = page;
        this.subject = subject;
    }

    ReportPage page() {
        return page;
    }

    String subject() {
        return subject;
    }

    /** The inline style of the element named {@code name}; an unknown name is an error, not an unstyled element. */
    String css(String name) {
        String style = STYLES.get(name);
        if (style == null) {
            throw new IllegalArgumentException("no mail style '" + name + "'");
        }
        return name.equals("body") ? style + (page.lang() == Lang.EN ? SANS_EN : SANS_JA) : style;
    }

    /** The colour of a habit, as {@code report.css} defines it. */
    static String colour(Rule.Habit habit) {
        return COLOURS.get(switch (habit) {
            case VISITORS -> "visitors";
            case LAST_EXIT -> "last-exit";
            case SCREEN_LOCK -> "screen-lock";
        });
    }

    /** The last seven days as bars, each {@link Bar} a share of the widest day's bar. */
    List<TrendRow> trend() {
        TrendChart chart = page.trend();
        long max = chart.columns().stream().mapToLong(TrendChart.Column::total).max().orElse(0);
        List<TrendRow> rows = new ArrayList<>();
        for (TrendChart.Column day : chart.columns()) {
            List<Bar> bars = new ArrayList<>();
            int used = 0;
            for (TrendChart.Segment segment : day.segments()) {
                int percent = (int) Math.max(1, Math.round(100.0 * segment.count() / max));
                percent = Math.min(percent, 100 - used);
                if (percent > 0) {
                    bars.add(new Bar(colour(segment.habit()), percent));
                    used += percent;
                }
            }
            rows.add(new TrendRow(day.label(), day.isReportDay(), day.total(), bars, 100 - used));
        }
        return rows;
    }

    /** The first {@value #TIMELINE_ROWS} violations in report order. */
    List<ReportPage.TimelineRow> timeline() {
        List<ReportPage.TimelineRow> rows = page.timeline();
        return rows.size() > TIMELINE_ROWS ? rows.subList(0, TIMELINE_ROWS) : rows;
    }

    /** The violations beyond those the mail lists. */
    long timelineMore() {
        return Math.max(0, page.total() - TIMELINE_ROWS);
    }

    /** What the people table says under a name: the department, or that it is a visitor's (and whose), or unknown. */
    String department(ReportModel.Who who) {
        return switch (who.kind()) {
            case EMPLOYEE -> who.department() == null || who.department().isEmpty() ? "—" : who.department();
            case VISITOR -> who.host() == null ? page.texts().lookup("people.visitor")
                    : page.texts().lookup("people.visitor") + " · "
                            + page.texts().format("people.host", page.displayName(who.host()));
            case UNKNOWN -> page.texts().lookup("people.notRegistered");
        };
    }

    /** A person's rules: "Left the PC unlocked ×2, PC left on at lock-up". */
    String rules(Map<Rule, Long> byRule) {
        List<String> parts = new ArrayList<>();
        byRule.forEach((rule, count) -> {
            if (count > 0) {
                parts.add(page.texts().rule(rule) + (count > 1 ? " ×" + count : ""));
            }
        });
        return String.join(page.texts().lookup("timeline.habitSeparator"), parts);
    }

    private static Map<String, String> styles() {
        String ink = COLOURS.get("ink");
        String muted = COLOURS.get("muted");
        String faint = COLOURS.get("faint");
        String line = COLOURS.get("line");
        String accent = COLOURS.get("accent");
        Map<String, String> styles = new HashMap<>();
        styles.put("body", "margin:0;padding:0;background:" + COLOURS.get("bg") + ";color:" + ink
                + ";font-size:14px;line-height:1.55;");
        styles.put("backdrop", "background:" + COLOURS.get("bg") + ";");
        styles.put("sheet", "background:" + COLOURS.get("paper") + ";border-radius:8px;max-width:640px;");
        styles.put("cell", "padding:0 24px;");
        styles.put("brand", "margin:20px 0 0;font-size:12px;font-weight:bold;letter-spacing:.06em;color:" + accent + ";");
        styles.put("brand-sub", "font-weight:normal;letter-spacing:0;color:" + muted + ";");
        styles.put("h1", "margin:4px 0;font-size:23px;line-height:1.3;font-weight:bold;color:" + ink + ";");
        styles.put("status", "display:inline-block;margin-left:8px;padding:1px 10px;border:1px solid #4d9c77;"
                + "border-radius:10px;background:#e9f6ef;color:#12633f;font-size:12px;vertical-align:middle;");
        styles.put("meta", "margin:0;font-size:12px;color:" + muted + ";");
        styles.put("note", "margin:2px 0 0;font-size:12px;color:" + muted + ";");
        styles.put("h2", "margin:26px 0 8px;padding-bottom:4px;border-bottom:2px solid " + ink
                + ";font-size:16px;line-height:1.4;color:" + ink + ";");
        styles.put("hint", "margin:0 0 8px;font-size:12px;color:" + muted + ";");
        styles.put("table", "border-collapse:collapse;");
        styles.put("card", "padding:10px 14px;border:1px solid #cdd6e0;border-left:5px solid " + accent
                + ";border-radius:6px;background:#ffffff;vertical-align:top;");
        styles.put("card-label", "margin:0;font-size:12px;font-weight:bold;color:" + muted + ";");
        styles.put("card-value", "margin:2px 0 4px;font-size:36px;line-height:1.1;font-weight:bold;color:" + ink + ";");
        styles.put("unit", "margin-left:4px;font-size:13px;font-weight:normal;color:" + muted + ";");
        styles.put("habit-line", "padding:3px 0;border-top:1px dashed " + line + ";font-size:13px;");
        styles.put("fact-label", "padding:5px 0 5px 14px;border-bottom:1px solid " + line + ";font-size:12px;color:"
                + muted + ";");
        styles.put("fact-value", "padding:5px 0;border-bottom:1px solid " + line
                + ";font-size:15px;font-weight:bold;text-align:right;white-space:nowrap;");
        styles.put("fact-none", "padding:5px 0;border-bottom:1px solid " + line + ";font-size:13px;color:" + faint
                + ";text-align:right;white-space:nowrap;");
        styles.put("th", "padding:4px 6px;border-bottom:1px solid " + line + ";font-size:11px;font-weight:bold;color:"
                + muted + ";text-align:left;");
        styles.put("th-num", "padding:4px 6px;border-bottom:1px solid " + line + ";font-size:11px;font-weight:bold;color:"
                + muted + ";text-align:right;");
        styles.put("habit-row", "padding:7px 8px;background:#f3f5f8;font-size:14px;font-weight:bold;");
        styles.put("aim", "display:block;font-size:11px;font-weight:normal;color:" + muted + ";");
        styles.put("habit-count", "padding:7px 8px;background:#f3f5f8;font-size:15px;font-weight:bold;text-align:right;");
        styles.put("rule", "padding:5px 8px 5px 16px;border-bottom:1px solid " + line + ";font-size:13px;font-weight:bold;");
        styles.put("rule-zero", "padding:5px 8px 5px 16px;border-bottom:1px solid " + line + ";font-size:13px;color:"
                + faint + ";");
        styles.put("meaning", "display:block;font-size:11px;font-weight:normal;color:" + COLOURS.get("ink2") + ";");
        styles.put("meaning-zero", "display:block;font-size:11px;font-weight:normal;color:" + faint + ";");
        styles.put("count", "padding:5px 8px;border-bottom:1px solid " + line
                + ";font-size:14px;font-weight:bold;text-align:right;white-space:nowrap;");
        styles.put("count-zero", "padding:5px 8px;border-bottom:1px solid " + line + ";font-size:14px;color:" + faint
                + ";text-align:right;white-space:nowrap;");
        styles.put("bar-cell", "padding:5px 0;border-bottom:1px solid " + line + ";vertical-align:middle;");
        styles.put("bar", "font-size:0;line-height:0;");
        styles.put("bar-rest", "font-size:0;line-height:0;background:#edf0f3;");
        styles.put("total-row", "padding:7px 8px;border-top:2px solid " + ink + ";font-size:14px;font-weight:bold;");
        styles.put("total-count", "padding:7px 8px;border-top:2px solid " + ink
                + ";font-size:14px;font-weight:bold;text-align:right;");
        styles.put("day", "padding:4px 8px 4px 0;font-size:12px;color:" + COLOURS.get("ink2") + ";white-space:nowrap;");
        styles.put("day-today", "padding:4px 8px 4px 0;font-size:12px;font-weight:bold;color:" + accent
                + ";white-space:nowrap;");
        styles.put("day-total", "padding:4px 0 4px 8px;font-size:12px;text-align:right;");
        styles.put("day-total-today", "padding:4px 0 4px 8px;font-size:13px;font-weight:bold;text-align:right;");
        styles.put("trend-cell", "padding:4px 0;vertical-align:middle;");
        styles.put("legend", "margin:6px 0 0;font-size:11px;color:" + muted + ";");
        styles.put("person", "padding:6px;border-bottom:1px solid " + line + ";font-size:13px;vertical-align:top;");
        styles.put("person-num", "padding:6px;border-bottom:1px solid " + line
                + ";font-size:15px;font-weight:bold;text-align:right;vertical-align:top;");
        styles.put("rank", "padding:6px;border-bottom:1px solid " + line + ";font-size:12px;color:" + muted
                + ";vertical-align:top;");
        styles.put("name", "font-weight:bold;");
        styles.put("name-anon", "color:" + muted + ";");
        styles.put("badge", "margin-left:6px;font-size:11px;color:" + muted + ";font-family:Consolas,Menlo,monospace;");
        styles.put("small", "display:block;font-size:11px;color:" + muted + ";");
        styles.put("ev-time", "padding:5px 6px;border-bottom:1px solid " + line
                + ";font-size:13px;font-weight:bold;white-space:nowrap;vertical-align:top;");
        styles.put("ev", "padding:5px 6px;border-bottom:1px solid " + line + ";font-size:12px;vertical-align:top;");
        styles.put("by-device", "display:inline-block;margin-top:2px;padding:0 5px;border:1px solid #e8a59e;"
                + "border-radius:3px;background:#fdeceb;color:#9b2c24;font-size:11px;font-weight:bold;");
        styles.put("more", "margin:8px 0 0;font-size:12px;color:" + muted + ";");
        styles.put("empty", "margin:6px 0 0;font-size:13px;color:" + muted + ";");
        styles.put("footer", "margin:28px 0 0;padding:10px 0 22px;border-top:1px solid " + line + ";font-size:11px;color:"
                + muted + ";");
        styles.put("ids", "margin:2px 0 0;color:" + faint + ";");
        return Map.copyOf(styles);
    }

    /** The colours of the style sheet's first rule ({@code :root{--ink:#1c2530;...}}), by name without {@code --}. */
    static Map<String, String> colours(String css) {
        Map<String, String> colours = new HashMap<>();
        String root = css.substring(css.indexOf(":root{"), css.indexOf('}', css.indexOf(":root{")));
        Matcher colour = Pattern.compile("--([a-z0-9-]+):(#[0-9a-fA-F]{3,6})").matcher(root);
        while (colour.find()) {
            colours.put(colour.group(1), colour.group(2));
        }
        for (String needed : List.of("ink", "ink2", "muted", "faint", "line", "bg", "paper", "accent", "visitors",
                "last-exit", "screen-lock")) {
            if (!colours.containsKey(needed)) {
                throw new IllegalStateException("report.css defines no --" + needed + " on :root");
            }
        }
        return Map.copyOf(colours);
    }
}
