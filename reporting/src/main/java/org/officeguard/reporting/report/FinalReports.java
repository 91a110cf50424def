package org.officeguard.reporting.report;

import java.lang.ref.SoftReference;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bytes of final reports, by site, date, format and language. Nothing is ever invalidated: a day's
 * report becomes final once, and a final report never changes. Bounded by total size (the least
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

    /** Keeps {@code body} (which the caller must not change afterwards) unless it is over half the budget. */
    public synchronized void put(Key key, byte[] body) {
        if (body.length > maxBytes / 2) {
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
