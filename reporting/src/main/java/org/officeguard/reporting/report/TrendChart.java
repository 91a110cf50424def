package org.officeguard.reporting.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.officeguard.core.model.Rule;

/**
 * The geometry and words of the 7-day trend, which {@code trend.jte} draws as inline SVG: one bar per day,
 * stacked by habit (in {@link Rule.Habit} order from the bottom), a y axis with whole-number ticks, a legend,
 * an accessible title and description, and the report's day framed and in full colour (the other days are
 * lighter). Coordinates are in the SVG's user units, written with at most one decimal; {@code description}
 * is the chart in words, for the SVG's {@code desc}.
 */
record TrendChart(List<Key> legend, List<Tick> ticks, List<Column> columns, String description) {

    static final int WIDTH = 760;
    static final int HEIGHT = 262;
    static final int LEFT = 44;
    static final int RIGHT = WIDTH - 14;
    static final int TOP = 52;
    static final int BOTTOM = HEIGHT - 48;
    static final int BAR = 46;

    /** A habit in the legend: its square at {@code x}, its name at {@code textX}. */
    record Key(Rule.Habit habit, String x, String textX) {}

    /** A line of the y axis at {@code y}, labelled {@code value} at {@code labelY}. */
    record Tick(long value, String y, String labelY) {}

    /** A habit's part of a day's bar. */
    record Segment(Rule.Habit habit, long count, String y, String height) {}

    /**
     * One day: centred on {@code x}; its bar starts at {@code barX}, its total stands at {@code totalY}; the
     * report's day has a frame from {@code frameX}, {@code frameWidth} wide. {@code label} names the day in
     * titles and in the description.
     */
    record Column(LocalDate date, long total, boolean isReportDay, String x, String barX, String frameX,
            String frameWidth, List<Segment> segments, String totalY, String shortDate, String weekday, String label) {}

    private static final DateTimeFormatter M_D = DateTimeFormatter.ofPattern("M/d");

    static TrendChart of(List<DayTotals> days, LocalDate reportDay, Texts texts) {
        List<Key> legend = new ArrayList<>();
        double x = LEFT;
        for (Rule.Habit habit : Rule.Habit.values()) {
            legend.add(new Key(habit, fmt(x), fmt(x + 17)));
            x += 17 + textWidth(texts.habit(habit)) + 26;
        }

        long max = days.stream().mapToLong(DayTotals::total).max().orElse(0);
        long step = step(max);
        long top = max <= 4 ? 4 : step * ((max + step - 1) / step);
        double plot = BOTTOM - TOP;
        List<Tick> ticks = new ArrayList<>();
        for (long value = 0; value <= top; value += step) {
            double y = BOTTOM - plot * value / top;
            ticks.add(new Tick(value, fmt(y), fmt(y + 4)));
        }

        double slot = (RIGHT - LEFT) / (double) days.size();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DayTotals day = days.get(i);
            double left = LEFT + i * slot;
            double centre = left + slot / 2;
            double y = BOTTOM;
            List<Segment> segments = new ArrayList<>();
            for (Rule.Habit habit : Rule.Habit.values()) {
                long count = day.count(habit);
                if (count > 0) {
                    double height = plot * count / top;
                    y -= height;
                    segments.add(new Segment(habit, count, fmt(y), fmt(height)));
                }
            }
            String shortDate = M_D.format(day.date());
            String weekday = day.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, texts.locale());
            columns.add(new Column(day.date(), day.total(), day.date().equals(reportDay), fmt(centre),
                    fmt(centre - BAR / 2.0), fmt(left + 5), fmt(slot - 10), segments, fmt(y - 7), shortDate, weekday,
                    texts.format("trend.day", shortDate, weekday)));
        }
        return new TrendChart(legend, ticks, columns, describe(columns, texts));
    }

    private static String describe(List<Column> columns, Texts texts) {
        List<String> parts = new ArrayList<>();
        for (Column column : columns) {
            String day = column.isReportDay() ? texts.format("trend.description.reportDay", column.label()) : column.label();
            if (column.total() == 0) {
                parts.add(texts.format("trend.description.none", day));
                continue;
            }
            List<String> habits = new ArrayList<>();
            for (Segment segment : column.segments()) {
                habits.add(texts.habitShort(segment.habit()) + " " + segment.count());
            }
            parts.add(texts.format("trend.description.some", day, column.total(),
                    String.join(texts.lookup("trend.description.habitSeparator"), habits)));
        }
        return texts.format("trend.description", String.join(texts.lookup("trend.description.daySeparator"), parts));
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
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (factor * pow >= raw) {
                return factor * pow;
            }
        }
        return 10 * pow;
    }

    /** A rough width at font-size 12: full-width characters are square, Latin ones about 0.58 em. */
    private static double textWidth(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += text.charAt(i) >= 0x2E80 ? 12 : 6.9;
        }
        return width;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
