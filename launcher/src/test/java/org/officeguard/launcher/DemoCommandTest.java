package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.RunningService;

/**
 * demo's data folder: its own is emptied at every run (journals included); anybody else's is left alone. Its options,
 * and the services it runs (the device-bridge too for a site with devices).
 */
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

    @Test
    void device_options_are_refused_before_anything_starts() {
        Path data = dir.resolve("never");
        assertThrows(CommandLine.UsageException.class, () -> DemoCommand.play(DemoEndToEndTest.demo("--devices",
                "esp-rfid,zigbee", "--data", data.toString()), System.out, System.err));
        assertThrows(CommandLine.UsageException.class, () -> DemoCommand.play(DemoEndToEndTest.demo(
                "--misconfigured-cards", "0.1", "--data", data.toString()), System.out, System.err),
                "misconfigured cards without devices");
        assertFalse(Files.exists(data), "nothing was made");
    }

    @Test
    void demo_with_devices_runs_the_device_bridge_too() {
        OfficeService bridge = new OfficeService() {
            @Override
            public String name() {
                return DemoCommand.DEVICE_BRIDGE;
            }

            @Override
            public RoutesBuilder routes(RunningService service) {
                throw new UnsupportedOperationException("not started here");
            }
        };
        assertEquals(List.of("door-gateway", "lockout-monitor", "reporting"),
                DemoCommand.services(false, List.of(bridge)).stream().map(OfficeService::name).toList());
        assertEquals(List.of("door-gateway", "lockout-monitor", "reporting", "device-bridge"),
                DemoCommand.services(true, List.of(bridge)).stream().map(OfficeService::name).toList());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> DemoCommand.services(true, List.of()));
        assertTrue(missing.getMessage().contains("device-bridge"), missing.getMessage());
    }

    @Test
    void the_help_names_the_device_options_of_demo_and_simulate() {
        for (String option : List.of("--devices KINDS", "--misconfigured-cards P", "--agent-poll-seconds N",
                "--site-out FILE", "esp-rfid,uhppoted,hass-agent")) {
            assertTrue(Officeguard.USAGE.contains(option), option);
        }
    }
}
