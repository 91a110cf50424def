package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demo's data folder: its own is emptied at every run (journals included); anybody else's is left alone. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void a_folder_demo_made_is_emptied_and_a_new_one_created() throws Exception {
        Path data = dir.resolve("demo");
        DemoCommand.prepare(data);
        Files.createDirectories(data.resolve("journal/door-gateway"));
        Files.writeString(data.resolve("journal/door-gateway/hq.log"), "an earlier run");
        Files.writeString(data.resolve("truth.json"), "{}");
        DemoCommand.prepare(data);
        assertFalse(Files.exists(data.resolve("journal")), "an earlier run's journal would be replayed");
        assertFalse(Files.exists(data.resolve("truth.json")));
        assertTrue(Files.isDirectory(data));
    }

    @Test
    void a_folder_with_files_demo_did_not_make_is_refused_untouched() throws Exception {
        Path data = dir.resolve("precious");
        Files.createDirectories(data);
        Files.writeString(data.resolve("payroll.csv"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoCommand.prepare(data));
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
        assertEquals("keep me", Files.readString(data.resolve("payroll.csv")));
    }

    @Test
    void bad_options_are_refused() {
        assertThrows(CommandLine.UsageException.class, () -> DemoCommand.play(DemoEndToEndTest.demo("--people", "2",
                "--data", dir.resolve("d").toString()), System.out, System.err));
        assertThrows(CommandLine.UsageException.class, () -> DemoCommand.play(DemoEndToEndTest.demo("--days", "0",
                "--data", dir.resolve("d").toString()), System.out, System.err));
        assertThrows(CommandLine.UsageException.class, () -> DemoEndToEndTest.demo("--broker", "tcp://x:1883"));
    }
}
