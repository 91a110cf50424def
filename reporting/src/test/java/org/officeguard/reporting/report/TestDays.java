package org.officeguard.reporting.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.officeguard.core.config.BusinessHours;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.ReportSettings;
import org.officeguard.core.config.Rules;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/** Small hand-built sites, violations and days for the report tests. */
final class TestDays {

    static final LocalDate DATE = LocalDate.of(2026, 11, 25);
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private TestDays() {}

    static Person person(String badge, String name, String department) {
        return new Person(badge, name, department, Set.of("lobby", "office"), false);
    }

    static VisitorPass visitor(String badge, String name, String host) {
        return new VisitorPass("config:" + badge, badge, name, host, Set.of("lobby"),
                Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-25T09:00:00Z"));
    }

    static SiteConfig site(List<Person> people, List<VisitorPass> visitors) {
        Map<String, Person> p = new LinkedHashMap<>();
        people.forEach(x -> p.put(x.badge(), x));
        Map<String, VisitorPass> v = new LinkedHashMap<>();
        visitors.forEach(x -> v.put(x.badge(), x));
        return new SiteConfig("hq", TOKYO, new BusinessHours(LocalTime.of(7, 0), LocalTime.of(21, 0)), Rules.defaults(),
                List.of("lobby", "office"), Map.of("front", new Door("front", "outside", "lobby")), p,
                Map.of("PC-01", new Pc("PC-01", "office", "E001")), v, List.of(), ReportSettings.defaults());
    }

    static SiteConfig site() {
        return site(List.of(person("E001", "山田 太郎", "営業"), person("E002", "Sato Hanako", "IT")),
                List.of(visitor("V001", "Visitor One", "E001")));
    }

    /** A violation at a local time of {@link #DATE} in Tokyo ({@code "09:00"}) or at a full ISO time. */
    static Violation violation(String id, Rule rule, String time, String badge, String subject) {
        Instant ts = time.length() <= 8
                ? DATE.atTime(LocalTime.parse(time)).atZone(TOKYO).toInstant()
                : TimeFormat.parse(time);
        return new Violation(id, "hq", rule, ts, badge, subject, Map.of(), List.of("ev-" + id));
    }

    static Violation violation(String id, Rule rule, String time, String badge) {
        return violation(id, rule, time, badge, "door:front");
    }

    static DayData day(SiteConfig site, List<Violation> violations) {
        return new DayData(site, DATE, false, violations, Activity.none(), Map.of(), List.of());
    }

    static DayData day(List<Violation> violations) {
        return day(site(), violations);
    }
}
