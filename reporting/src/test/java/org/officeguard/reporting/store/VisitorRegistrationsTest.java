package org.officeguard.reporting.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DayViolations;

/**
 * Reception hands a visitor's card to a new visitor each day (SPEC §2: a registration replaces the card's pass). A
 * report names the visitor who held the card at the violation: the card's latest registration by then, not whoever
 * holds the card last (a past day's report, and its final file when the next registration comes before the day
 * closes, keep the name of the day's holder).
 */
class VisitorRegistrationsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path dir;

    private static Instant at(String ts) {
        return Instant.parse(ts);
    }

    private static DayViolations violations(String... badgeAndTs) {
        List<Violation> vs = new ArrayList<>();
        for (int i = 0; i < badgeAndTs.length; i += 2) {
            vs.add(new Violation("v" + i, "hq", Rule.ZONE_NOT_ALLOWED, at(badgeAndTs[i + 1]), badgeAndTs[i],
                    "door:server", Map.of(), List.of("s" + i)));
        }
        return DayViolations.of(vs, TOKYO);
    }

    @Test
    void each_violation_day_names_the_visitor_who_held_the_card_then() {
        try (ReportStore store = ReportStore.open(null, null, null, dir)) {
            store.saveVisitor("hq", "r1", "VS01", at("2026-11-25T00:00:00Z"), "Alice Archer", "E001");
            store.saveVisitor("hq", "r2", "VS01", at("2026-11-26T00:00:00Z"), "Bob Baker", "E002");
            store.saveVisitor("hq", "r2", "VS01", at("2026-11-26T00:00:00Z"), "Bob Baker", "E002"); // delivered again
            store.saveVisitor("hq", "r3", "VS02", at("2026-11-26T00:00:00Z"), "Carol Chen", "E001");
            store.commit();

            assertEquals(Map.of("VS01", "Alice Archer"), store.visitorNames("hq", violations("VS01", "2026-11-25T01:00:00Z")));
            assertEquals(Map.of("VS01", "Bob Baker", "VS02", "Carol Chen"),
                    store.visitorNames("hq", violations("VS01", "2026-11-26T01:00:00Z", "VS02", "2026-11-26T02:00:00Z")));
            // the same card to two visitors on one day: the line of the card names the holder at its first violation
            assertEquals(Map.of("VS01", "Alice Archer"), store.visitorNames("hq",
                    violations("VS01", "2026-11-25T23:59:00Z", "VS01", "2026-11-26T01:00:00Z")));
            assertEquals(Map.of(), store.visitorNames("hq", violations("VS02", "2026-11-25T01:00:00Z")),
                    "not registered yet");
            assertEquals(Map.of(), store.visitorNames("other", violations("VS01", "2026-11-26T01:00:00Z")));
        }
    }

    /** SPEC §6: activity counts "the visitors granted at least one passage": two on one card are two. */
    @Test
    void a_card_handed_to_two_visitors_on_one_day_counts_two_visitors() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        try (ReportStore store = ReportStore.open(null, null, null, dir)) {
            store.saveVisitor("hq", "r1", "VS01", at("2026-11-25T00:00:00Z"), "Alice Archer", "E001");
            store.saveVisitor("hq", "r2", "VS01", at("2026-11-25T04:00:00Z"), "Bob Baker", "E001");
            store.saveVisitor("hq", "r3", "VS01", at("2026-11-25T04:40:00Z"), "Bob Baker", "E001"); // his pass extended
            for (String[] p : new String[][] {{"p1", "2026-11-25T00:30:00Z", "VS01"}, {"p2", "2026-11-25T01:30:00Z", "VS01"},
                    {"p3", "2026-11-25T04:30:00Z", "VS01"}, {"p3b", "2026-11-25T04:50:00Z", "VS01"},
                    {"p4", "2026-11-25T05:00:00Z", "V900"},
                    {"p5", "2026-11-25T05:00:00Z", "E001"}}) {
                store.savePassage(new Decision(p[0], at(p[1]), "hq", "front", p[2], Direction.IN, "outside", "lobby",
                        true, Decision.OK), day);
            }
            store.commit();

            assertEquals(3, store.activity("hq", day, Set.of("E001")).visitors(),
                    "Alice and Bob on VS01 (Bob once, though registered twice), and V900 (a card of the site file, say)");
        }
    }

    /** A visitor still inside at a lockup is named in the report, whether or not a violation of theirs came that day. */
    @Test
    void a_visitor_listed_as_still_inside_at_a_lockup_is_named() {
        try (ReportStore store = ReportStore.open(null, null, null, dir)) {
            store.saveVisitor("hq", "r1", "VS01", at("2026-11-25T00:00:00Z"), "Alice Archer", "E001");
            store.commit();
            Violation lockup = new Violation("v1", "hq", Rule.LOCKUP_WITH_OCCUPANTS, at("2026-11-25T10:00:00Z"), "E001",
                    "site:hq", Map.of("occupants", List.of("VS01")), List.of("x1"));
            assertEquals(Map.of("VS01", "Alice Archer"), store.visitorNames("hq", DayViolations.of(List.of(lockup), TOKYO)));
        }
    }

    @Test
    void names_kept_before_the_upgrade_hold_from_the_beginning_until_a_newer_registration() throws Exception {
        Files.createDirectories(dir.resolve("reporting"));
        String url = "jdbc:h2:file:" + dir.resolve("reporting").resolve("officeguard").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, null, null); Statement st = c.createStatement()) {
            st.execute("INSERT INTO visitor VALUES ('hq', 'VS01', 'Alice Archer', 'E001')");
        }
        try (ReportStore store = ReportStore.open(null, null, null, dir)) { // migrates to the latest version
            assertEquals(Map.of("VS01", "Alice Archer"), store.visitorNames("hq", violations("VS01", "2026-11-25T01:00:00Z")));
            store.saveVisitor("hq", "r2", "VS01", at("2026-11-26T00:00:00Z"), "Bob Baker", "E002");
            store.commit();
            assertEquals(Map.of("VS01", "Alice Archer"), store.visitorNames("hq", violations("VS01", "2026-11-25T01:00:00Z")));
            assertEquals(Map.of("VS01", "Bob Baker"), store.visitorNames("hq", violations("VS01", "2026-11-26T01:00:00Z")));
        }
    }
}
