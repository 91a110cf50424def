package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot reads back as written, and one truncated, damaged or of another format is refused, never read. */
class SnapshotFileTest {

    record State(Instant watermark, List<String> ids) {}

    @TempDir
    Path dir;

    private SnapshotFile written() {
        SnapshotFile file = new SnapshotFile(dir.resolve("probe.snapshot"));
        file.write(7, Map.of("hq", new State(Instant.parse("2026-11-25T00:00:00Z"), List.of("e1", "e2"))));
        return file;
    }

    @Test
    void reads_back_what_it_wrote() throws Exception {
        SnapshotFile.Content<State> content = written().read(State.class);
        assertEquals(7, content.generation());
        assertEquals(Map.of("hq", new State(Instant.parse("2026-11-25T00:00:00Z"), List.of("e1", "e2"))),
                content.sites());
        assertTrue(Files.notExists(dir.resolve("probe.snapshot.tmp")));
    }

    @Test
    void a_truncated_snapshot_is_refused() throws IOException {
        SnapshotFile file = written();
        byte[] bytes = Files.readAllBytes(file.path());
        Files.write(file.path(), Arrays.copyOf(bytes, bytes.length - 1));
        SnapshotFile.Unreadable refused = assertThrows(SnapshotFile.Unreadable.class, () -> file.read(State.class));
        assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
    }

    @Test
    void a_damaged_snapshot_is_refused() throws IOException {
        SnapshotFile file = written();
        byte[] bytes = Files.readAllBytes(file.path());
        bytes[bytes.length - 5] ^= 1;
        Files.write(file.path(), bytes);
        SnapshotFile.Unreadable refused = assertThrows(SnapshotFile.Unreadable.class, () -> file.read(State.class));
        assertTrue(refused.getMessage().contains("checksum"), refused.getMessage());
    }

    @Test
    void a_snapshot_of_another_format_is_refused() throws IOException {
        SnapshotFile file = written();
        String text = Files.readString(file.path(), StandardCharsets.UTF_8);
        Files.writeString(file.path(), text.replaceFirst("officeguard-snapshot " + SnapshotFile.FORMAT + " ",
                "officeguard-snapshot 0 "), StandardCharsets.UTF_8);
        SnapshotFile.Unreadable refused = assertThrows(SnapshotFile.Unreadable.class, () -> file.read(State.class));
        assertTrue(refused.getMessage().contains("format 0"), refused.getMessage());
    }

    @Test
    void segments_after_a_roll_replay_from_the_snapshot_on_and_the_older_are_deleted() {
        Path first = dir.resolve("journal").resolve("probe.journal");
        List<String> seen = new ArrayList<>();
        try (InputJournal journal = new InputJournal(first)) {
            journal.replay((topic, payload) -> { });
            journal.appendAll(List.of(new InputJournal.Record("office/hq/clock", "a".getBytes(StandardCharsets.UTF_8))));
            assertEquals(1, journal.roll());
            journal.appendAll(List.of(new InputJournal.Record("office/hq/clock", "b".getBytes(StandardCharsets.UTF_8))));
            journal.deleteBefore(1);
        }
        assertTrue(Files.notExists(first));
        try (InputJournal journal = new InputJournal(first)) {
            assertEquals(1, journal.oldestGeneration());
            journal.replay(1, (topic, payload) -> seen.add(new String(payload, StandardCharsets.UTF_8)));
            journal.appendAll(List.of(new InputJournal.Record("office/hq/clock", "c".getBytes(StandardCharsets.UTF_8))));
        }
        try (InputJournal journal = new InputJournal(first)) {
            journal.replay((topic, payload) -> seen.add(new String(payload, StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("b", "b", "c"), seen);
    }
}
