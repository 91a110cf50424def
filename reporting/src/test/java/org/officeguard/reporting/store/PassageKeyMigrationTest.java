package org.officeguard.reporting.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.reporting.report.Activity;

/**
 * V2 re-keys the passage table by time: a database written by V1 keeps every passage, and a decision
 * delivered again after the upgrade is still stored once.
 */
class PassageKeyMigrationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-25");

    @Test
    void passages_stored_before_the_upgrade_are_kept_and_not_stored_twice() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-migration-");
        Files.createDirectories(dir.resolve("reporting"));
        String url = "jdbc:h2:file:" + dir.resolve("reporting").resolve("officeguard").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, null, null); Statement st = c.createStatement()) {
            st.execute("INSERT INTO passage VALUES ('hq', 'b-2', DATE '2026-11-25', 1764032460000, 'E001', TRUE, 'outside', 'lobby')");
            st.execute("INSERT INTO passage VALUES ('hq', 'b-1', DATE '2026-11-25', 1764032400000, 'V001', TRUE, 'outside', 'lobby')");
            st.execute("INSERT INTO passage VALUES ('hq', 'b-3', DATE '2026-11-25', 1764061200000, 'E001', FALSE, 'lobby', 'outside')");
        }

        try (ReportStore store = ReportStore.open(null, null, null, dir)) { // migrates to the latest version
            Activity before = store.activity("hq", DAY, Set.of("E001"));
            assertEquals(2, before.passagesGranted());
            assertEquals(1, before.passagesDenied());
            assertEquals(1, before.visitors());
            assertEquals(Instant.ofEpochMilli(1764032400000L), before.firstInAt());

            // the same decision again (same event id, same time), and one new passage
            store.savePassage(new Decision("b-1", Instant.ofEpochMilli(1764032400000L), "hq", "front", "V001",
                    Direction.IN, "outside", "lobby", true, Decision.OK), DAY);
            store.savePassage(new Decision("b-4", Instant.ofEpochMilli(1764064800000L), "hq", "front", "E001",
                    Direction.OUT, "lobby", "outside", true, Decision.OK), DAY);
            store.commit();
            Activity after = store.activity("hq", DAY, Set.of("E001"));
            assertEquals(3, after.passagesGranted(), "the redelivered decision is stored once, the new one once");
            assertEquals(1, after.passagesDenied());
            assertEquals(Instant.ofEpochMilli(1764064800000L), after.lastOutAt());
        }
    }
}
