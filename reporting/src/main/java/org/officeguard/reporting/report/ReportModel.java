package org.officeguard.reporting.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * The day's figures shared by the JSON, CSV and HTML forms: violations in report order, counts by
 * rule, the people charged with violations and who a badge belongs to.
 */
final class ReportModel {

    /** Length of the trend window, ending with the report's date. */
    static final int TREND_DAYS = 7;

    enum Kind {
        EMPLOYEE, VISITOR, UNKNOWN;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Who a badge belongs to. {@code name} is null for an unknown badge; {@code department} is null
     * for visitors and unknown badges; {@code host} is the badge of a visitor's host, when known.
     */
    record Who(String badge, Kind kind, String name, String department, String host) {}

    /** One line of {@code people}: a badge charged with at least one violation. */
    record PersonLine(Who who, long violations, Map<Rule, Long> byRule) {}

    /** The detail the door-gateway sets on a violation of a passage it refuses and the reader let through (SPEC §3). */
    static final String GRANTED_BY_DEVICE = "grantedByDevice";

    final DayData data;
    final ZoneId zone;
    /** In report order. */
    final DayViolations violations;
    /** All twelve rules, in {@link Rule} order, zeros included. */
    final Map<Rule, Long> byRule;
    /** Most violations first, ties by badge. */
    final List<PersonLine> people;

    private final Map<String, Who> who = new HashMap<>();
    private final Map<String, String> hostsFromDetails = new HashMap<>();

    /** Whether the door's reader let the holder through a passage the site refuses (the violation's details say so). */
    static boolean grantedByDevice(Violation violation) {
        return Boolean.TRUE.equals(violation.details().get(GRANTED_BY_DEVICE));
    }

    ReportModel(DayData data) {
        this.data = data;
        this.zone = data.site().timezone();
        this.violations = data.violations();

        Rule[] rules = Rule.values();
        long[] counts = new long[rules.length];
        Map<String, long[]> perBadge = new HashMap<>();
        Map<String, ?> employees = data.site().people();
        for (int i = 0; i < violations.size(); i++) {
            int rule = violations.rule(i).ordinal();
            String badge = violations.badge(i);
            counts[rule]++;
            perBadge.computeIfAbsent(badge, b -> new long[rules.length])[rule]++;
            // only who() reads these, and only for a badge that is not an employee's: the first in report order wins
            if (!hostsFromDetails.containsKey(badge) && (badge == null || !employees.containsKey(badge))) {
                String host = violations.hostInDetails(i);
                if (host != null) {
                    hostsFromDetails.put(badge, host);
                }
            }
        }
        EnumMap<Rule, Long> all = new EnumMap<>(Rule.class);
        for (Rule r : rules) {
            all.put(r, counts[r.ordinal()]);
        }
        this.byRule = Collections.unmodifiableMap(all);

        List<PersonLine> lines = new ArrayList<>(perBadge.size());
        perBadge.forEach((badge, n) -> {
            EnumMap<Rule, Long> mine = new EnumMap<>(Rule.class);
            long sum = 0;
            for (Rule r : rules) {
                if (n[r.ordinal()] > 0) {
                    mine.put(r, n[r.ordinal()]);
                    sum += n[r.ordinal()];
                }
            }
            lines.add(new PersonLine(who(badge), sum, Collections.unmodifiableMap(mine)));
        });
        lines.sort(Comparator.comparingLong(PersonLine::violations).reversed()
                .thenComparing(p -> p.who().badge(), Comparator.nullsFirst(Comparator.naturalOrder())));
        this.people = Collections.unmodifiableList(lines);
    }

    long total() {
        return violations.size();
    }

    long count(Rule.Habit habit) {
        long n = 0;
        for (Map.Entry<Rule, Long> e : byRule.entrySet()) {
            if (e.getKey().habit() == habit) {
                n += e.getValue();
            }
        }
        return n;
    }

    /**
     * A person of the site file; else a visitor, registered at run time (the registration in effect at the card's
     * first violation of the day, {@link DayData#visitorNames}) or in
     * the site file, or charged with a visitor rule that names a host; else unknown.
     */
    Who who(String badge) {
        return who.computeIfAbsent(badge, this::resolve);
    }

    private Who resolve(String badge) {
        Person person = badge == null ? null : data.site().people().get(badge);
        if (person != null) {
            return new Who(badge, Kind.EMPLOYEE, person.name(), person.department(), null);
        }
        VisitorPass pass = badge == null ? null : data.site().visitors().get(badge);
        String registered = data.visitorNames().get(badge);
        String host = hostsFromDetails.get(badge);
        if (host == null && pass != null) {
            host = pass.host();
        }
        if (registered != null) {
            return new Who(badge, Kind.VISITOR, registered, null, host);
        }
        if (pass != null) {
            return new Who(badge, Kind.VISITOR, pass.name(), null, host);
        }
        if (host != null) {
            return new Who(badge, Kind.VISITOR, null, null, host);
        }
        return new Who(badge, Kind.UNKNOWN, null, null, null);
    }

    /**
     * The {@value #TREND_DAYS} days ending with the report's date, oldest first. The report's own day
     * is counted from its violations, so that the chart always agrees with the totals; the other days
     * come from {@link DayData#trend()}, zero where missing.
     */
    List<DayTotals> trendWindow() {
        Map<LocalDate, DayTotals> given = new HashMap<>();
        for (DayTotals t : data.trend()) {
            given.put(t.date(), t);
        }
        List<DayTotals> out = new ArrayList<>(TREND_DAYS);
        for (int i = TREND_DAYS - 1; i >= 0; i--) {
            LocalDate day = data.date().minusDays(i);
            if (i == 0) {
                out.add(new DayTotals(day, byRule));
            } else {
                out.add(Objects.requireNonNullElseGet(given.get(day), () -> new DayTotals(day, Map.of())));
            }
        }
        return out;
    }
}
