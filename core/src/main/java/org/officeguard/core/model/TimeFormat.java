package org.officeguard.core.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** ISO-8601 times with an offset, as SPEC §2 and §6 write them. */
public final class TimeFormat {
    private TimeFormat() {}

    /** {@code 2026-11-25T06:55:00+09:00}: in the site's offset, seconds always written. */
    public static String format(Instant ts, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts.atZone(zone).toOffsetDateTime());
    }

    /** Parses {@code …+09:00} or {@code …Z}; an offset is required. */
    public static Instant parse(String text) throws DateTimeException {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
}
