package org.officeguard.reporting.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * The daily report of one site and local date (SPEC §6) in its three forms: the JSON document, a CSV
 * for Excel and the manager's HTML page. Pure functions of {@link DayData}: the same data always
 * gives the same bytes.
 */
public final class DailyReport {

    /** The language of the HTML page. */
    public enum Lang {
        JA, EN;

        /** {@code null} or {@code ja} → JA, {@code en} → EN (either case); anything else is refused. */
        public static Lang parse(String s) {
            if (s == null || s.equalsIgnoreCase("ja")) {
                return JA;
            }
            if (s.equalsIgnoreCase("en")) {
                return EN;
            }
            throw new IllegalArgumentException("lang must be ja or en, not '"
                    + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "'");
        }

        /** The value of the page's {@code lang} attribute. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private DailyReport() {}

    /**
     * SPEC §6. Besides the fields the contract names, each entry of {@code people} carries
     * {@code kind} ({@code employee}, {@code visitor} or {@code unknown}) and, for a visitor,
     * {@code host} (the host's badge, null when not known).
     */
    public static ObjectNode json(DayData d) {
        ReportModel m = new ReportModel(d);
        ZoneId zone = m.zone;
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("site", d.site().site());
        o.put("date", d.date().toString());
        o.put("timezone", zone.getId());
        o.put("final", d.finalReport());

        ObjectNode totals = o.putObject("totals");
        totals.put("violations", m.total());
        ObjectNode byRule = totals.putObject("byRule");
        m.byRule.forEach((rule, n) -> byRule.put(rule.name(), n));

        ArrayNode people = o.putArray("people");
        for (ReportModel.PersonLine p : m.people) {
            ObjectNode one = people.addObject();
            one.put("badge", p.who().badge());
            one.put("name", p.who().name());
            one.put("department", p.who().department());
            one.put("violations", p.violations());
            ObjectNode rules = one.putObject("byRule");
            for (Map.Entry<Rule, Long> e : p.byRule().entrySet()) {
                if (e.getValue() > 0) {
                    rules.put(e.getKey().name(), e.getValue());
                }
            }
            one.put("kind", p.who().kind().json());
            if (p.who().kind() == ReportModel.Kind.VISITOR) {
                one.put("host", p.who().host());
            }
        }

        ArrayNode violations = o.putArray("violations");
        for (Violation v : m.violations) {
            violations.add(Payloads.toJson(v, zone));
        }

        Activity a = d.activity();
        ObjectNode activity = o.putObject("activity");
        activity.put("passagesGranted", a.passagesGranted());
        activity.put("passagesDenied", a.passagesDenied());
        activity.put("visitors", a.visitors());
        activity.put("firstInAt", time(a.firstInAt(), zone));
        activity.put("lastOutAt", time(a.lastOutAt(), zone));
        activity.put("lockupAt", time(a.lockupAt(), zone));
        return o;
    }

    /**
     * One row per violation in report order under a header row: UTF-8 with a byte-order mark, CRLF
     * line ends and RFC 4180 quoting, so that Excel opens it with Japanese intact. See {@link CsvReport}
     * for the columns.
     */
    public static byte[] csv(DayData d) {
        return CsvReport.write(new ReportModel(d));
    }

    /** The manager's page: one self-contained, printable HTML document (inline CSS and SVG, no script). */
    public static String html(DayData d, Lang lang) {
        return new HtmlReport(new ReportModel(d), lang == null ? Lang.JA : lang).render();
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? null : TimeFormat.format(t, zone);
    }
}
