package org.officeguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written paths of {@link TimeFormat} read and write exactly what the ISO formatter does. */
class TimeFormatTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("UTC"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Pacific/Chatham"), ZoneId.of("Africa/Monrovia"));

    @Test
    void formatsAsTheIsoFormatterDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            long seconds = Instant.parse("1972-01-01T00:00:00Z").getEpochSecond() + (long) (random.nextDouble() * 3e9);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            ZoneId zone = ZONES.get(i % ZONES.size());
            String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
            assertEquals(iso, TimeFormat.format(instant, zone), instant + " in " + zone);
            assertEquals(instant, TimeFormat.parse(iso), iso);
        }
    }

    @Test
    void historicalOffsetWithSecondsIsWrittenAsIso() {
        Instant instant = Instant.parse("1900-01-01T00:00:00Z");
        ZoneId zone = ZoneId.of("Africa/Monrovia"); // -00:44:30 then
        assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime()),
                TimeFormat.format(instant, zone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T06:55:00+09:00", "2026-11-25T06:55:00Z", "2026-11-25T06:55:00.5-03:30",
            "2026-11-25T06:55:00.123456789+14:00", "2026-11-25T06:55+09:00", "2026-11-25T06:55:00+09:00:00",
            "2024-02-29T23:59:59-18:00", "2026-11-25T06:55:00.000Z", "2026-11-25T06:55:00.Z", "2026-11-25t06:55:00Z", "2026-11-25T06:55:00z"})
    void acceptsWhatIsoAccepts(String text) {
        assertEquals(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), TimeFormat.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T06:55:00", "2026-13-25T06:55:00Z", "2026-04-31T06:55:00Z",
            "2025-02-29T06:55:00Z", "2026-11-25T24:00:00Z", "2026-11-25T06:60:00Z", "2026-11-25T06:55:60Z",
            "2026-11-25T06:55:00+19:00", "2026-11-25T06:55:00+09:60",
            "2026-11-25T06:55:00.1234567890Z", "2026-11-25 06:55:00Z", "2026-11-25T06:55:00+0900", "+2026-11-25T06:55:00Z",
            "2026-11-25T06:55:00Z ", "２０２６-11-25T06:55:00Z", "2026-11-25T06:55:00+9:00", ""})
    void refusesWhatIsoRefuses(String text) {
        assertThrows(DateTimeException.class, () -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertThrows(DateTimeException.class, () -> TimeFormat.parse(text));
    }
}
