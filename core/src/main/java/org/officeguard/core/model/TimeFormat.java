package org.officeguard.core.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 times with an offset, as SPEC §2 and §6 write them.
 *
 * <p>Every input carries one and every output writes one, so the common shapes
 * ({@code 2026-11-25T06:55:00+09:00}, {@code …:00.250Z}) are read and written by hand; anything else
 * goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which defines what is accepted and how it is
 * written (a test checks both paths agree).
 */
public final class TimeFormat {
    private TimeFormat() {}

    /** {@code 2026-11-25T06:55:00+09:00}: in the site's offset, seconds always written. */
    public static String format(Instant ts, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(ts);
        LocalDateTime t = LocalDateTime.ofEpochSecond(ts.getEpochSecond(), ts.getNano(), offset);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts.atZone(zone).toOffsetDateTime());
        }
        StringBuilder b = new StringBuilder(35);
        b.append(year).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            // as ISO_LOCAL_TIME writes it: the fraction without its trailing zeros
            String digits = Integer.toString(1_000_000_000 + nano).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(digits, 0, end);
        }
        b.append(offset.getId()); // "Z", "+09:00" (or "+05:30:15", as ISO writes it)
        return b.toString();
    }

    /** Parses {@code …+09:00} or {@code …Z}; an offset is required. */
    public static Instant parse(String text) throws DateTimeException {
        Instant fast = parseCommon(text);
        return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null for any other shape (then the ISO parser
     * decides, and explains). Field ranges are checked as strictly as the ISO parser checks them.
     */
    private static Instant parseCommon(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
                nano = nano * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return null;
            }
            for (int k = len; k < 9; k++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, i + 3);
            int om = digits(s, i + 4, i + 6);
            if ((oh | om) < 0 || om > 59 || oh > 18) {
                return null;
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om); // throws beyond ±18:00, as ISO does
        } else {
            return null;
        }
        // LocalDateTime.of rejects month 13, 31 April, 24:00, second 60 ... exactly as the ISO parser
        return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(offset);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
