package org.officeguard.reporting.report;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/** One day's violation counts by rule, for the trend chart. Rules left out count as zero. */
public record DayTotals(LocalDate date, Map<Rule, Long> byRule) {

    public DayTotals {
        Objects.requireNonNull(date, "date");
        EnumMap<Rule, Long> copy = new EnumMap<>(Rule.class);
        if (byRule != null) {
            byRule.forEach((rule, n) -> {
                if (rule != null && n != null) {
                    if (n < 0) {
                        throw new IllegalArgumentException("negative count " + n + " for " + rule + " on " + date);
                    }
                    copy.put(rule, n);
                }
            });
        }
        byRule = Collections.unmodifiableMap(copy);
    }

    /** Counts the given violations, all taken to belong to {@code date}. */
    public static DayTotals of(LocalDate date, Collection<Violation> violations) {
        EnumMap<Rule, Long> counts = new EnumMap<>(Rule.class);
        for (Violation v : violations) {
            counts.merge(v.rule(), 1L, Long::sum);
        }
        return new DayTotals(date, counts);
    }

    public long count(Rule rule) {
        return byRule.getOrDefault(rule, 0L);
    }

    public long count(Rule.Habit habit) {
        long n = 0;
        for (Map.Entry<Rule, Long> e : byRule.entrySet()) {
            if (e.getKey().habit() == habit) {
                n += e.getValue();
            }
        }
        return n;
    }

    public long total() {
        long n = 0;
        for (long c : byRule.values()) {
            n += c;
        }
        return n;
    }
}
