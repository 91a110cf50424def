package org.officeguard.reporting.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;

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

    /**
     * Reads a whole report back into a tree: not with {@link Payloads#JSON}, whose limits are those of one
     * input payload (a violation's details sit two levels deeper in the report than in its payload).
     */
    private static final ObjectMapper TREE_READER = new ObjectMapper();

    private DailyReport() {}

    /**
     * SPEC §6, as UTF-8 JSON. Besides the fields the contract names, each entry of {@code people} carries
     * {@code kind} ({@code employee}, {@code visitor} or {@code unknown}) and, for a visitor,
     * {@code host} (the host's badge, null when not known). Written straight to bytes: each violation is
     * its §5 JSON copied through (for stored violations, the JSON as stored), never a tree of the day.
     */
    public static byte[] jsonBytes(DayData d) {
        ReportModel m = new ReportModel(d);
        long hint = d.violations().jsonChars() + 200L * m.people.size() + 2048;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(hint + hint / 8, Integer.MAX_VALUE - 16));
        try (JsonGenerator g = Payloads.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            writeJson(m, g, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** The same document as {@link #jsonBytes}, as a tree (for callers that look into it, such as tests). */
    public static ObjectNode json(DayData d) {
        try {
            return (ObjectNode) TREE_READER.readTree(jsonBytes(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJson(ReportModel m, JsonGenerator g, OutputStream out) throws IOException {
        DayData d = m.data;
        ZoneId zone = m.zone;
        g.writeStartObject();
        g.writeStringField("site", d.site().site());
        g.writeStringField("date", d.date().toString());
        g.writeStringField("timezone", zone.getId());
        g.writeBooleanField("final", d.finalReport());

        g.writeObjectFieldStart("totals");
        g.writeNumberField("violations", m.total());
        g.writeObjectFieldStart("byRule");
        for (Map.Entry<Rule, Long> e : m.byRule.entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();

        g.writeArrayFieldStart("people");
        for (ReportModel.PersonLine p : m.people) {
            g.writeStartObject();
            g.writeStringField("badge", p.who().badge());
            g.writeStringField("name", p.who().name());
            g.writeStringField("department", p.who().department());
            g.writeNumberField("violations", p.violations());
            g.writeObjectFieldStart("byRule");
            for (Map.Entry<Rule, Long> e : p.byRule().entrySet()) {
                if (e.getValue() > 0) {
                    g.writeNumberField(e.getKey().name(), e.getValue());
                }
            }
            g.writeEndObject();
            g.writeStringField("kind", p.who().kind().json());
            if (p.who().kind() == ReportModel.Kind.VISITOR) {
                g.writeStringField("host", p.who().host());
            }
            g.writeEndObject();
        }
        g.writeEndArray();

        // Each violation's JSON is already what the generator would write for it: the bytes go straight
        // to the output, past the generator (whose char-by-char copy of raw values was the report's
        // largest cost), and the generator closes the array it opened.
        g.writeArrayFieldStart("violations");
        g.flush();
        DayViolations violations = m.violations;
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(violations.json(i).getBytes(StandardCharsets.UTF_8));
        }
        g.writeEndArray();

        Activity a = d.activity();
        g.writeObjectFieldStart("activity");
        g.writeNumberField("passagesGranted", a.passagesGranted());
        g.writeNumberField("passagesDenied", a.passagesDenied());
        g.writeNumberField("visitors", a.visitors());
        g.writeStringField("firstInAt", time(a.firstInAt(), zone));
        g.writeStringField("lastOutAt", time(a.lastOutAt(), zone));
        g.writeStringField("lockupAt", time(a.lockupAt(), zone));
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * One row per violation in report order under a header row: UTF-8 with a byte-order mark, CRLF
     * line ends and RFC 4180 quoting, so that Excel opens it with Japanese intact. See {@link CsvReport}
     * for the columns.
     */
    public static byte[] csv(DayData d) {
        return csv(d, Lang.JA);
    }

    /** The CSV with its header row and words in {@code lang}. */
    public static byte[] csv(DayData d, Lang lang) {
        return CsvReport.write(new ReportModel(d), lang == null ? Lang.JA : lang);
    }

    /**
     * The manager's page: one self-contained, printable HTML document (inline CSS and SVG, no script).
     * Totals, habits, people and the trend count every violation; the timeline lists the first
     * {@value HtmlReport#TIMELINE_ROWS} and says how many more the CSV and JSON hold.
     */
    public static String html(DayData d, Lang lang) {
        return html(d, lang, null);
    }

    /**
     * The manager's page with its navigation: links to its month's index and to the nearest days before and after
     * that have a report ({@code links}; null for a page that links nowhere but to its own CSV and JSON).
     */
    public static String html(DayData d, Lang lang, DayLinks links) {
        return new HtmlReport(new ReportModel(d), lang == null ? Lang.JA : lang, links).render();
    }

    /** {@link #html} in UTF-8. */
    public static byte[] htmlBytes(DayData d, Lang lang) {
        return htmlBytes(d, lang, null);
    }

    /** {@link #html(DayData, Lang, DayLinks)} in UTF-8. */
    public static byte[] htmlBytes(DayData d, Lang lang, DayLinks links) {
        return html(d, lang, links).getBytes(StandardCharsets.UTF_8);
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? null : TimeFormat.format(t, zone);
    }
}
