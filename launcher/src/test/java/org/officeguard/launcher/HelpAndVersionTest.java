package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.testsupport.DeployedMosquitto;
import org.officeguard.testsupport.FreePort;

/** What a newcomer meets first: the help of each command, the version, and a port that is taken. */
class HelpAndVersionTest {

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, Officeguard.run(args));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void each_command_s_help_shows_its_own_options_only() throws Exception {
        String serve = run("serve", "--help");
        assertTrue(serve.contains("Options for serve:") && serve.contains("--embedded-port N")
                && serve.contains("--retention-days N"), serve);
        assertFalse(serve.contains("Options for demo:") || serve.contains("Options for simulate:"), serve);
        String demo = run("demo", "--help");
        assertTrue(demo.contains("Options for demo:"), demo);
        assertFalse(demo.contains("Options for serve:") || demo.contains("Options for simulate:"), demo);
        String simulate = run("simulate", "--help");
        assertTrue(simulate.contains("Options for simulate:"), simulate);
        assertFalse(simulate.contains("Options for serve:") || simulate.contains("Options for demo:"), simulate);
        String all = run("--help");
        assertTrue(all.contains("./officeguard serve") && all.contains("./officeguard demo")
                && all.contains("./officeguard simulate") && all.contains("COMMAND --help"), all);
    }

    @Test
    void no_help_shows_a_default_of_null() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"demo", "--help"},
                {"simulate", "--help"}}) {
            String help = run(args);
            assertFalse(help.contains("null"), String.join(" ", args) + ":\n" + help);
        }
        assertTrue(run("demo", "--help").contains("(default 2026-11-25)"));
    }

    @Test
    void version_prints_one_line() throws Exception {
        String version = run("--version");
        assertTrue(version.matches("officeguard \\S+\\R"), version);
    }

    @Test
    void a_taken_embedded_port_is_refused_in_one_line() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CommandLine cl = CommandLine.parse(new String[] {"serve", "--config", "hq.yaml", "--embedded-port",
                    String.valueOf(taken.getLocalPort())}, Officeguard.OPTIONS, DemoCommand.FLAGS);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Officeguard.embeddedPort(cl));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is already taken (another MQTT broker?): give the"
                    + " embedded broker another with --embedded-port N, or use that broker with --broker"
                    + " tcp://127.0.0.1:" + taken.getLocalPort(), refused.getMessage());
        }
        CommandLine both = CommandLine.parse(new String[] {"serve", "--broker", "tcp://b:1883", "--embedded-port", "1884"},
                Officeguard.OPTIONS, DemoCommand.FLAGS);
        assertThrows(CommandLine.UsageException.class, () -> Officeguard.embeddedPort(both));
    }

    @Test
    void a_rule_state_that_cannot_be_rebuilt_stops_start_up_in_one_line(@TempDir Path data) throws Exception {
        // a journal whose first segments are gone, and no snapshot of what they held
        Files.createDirectories(data.resolve("journal"));
        Files.createFile(data.resolve("journal/door-gateway.3.journal"));
        Exception refused = assertThrows(Exception.class, () -> Officeguard.run(new String[] {"serve", "--config",
                DeployedMosquitto.projectRoot().resolve("deploy/config/hq.yaml").toString(), "--embedded-port",
                String.valueOf(FreePort.next()), "--http-port", String.valueOf(FreePort.next()), "--data",
                data.toString(), "--services", "door-gateway", "--clock", "event"}));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, Officeguard.failed(refused, new PrintStream(err, true, StandardCharsets.UTF_8)));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.matches("officeguard: cannot start: the journal beside \\S+door-gateway.snapshot starts at"
                + " segment 3 and there is no snapshot of what came before: the rule state cannot be rebuilt\\. Put back"
                + " the snapshot, or move \\S+ aside to start with an empty rule state\\R"), said);
    }
}
