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
        LocalDateTime local = LocalDateTime.ofEpochSecond(ts.getEpochSecond(), ts.getNano(), offset);
        int year = local.getYear();
        if (year < 1000 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts.atZone(zone).toOffsetDateTime());
        }
        StringBuilder text = new StringBuilder(35);
        text.append(year).append('-');
        two(text, local.getMonthValue()).append('-');
        two(text, local.getDayOfMonth()).append('T');
        two(text, local.getHour()).append(':');
        two(text, local.getMinute()).append(':');
        two(text, local.getSecond());
        int nano = local.getNano();
        if (nano != 0) {
            // as ISO_LOCAL_TIME writes it: the fraction without its trailing zeros
            String digits = Integer.toString(1_000_000_000 + nano).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        text.append(offset.getId()); // "Z", "+09:00" (or "+05:30:15", as ISO writes it)
        return text.toString();
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
    private static Instant parseCommon(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 10 && isDigit(text.charAt(at))) {
                nano = nano * 10 + (text.charAt(at) - '0');
                at++;
            }
            int len = at - start;
            if (len < 1 || len > 9) {
                return null;
            }
            for (int k = len; k < 9; k++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, at + 3);
            int offsetMinutes = digits(text, at + 4, at + 6);
            if ((offsetHours | offsetMinutes) < 0 || offsetMinutes > 59 || offsetHours > 18) {
                return null;
            }
            int sign = text.charAt(at) == '-' ? -1 : 1;
            // throws beyond ±18:00, as ISO does
            offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
        } else {
            return null;
        }
        // LocalDateTime.of rejects month 13, 31 April, 24:00, second 60 ... exactly as the ISO parser
        return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(offset);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char character = text.charAt(i);
            if (!isDigit(character)) {
                return -1;
            }
            value = value * 10 + (character - '0');
        }
        return value;
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
