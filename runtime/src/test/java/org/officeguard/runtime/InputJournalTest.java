package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputJournalTest {

    @TempDir
    Path dir;

    private static InputJournal.Record record(String topic, String payload) {
        return new InputJournal.Record(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> replay(Path file) {
        List<String> seen = new ArrayList<>();
        try (InputJournal journal = new InputJournal(file)) {
            journal.replay((topic, payload) -> seen.add(topic + " " + new String(payload, StandardCharsets.UTF_8)));
        }
        return seen;
    }

    @Test
    void the_journals_folder_is_the_services_users_alone_even_when_it_was_not() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("journal"));
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InputJournal journal = new InputJournal(folder.resolve("door-gateway.journal"))) {
            journal.replay((t, p) -> {});
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
                "visitor registrations in the journal carry names");
    }

    @Test
    void groups_appended_across_restarts_replay_in_order() {
        Path file = dir.resolve("journal").resolve("door-gateway.journal");
        try (InputJournal journal = new InputJournal(file)) {
            assertEquals(0, journal.replay((t, p) -> {}));
            journal.appendAll(List.of(record("office/hq/door/front/badge", "{\"eventId\":\"e1\"}"),
                    record("office/hq/door/front/badge", "{\"eventId\":\"e2\"}")));
            journal.appendAll(List.of(record("office/hq/last-exit", "{\"eventId\":\"e3\"}")));
        }
        try (InputJournal journal = new InputJournal(file)) { // a restart: appends after what is there
            assertEquals(3, journal.replay((t, p) -> {}));
            journal.appendAll(List.of(record("office/hq/pc/PC-1/state", "{\"eventId\":\"e4\"}")));
        }

        assertEquals(List.of("office/hq/door/front/badge {\"eventId\":\"e1\"}",
                "office/hq/door/front/badge {\"eventId\":\"e2\"}",
                "office/hq/last-exit {\"eventId\":\"e3\"}",
                "office/hq/pc/PC-1/state {\"eventId\":\"e4\"}"), replay(file));
    }

    @Test
    void a_torn_last_record_is_cut_off_and_the_next_group_follows_the_last_whole_one() throws Exception {
        Path file = dir.resolve("gw.journal");
        try (InputJournal journal = new InputJournal(file)) {
            journal.replay((t, p) -> {});
            journal.appendAll(List.of(record("office/hq/clock", "{\"eventId\":\"whole\"}")));
        }
        // the process died while writing the next record: its length and half its topic reached the disk
        Files.write(file, new byte[] {0, 0, 0, 20, 'o', 'f', 'f'}, StandardOpenOption.APPEND);

        try (InputJournal journal = new InputJournal(file)) {
            assertEquals(1, journal.replay((t, p) -> {}));
            journal.appendAll(List.of(record("office/hq/clock", "{\"eventId\":\"after\"}")));
        }

        assertEquals(List.of("office/hq/clock {\"eventId\":\"whole\"}", "office/hq/clock {\"eventId\":\"after\"}"),
                replay(file));
    }
}
