package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.officeguard.reporting.report.ExampleDayData.DATE;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

class DayViolationsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Comparator<Violation> SPEC_ORDER = Comparator.comparing(Violation::ts)
            .thenComparing(v -> v.rule().name()).thenComparing(Violation::id);

    private static DayViolations.Stored stored(Violation v) {
        return new DayViolations.Stored(v.ts().toEpochMilli(), v.rule(), v.id(), v.badge(),
                new String(Payloads.write(v, TOKYO), StandardCharsets.UTF_8));
    }

    @Test
    void stored_rows_in_any_order_come_out_in_spec_order_with_their_json_as_stored() {
        List<Violation> given = MixedDay.violations();
        List<DayViolations.Stored> rows = new ArrayList<>(given.stream().map(DayViolationsTest::stored).toList());
        Collections.shuffle(rows, new Random(3));

        DayViolations day = DayViolations.stored(rows);

        List<Violation> expected = given.stream().sorted(SPEC_ORDER).toList();
        assertEquals(expected.size(), day.size());
        for (int i = 0; i < day.size(); i++) {
            Violation v = expected.get(i);
            assertEquals(v.id(), day.get(i).id(), "position " + i);
            assertEquals(v.rule(), day.rule(i));
            assertEquals(v.badge(), day.badge(i));
            assertEquals(stored(v).json(), day.json(i));
        }
        assertSame(day.json(0), day.json(0), "the stored JSON itself, not a re-written copy");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T10:30:00+09:00, 0",
        "2026-11-25T10:30:00.5+09:00, 0",
        "2026-11-25T10:30:00.123+09:00, 0",
        "2026-11-25T10:30:00.1234+09:00, 400000",
        "2026-11-25T10:30:00.000700+09:00, 700000",
        "2026-11-25T10:30:00.999999999Z, 999999",
    })
    void the_part_of_ts_finer_than_the_stored_millisecond_is_read_from_the_json(String ts, int nanos) {
        Violation v = MixedDay.v("x", Rule.PC_LEFT_ON, ts, "E001", "pc:PC-01",
                Map.of("ts", "2026-11-25T10:30:00.000000001Z"));

        assertEquals(nanos, DayViolations.nanoOfMilli(stored(v)));
        assertEquals(TimeFormat.parse(ts).getNano() % 1_000_000, DayViolations.nanoOfMilli(stored(v)));
    }

    @Test
    void the_ts_read_is_the_violations_own_not_one_in_its_details_whatever_the_member_order() {
        Violation v = MixedDay.v("x", Rule.PC_LEFT_ON, "2026-11-25T10:30:00.000250+09:00", "E001", "pc:PC-01", Map.of());
        String reordered = "{\"details\":{\"ts\":\"2026-11-25T10:30:00.000999+09:00\"},\"id\":\"x\",\"site\":\"hq\","
                + "\"rule\":\"PC_LEFT_ON\",\"ts\":\"2026-11-25T10:30:00.000250+09:00\",\"badge\":\"E001\","
                + "\"subject\":\"pc:PC-01\",\"sourceEventIds\":[\"a\"]}";

        assertEquals(250_000, DayViolations.nanoOfMilli(new DayViolations.Stored(v.ts().toEpochMilli(), v.rule(), "x", "E001",
                reordered)));
    }

    @Test
    void violations_given_as_objects_are_sorted_the_same_and_written_as_payloads_writes_them() {
        List<Violation> given = MixedDay.violations();
        DayViolations day = DayViolations.of(given, TOKYO);

        List<Violation> expected = given.stream().sorted(SPEC_ORDER).toList();
        assertEquals(expected, day.toList());
        assertEquals(new String(Payloads.write(expected.get(5), TOKYO), StandardCharsets.UTF_8), day.json(5));
        assertEquals(0, DayViolations.of(List.of(), TOKYO).size());
        assertEquals(DATE, ExampleDayData.DATE);
    }
}
