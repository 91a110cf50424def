package org.officeguard.reporting.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * The day's violations in report order (SPEC §6: {@code ts}, then {@code rule}, then {@code id}), each
 * held as the few fields the report sorts and counts by plus its SPEC §5 JSON.
 *
 * <p>Violations read from the store keep the JSON reporting stored (the same bytes {@link Payloads#write}
 * gives for the parsed violation), so the JSON report copies it through, and a violation is parsed only
 * where a form needs its fields: the rows the HTML timeline shows, the CSV, and a {@code host} named in
 * the details. Violations given as objects (tests, a caller that has them) are written on demand.
 */
public final class DayViolations {

    /** One violation as the store holds it: its columns and its §5 JSON, {@code ts} in the site's offset. */
    public record Stored(long tsMs, Rule rule, String id, String badge, String json) {
        public Stored {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(json, "json");
        }
    }

    private static final DayViolations NONE = new DayViolations(new Entry[0], null);

    /**
     * SPEC §6: by {@code ts}, then {@code rule} (the rule's name, as the JSON writes it), then {@code id};
     * (epoch milli, nano of milli) orders exactly as the instant does, and the nanos are only looked at
     * for two violations in the same millisecond.
     */
    private static final Comparator<Entry> ORDER = (a, b) -> {
        int c = Long.compare(a.tsMs, b.tsMs);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.nanoOfMilli(), b.nanoOfMilli());
        if (c != 0) {
            return c;
        }
        c = a.rule.name().compareTo(b.rule.name());
        if (c != 0) {
            return c;
        }
        return a.id == null ? (b.id == null ? 0 : -1) : b.id == null ? 1 : a.id.compareTo(b.id);
    };

    private final Entry[] entries;
    private final ZoneId zone;

    private DayViolations(Entry[] entries, ZoneId zone) {
        this.entries = entries;
        this.zone = zone;
    }

    /** Nothing on that day. */
    public static DayViolations none() {
        return NONE;
    }

    /** Violations as read from the store (any order); their JSON is used as it is. */
    public static DayViolations stored(List<Stored> rows) {
        Entry[] out = new Entry[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Stored s = rows.get(i);
            out[i] = new Entry(s.tsMs(), Entry.UNKNOWN, s.rule(), s.id(), s.badge(), s.json(), null);
        }
        Arrays.sort(out, ORDER);
        return new DayViolations(out, null);
    }

    /** Violations as objects (any order); their JSON is written in {@code zone} when needed. */
    public static DayViolations of(List<Violation> violations, ZoneId zone) {
        if (violations == null || violations.isEmpty()) {
            return NONE;
        }
        List<Entry> out = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            Objects.requireNonNull(v, "violation");
            out.add(new Entry(v.ts().toEpochMilli(), v.ts().getNano() % 1_000_000, v.rule(), v.id(), v.badge(), null, v));
        }
        Entry[] sorted = out.toArray(new Entry[0]);
        Arrays.sort(sorted, ORDER);
        return new DayViolations(sorted, Objects.requireNonNull(zone, "zone"));
    }

    public int size() {
        return entries.length;
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    public Rule rule(int i) {
        return entries[i].rule;
    }

    public String badge(int i) {
        return entries[i].badge;
    }

    /** The i-th violation's {@code ts}, epoch milliseconds. */
    public long tsMs(int i) {
        return entries[i].tsMs;
    }

    /**
     * The i-th violation: a stored one is parsed from its JSON each time it is asked for (and not kept:
     * the CSV goes through all of them once, and 100,000 parsed violations are a heap of their own).
     */
    public Violation get(int i) {
        Entry e = entries[i];
        return e.parsed != null ? e.parsed : Payloads.violation(e.json.getBytes(StandardCharsets.UTF_8));
    }

    /** The i-th violation's §5 JSON, exactly as the report writes it. */
    public String json(int i) {
        Entry e = entries[i];
        String json = e.json;
        if (json == null) {
            json = new String(Payloads.write(e.parsed, zone), StandardCharsets.UTF_8);
            e.json = json;
        }
        return json;
    }

    /** Sum of the JSON lengths in chars: a size hint for the output buffer. */
    long jsonChars() {
        long n = 0;
        for (int i = 0; i < entries.length; i++) {
            n += json(i).length();
        }
        return n;
    }

    /**
     * The value of {@code details.host} of the i-th violation when it is a non-empty string, else null.
     * Only a violation whose JSON mentions {@code "host"} at all is parsed.
     */
    String hostInDetails(int i) {
        Entry e = entries[i];
        if (e.parsed == null && !e.json.contains("\"host\"")) {
            return null;
        }
        Object host = get(i).details().get("host");
        return host instanceof String h && !h.isEmpty() ? h : null;
    }

    /** All of them, parsed, in report order. */
    public List<Violation> toList() {
        List<Violation> out = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            out.add(get(i));
        }
        return out;
    }

    /**
     * The part of {@code ts} finer than a millisecond, which {@code ts_ms} does not keep, read from the
     * stored JSON's top-level {@code ts} (only ever asked for two violations in the same millisecond).
     */
    static int nanoOfMilli(Stored s) {
        return nanoOfMilli(s.json());
    }

    private static int nanoOfMilli(String json) {
        try (JsonParser p = Payloads.JSON.getFactory().createParser(json)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    boolean ts = p.currentName().equals("ts");
                    if (p.nextToken() == JsonToken.VALUE_STRING && ts) {
                        return TimeFormat.parse(p.getText()).getNano() % 1_000_000;
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException | DateTimeException e) {
            // not what reporting stores: the whole parse below says why
        }
        return Payloads.violation(json.getBytes(StandardCharsets.UTF_8)).ts().getNano() % 1_000_000;
    }

    private static final class Entry {
        static final int UNKNOWN = -1;

        final long tsMs;
        /** Of the stored JSON's {@code ts}: read when first needed (two violations in one millisecond). */
        int nanoOfMilli;
        final Rule rule;
        final String id;
        final String badge;
        /** Written lazily for violations given as objects. */
        String json;
        /** For violations given as objects; null for those read from the store. */
        final Violation parsed;

        Entry(long tsMs, int nanoOfMilli, Rule rule, String id, String badge, String json, Violation parsed) {
            this.tsMs = tsMs;
            this.nanoOfMilli = nanoOfMilli;
            this.rule = rule;
            this.id = id;
            this.badge = badge;
            this.json = json;
            this.parsed = parsed;
        }

        int nanoOfMilli() {
            if (nanoOfMilli == UNKNOWN) {
                nanoOfMilli = parsed != null ? parsed.ts().getNano() % 1_000_000 : DayViolations.nanoOfMilli(json);
            }
            return nanoOfMilli;
        }
    }
}
