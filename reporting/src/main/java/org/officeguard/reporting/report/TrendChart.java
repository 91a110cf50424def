package org.officeguard.reporting.report;

import static org.officeguard.reporting.report.Html.esc;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The 7-day trend as inline SVG: one bar per day, stacked by habit (in {@link Rule.Habit} order from
 * the bottom), a y axis with whole-number ticks, a legend, an accessible title and description, and
 * the report's day framed and in full colour (the other days are lighter).
 */
final class TrendChart {

    static final int WIDTH = 760;
    static final int HEIGHT = 262;
    private static final int LEFT = 44;
    private static final int RIGHT = WIDTH - 14;
    private static final int TOP = 52;
    private static final int BOTTOM = HEIGHT - 48;
    private static final int BAR = 46;

    private static final DateTimeFormatter M_D = DateTimeFormatter.ofPattern("M/d");

    private final List<DayTotals> days;
    private final LocalDate today;
    private final Lang lang;
    private final StringBuilder out = new StringBuilder(8192);

    TrendChart(List<DayTotals> days, LocalDate today, Lang lang) {
        this.days = days;
        this.today = today;
        this.lang = lang;
    }

    private String t(String ja, String en) {
        return lang == Lang.EN ? en : ja;
    }

    String svg() {
        long max = days.stream().mapToLong(DayTotals::total).max().orElse(0);
        long step = step(max);
        long top = max <= 4 ? 4 : step * ((max + step - 1) / step);
        double plot = BOTTOM - TOP;

        out.append("<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"trend-title trend-desc\" font-size=\"12\">");
        out.append("<title id=\"trend-title\">").append(t("直近7日間の違反件数（習慣別）", "Violations over the last 7 days, by habit"))
                .append("</title>");
        out.append("<desc id=\"trend-desc\">").append(esc(description())).append("</desc>");

        legend();

        out.append("<g class=\"axis\">");
        for (long v = 0; v <= top; v += step) {
            double y = BOTTOM - plot * v / top;
            out.append("<line class=\"grid").append(v == 0 ? " base" : "").append("\" x1=\"").append(LEFT).append("\" x2=\"")
                    .append(RIGHT).append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>");
            out.append("<text class=\"tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(v).append("</text>");
        }
        out.append("<text class=\"unit\" x=\"").append(LEFT - 8).append("\" y=\"").append(TOP - 14)
                .append("\" text-anchor=\"end\">").append(t("件", "count")).append("</text>");
        out.append("</g>");

        double slot = (RIGHT - LEFT) / (double) days.size();
        for (int i = 0; i < days.size(); i++) {
            DayTotals d = days.get(i);
            boolean isToday = d.date().equals(today);
            double x0 = LEFT + i * slot;
            double cx = x0 + slot / 2;
            out.append("<g class=\"day").append(isToday ? " today" : "").append("\" data-date=\"").append(d.date())
                    .append("\" data-total=\"").append(d.total()).append("\">");
            if (isToday) {
                out.append("<rect class=\"highlight\" x=\"").append(fmt(x0 + 5)).append("\" y=\"").append(TOP - 42)
                        .append("\" width=\"").append(fmt(slot - 10)).append("\" height=\"").append(HEIGHT - TOP + 40)
                        .append("\" rx=\"8\"/>");
                out.append("<text class=\"marker\" x=\"").append(fmt(cx)).append("\" y=\"").append(TOP - 27)
                        .append("\" text-anchor=\"middle\">").append(t("この日", "report day")).append("</text>");
            }
            double y = BOTTOM;
            for (Rule.Habit h : Rule.Habit.values()) {
                long n = d.count(h);
                if (n == 0) {
                    continue;
                }
                double hgt = plot * n / top;
                y -= hgt;
                out.append("<rect class=\"seg ").append(HtmlReport.habitClass(h)).append("\" data-habit=\"").append(h.name())
                        .append("\" data-count=\"").append(n).append("\" x=\"").append(fmt(cx - BAR / 2.0)).append("\" y=\"")
                        .append(fmt(y)).append("\" width=\"").append(BAR).append("\" height=\"").append(fmt(hgt))
                        .append("\" fill=\"").append(HtmlReport.habitColour(h)).append("\"")
                        .append(isToday ? "" : " fill-opacity=\"0.5\"").append("><title>").append(label(d.date())).append(" ")
                        .append(Texts.habit(h, lang)).append(": ").append(n).append("</title></rect>");
            }
            out.append("<text class=\"total\" x=\"").append(fmt(cx)).append("\" y=\"").append(fmt(y - 7))
                    .append("\" text-anchor=\"middle\">").append(d.total()).append("</text>");
            out.append("<text class=\"date\" x=\"").append(fmt(cx)).append("\" y=\"").append(BOTTOM + 19)
                    .append("\" text-anchor=\"middle\">").append(M_D.format(d.date())).append("</text>");
            out.append("<text class=\"weekday\" x=\"").append(fmt(cx)).append("\" y=\"").append(BOTTOM + 36)
                    .append("\" text-anchor=\"middle\">").append(weekday(d.date())).append("</text>");
            out.append("</g>");
        }
        out.append("</svg>");
        return out.toString();
    }

    private void legend() {
        out.append("<g class=\"legend\">");
        double x = LEFT;
        for (Rule.Habit h : Rule.Habit.values()) {
            String name = Texts.habit(h, lang);
            out.append("<g class=\"key ").append(HtmlReport.habitClass(h)).append("\"><rect x=\"").append(fmt(x))
                    .append("\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\" fill=\"").append(HtmlReport.habitColour(h))
                    .append("\"/><text x=\"").append(fmt(x + 17)).append("\" y=\"18.5\">").append(name).append("</text></g>");
            x += 17 + textWidth(name) + 26;
        }
        out.append("</g>");
    }

    private String description() {
        List<String> parts = new ArrayList<>();
        for (DayTotals d : days) {
            String day = label(d.date()) + (d.date().equals(today) ? t("（当日）", " (report day)") : "");
            if (d.total() == 0) {
                parts.add(day + t(" 0件", ": 0"));
                continue;
            }
            List<String> habits = new ArrayList<>();
            for (Rule.Habit h : Rule.Habit.values()) {
                if (d.count(h) > 0) {
                    habits.add(Texts.habitShort(h, lang) + " " + d.count(h));
                }
            }
            parts.add(day + t(" " + d.total() + "件（" + String.join("、", habits) + "）",
                    ": " + d.total() + " (" + String.join(", ", habits) + ")"));
        }
        return t("日ごとの違反件数：", "Violations per day: ") + String.join(t("、", "; "), parts) + t("。", ".");
    }

    private String label(LocalDate d) {
        return M_D.format(d) + (lang == Lang.EN ? " " : "（") + weekday(d) + (lang == Lang.EN ? "" : "）");
    }

    private String weekday(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, lang == Lang.EN ? Locale.ENGLISH : Locale.JAPANESE);
    }

    /** 1, 2 or 5 times a power of ten, so that the axis has at most about five ticks. */
    static long step(long max) {
        if (max <= 4) {
            return 1;
        }
        double raw = max / 4.0;
        long pow = 1;
        while (pow * 10 <= raw) {
            pow *= 10;
        }
        for (long f : new long[] {1, 2, 5, 10}) {
            if (f * pow >= raw) {
                return f * pow;
            }
        }
        return 10 * pow;
    }

    /** A rough width at font-size 12: full-width characters are square, Latin ones about 0.58 em. */
    private static double textWidth(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) >= 0x2E80 ? 12 : 6.9;
        }
        return w;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
