package org.officeguard.reporting.report;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Violation;

/**
 * Everything one daily report is made of. The caller selects the data: {@code violations} are the
 * day's (given in any order, held in report order), {@code visitorNames} maps the badges of visitors
 * registered at run time to the name of the visitor who held the card at its first violation of the day (the
 * card's latest registration by then; visitors of the site file are in {@code site}), and
 * {@code trend} holds the days before {@code date} for the 7-day chart (oldest first; days missing
 * from it count as zero, and {@code date} itself is always counted from {@code violations}).
 * Null collections and a null activity stand for "nothing".
 */
public record DayData(SiteConfig site, LocalDate date, boolean finalReport, DayViolations violations,
        Activity activity, Map<String, String> visitorNames, List<DayTotals> trend) {

    public DayData {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(date, "date");
        violations = violations == null ? DayViolations.none() : violations;
        activity = activity == null ? Activity.none() : activity;
        Map<String, String> names = new LinkedHashMap<>();
        if (visitorNames != null) {
            visitorNames.forEach((badge, name) -> {
                if (badge != null && name != null) {
                    names.put(badge, name);
                }
            });
        }
        visitorNames = Collections.unmodifiableMap(names);
        trend = trend == null ? List.of() : List.copyOf(trend);
    }

    /** The day's violations as objects, in any order (the JSON of each is written in the site's zone). */
    public DayData(SiteConfig site, LocalDate date, boolean finalReport, List<Violation> violations,
            Activity activity, Map<String, String> visitorNames, List<DayTotals> trend) {
        this(site, date, finalReport, DayViolations.of(violations, Objects.requireNonNull(site, "site").timezone()),
                activity, visitorNames, trend);
    }
}
