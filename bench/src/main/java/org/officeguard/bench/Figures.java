package org.officeguard.bench;

import java.util.List;
import java.util.stream.Collectors;

/** How the bench rounds and writes its figures. */
final class Figures {

    private Figures() {}

    /** The {@code quantile} of values sorted ascending (nearest rank). */
    static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Nanoseconds as milliseconds, to two decimals. */
    static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    /** To two decimals. */
    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A whole number with thousands separators: "12,345". */
    static String grouped(double value) {
        return String.format("%,.0f", value);
    }

    /** {@code rate} as a whole percentage of {@code ceiling}; n/a without a ceiling. */
    static String ratio(double rate, double ceiling) {
        return Double.isNaN(ceiling) ? "n/a" : String.format("%.0f%%", 100 * rate / ceiling);
    }

    static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1048576.0);
    }

    /** The middle value (the upper one of an even count). */
    static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** The lowest and the highest of {@code values}, "a–b" ("0.0–0.0" when there are none). */
    static String spread(List<Double> values) {
        return spread(values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    /** A range from its lowest and its highest figure, "a–b", each written as Java writes a double: "2.5–3.75". */
    static String spread(double lowest, double highest) {
        return lowest + "–" + highest;
    }

    /** Ratios as whole percentages, "a / b / c". */
    static String percents(List<Double> ratios) {
        return ratios.stream().map(ratio -> Math.round(100 * ratio) + "%").collect(Collectors.joining(" / "));
    }
}
