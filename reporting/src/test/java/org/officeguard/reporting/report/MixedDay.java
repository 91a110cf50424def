package org.officeguard.reporting.report;

import static org.officeguard.reporting.report.ExampleDayData.DATE;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * The example day plus what makes a report hard to get right: violations in one millisecond that only
 * their sub-millisecond times order, ties broken by rule and by id, details of every JSON type with
 * quotes, backslashes, control characters, markup, Japanese and emoji, visitors known only from a
 * {@code host} in the details (the first in report order wins), hosts that do not count (empty, not a
 * string, of an employee), occupants, unknown badges, and a few hundred more in shuffled order.
 */
final class MixedDay {

    private MixedDay() {}

    static List<Violation> violations() {
        List<Violation> out = new ArrayList<>(ExampleDayData.violations());
        out.add(v("sub-a", Rule.ANTI_PASSBACK, "2026-11-25T10:30:00.000700+09:00", "E003", "door:office", Map.of()));
        out.add(v("sub-b", Rule.ZONE_NOT_ALLOWED, "2026-11-25T10:30:00.000200+09:00", "E003", "door:server", Map.of()));
        out.add(v("sub-c", Rule.AFTER_HOURS_ENTRY, "2026-11-25T10:30:00.000200001+09:00", "E003", "door:front", Map.of()));
        out.add(v("sub-d", Rule.ANTI_PASSBACK, "2026-11-25T01:30:00.0002Z", "E001", "door:front", Map.of()));
        for (String id : List.of("tie-2", "tie-1", "tie-10")) {
            out.add(v(id, Rule.ANTI_PASSBACK, "11:00", "E002", "door:office", Map.of()));
        }
        out.add(v("millis", Rule.ZONE_NOT_ALLOWED, "2026-11-25T11:00:00.123+09:00", "E002", "door:server", Map.of()));

        Map<String, Object> rich = new LinkedHashMap<>();
        rich.put("note", "引用 \"quotes\" \\ backslash </script> <b>&amp;</b> \u0001\t\n 😀 \u2028");
        rich.put("count", 3);
        rich.put("big", 12_345_678_901_234L);
        rich.put("ratio", 0.25);
        rich.put("tiny", 1.0E-7);
        rich.put("flag", true);
        rich.put("nothing", null);
        rich.put("list", List.of(1, "two", Map.of("three", 3.5)));
        rich.put("ts", "2026-01-01T00:00:00.123456789Z");
        rich.put("word", "host");
        out.add(v("rich", Rule.PC_LEFT_ON, "19:00", "E002", "pc:PC-02", rich));

        // V777 is in no file and registered nowhere: a visitor by the host its violations name, the earliest
        out.add(v("v777-late", Rule.VISITOR_UNESCORTED, "15:00", "V777", "door:office", Map.of("host", "E002")));
        out.add(v("v777-early", Rule.VISITOR_NOT_CHECKED_OUT, "14:00", "V777", "site:hq", Map.of("host", "E003")));
        out.add(v("v888-empty", Rule.VISITOR_UNESCORTED, "13:00", "V888", "door:office", Map.of("host", "")));
        out.add(v("v888-number", Rule.VISITOR_UNESCORTED, "13:05", "V888", "door:office", Map.of("host", 42)));
        out.add(v("e001-host", Rule.ZONE_NOT_ALLOWED, "08:00", "E001", "door:server", Map.of("host", "E003")));
        out.add(v("occupants", Rule.LOCKUP_WITH_OCCUPANTS, "20:30", "E002", "site:hq",
                Map.of("occupants", List.of("E001", "V777", "X404"))));
        out.add(v("x404", Rule.UNKNOWN_BADGE, "20:31", "X404", "door:front", Map.of("direction", "IN")));

        Random random = new Random(7);
        List<String> badges = List.of("E001", "E002", "E003", "V001", "V002", "X9", "V003");
        Rule[] rules = Rule.values();
        for (int i = 0; i < 600; i++) {
            Rule rule = rules[random.nextInt(rules.length)];
            LocalTime at = LocalTime.ofSecondOfDay(random.nextInt(86_400)).withSecond(random.nextInt(3) * 20);
            String badge = badges.get(random.nextInt(badges.size()));
            Map<String, Object> details = random.nextInt(10) == 0 ? Map.of("host", "E001") : Map.of("n", i);
            out.add(v(String.format("gen-%03d", i), rule, at.toString(), badge, "door:front", details));
        }
        Collections.shuffle(out, new Random(11));
        return out;
    }

    /** A violation at a local time of the day ({@code "09:00"}) or at a full ISO time. */
    static Violation v(String id, Rule rule, String time, String badge, String subject, Map<String, Object> details) {
        Instant ts = time.length() <= 8
                ? DATE.atTime(LocalTime.parse(time)).atZone(ExampleDayData.site().timezone()).toInstant()
                : TimeFormat.parse(time);
        return new Violation(id, "hq", rule, ts, badge, subject, details, Arrays.asList("ev-" + id, "ev2-" + id));
    }
}
