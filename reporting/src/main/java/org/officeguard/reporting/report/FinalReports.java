package org.officeguard.reporting.report;

import java.lang.ref.SoftReference;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bytes of final reports, by site, date, format and language. A day's report becomes final once and changes
 * only when it is rewritten with data that came after the close ({@link #forget}). Bounded by total size (the least
 * recently used go first) and held softly, so that the collector may take them back before memory runs
 * short; a report that alone would take more than half the budget is not kept.
 */
public final class FinalReports {

    /** {@code lang} is null for the forms that have no language (JSON, CSV). */
    public record Key(String site, LocalDate date, String format, DailyReport.Lang lang) {
        public Key {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(format, "format");
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, SoftReference<byte[]>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Key, Integer> sizes = new HashMap<>();
    private long bytes;
    /** Moves with every {@link #forget}: bytes read before it may be those of the report before its rewrite. */
    private long generation;

    public FinalReports(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The kept bytes, or null. The caller must not change them. */
    public synchronized byte[] get(Key key) {
        SoftReference<byte[]> ref = entries.get(key);
        if (ref == null) {
            return null;
        }
        byte[] b = ref.get();
        if (b == null) {
            remove(key);
        }
        return b;
    }

    /** What {@link #put} is given: taken before the report's bytes are read. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Keeps {@code body} (which the caller must not change afterwards) unless it is over half the budget, or a report
     * was rewritten since {@code readAt} (a {@link #generation}): the bytes may be those from before.
     */
    public synchronized void put(Key key, byte[] body, long readAt) {
        if (body.length > maxBytes / 2 || readAt != generation) {
            return;
        }
        remove(key);
        entries.put(key, new SoftReference<>(body));
        sizes.put(key, body.length);
        bytes += body.length;
        Iterator<Key> oldest = entries.keySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Key k = oldest.next();
            oldest.remove();
            bytes -= sizes.remove(k);
        }
    }

    /** Forgets every form of the report of {@code site} on {@code date}: it is rewritten. */
    public synchronized void forget(String site, LocalDate date) {
        generation++;
        for (Key key : List.copyOf(entries.keySet())) {
            if (key.site().equals(site) && key.date().equals(date)) {
                remove(key);
            }
        }
    }

    /** Bytes kept (those the collector took back included until they are next looked up). */
    public synchronized long bytes() {
        return bytes;
    }

    private void remove(Key key) {
        if (entries.remove(key) != null) {
            bytes -= sizes.remove(key);
        }
    }
}
