package org.officeguard.reporting.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * The JSON report as it was built before it was streamed: every violation parsed into an object, the
 * figures counted over the objects, and the whole document built as a Jackson tree. Kept as the
 * reference the streamed report must equal byte for byte.
 */
final class TreeReport {

    private static final Comparator<Violation> REPORT_ORDER = Comparator.comparing(Violation::ts)
            .thenComparing(v -> v.rule().name())
            .thenComparing(Violation::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    private TreeReport() {}

    static byte[] json(SiteConfig site, java.time.LocalDate date, boolean fin, List<Violation> given, Activity a,
            Map<String, String> visitorNames) {
        ZoneId zone = site.timezone();
        List<Violation> sorted = new ArrayList<>(given);
        sorted.sort(REPORT_ORDER);

        EnumMap<Rule, Long> counts = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            counts.put(r, 0L);
        }
        Map<String, EnumMap<Rule, Long>> perBadge = new LinkedHashMap<>();
        Map<String, String> hostsFromDetails = new HashMap<>();
        for (Violation v : sorted) {
            counts.merge(v.rule(), 1L, Long::sum);
            perBadge.computeIfAbsent(v.badge(), b -> new EnumMap<>(Rule.class)).merge(v.rule(), 1L, Long::sum);
            Object host = v.details().get("host");
            if (host instanceof String h && !h.isEmpty()) {
                hostsFromDetails.putIfAbsent(v.badge(), h);
            }
        }
        record Line(String badge, String[] who, long n, Map<Rule, Long> byRule) {}
        List<Line> lines = new ArrayList<>();
        perBadge.forEach((badge, rules) -> lines.add(new Line(badge, who(site, visitorNames, hostsFromDetails, badge),
                rules.values().stream().mapToLong(Long::longValue).sum(), rules)));
        lines.sort(Comparator.comparingLong(Line::n).reversed()
                .thenComparing(Line::badge, Comparator.nullsFirst(Comparator.naturalOrder())));

        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("site", site.site());
        o.put("date", date.toString());
        o.put("timezone", zone.getId());
        o.put("final", fin);
        ObjectNode totals = o.putObject("totals");
        totals.put("violations", (long) sorted.size());
        ObjectNode byRule = totals.putObject("byRule");
        counts.forEach((rule, n) -> byRule.put(rule.name(), n));
        ArrayNode people = o.putArray("people");
        for (Line p : lines) {
            ObjectNode one = people.addObject();
            one.put("badge", p.badge());
            one.put("name", p.who()[1]);
            one.put("department", p.who()[2]);
            one.put("violations", p.n());
            ObjectNode rules = one.putObject("byRule");
            p.byRule().forEach((r, n) -> {
                if (n > 0) {
                    rules.put(r.name(), n);
                }
            });
            one.put("kind", p.who()[0]);
            if (p.who()[0].equals("visitor")) {
                one.put("host", p.who()[3]);
            }
        }
        ArrayNode violations = o.putArray("violations");
        for (Violation v : sorted) {
            violations.add(Payloads.toJson(v, zone));
        }
        ObjectNode activity = o.putObject("activity");
        activity.put("passagesGranted", a.passagesGranted());
        activity.put("passagesDenied", a.passagesDenied());
        activity.put("visitors", a.visitors());
        activity.put("firstInAt", time(a.firstInAt(), zone));
        activity.put("lastOutAt", time(a.lastOutAt(), zone));
        activity.put("lockupAt", time(a.lockupAt(), zone));
        return Payloads.bytes(o);
    }

    /** {kind, name, department, host} as the report resolved a badge. */
    private static String[] who(SiteConfig site, Map<String, String> visitorNames, Map<String, String> hosts, String badge) {
        Person person = badge == null ? null : site.people().get(badge);
        if (person != null) {
            return new String[] {"employee", person.name(), person.department(), null};
        }
        VisitorPass pass = badge == null ? null : site.visitors().get(badge);
        String registered = visitorNames.get(badge);
        String host = hosts.get(badge);
        if (host == null && pass != null) {
            host = pass.host();
        }
        if (registered != null) {
            return new String[] {"visitor", registered, null, host};
        }
        if (pass != null) {
            return new String[] {"visitor", pass.name(), null, host};
        }
        if (host != null) {
            return new String[] {"visitor", null, null, host};
        }
        return new String[] {"unknown", null, null, null};
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? null : TimeFormat.format(t, zone);
    }
}
