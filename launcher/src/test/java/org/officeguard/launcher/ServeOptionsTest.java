package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.ConfigException;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.MailServer;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;

/**
 * {@code serve} refuses options it cannot honour before anything starts: a services list that names no service (or
 * one twice), an empty report token file, an HTTP address it cannot bind, a site that mails its reports without an
 * SMTP server. Without {@code --services} it runs the device-bridge when a site file lists devices, and only then.
 */
class ServeOptionsTest {

    @TempDir
    Path dir;

    private AppConfig config(String... extra) throws Exception {
        return configOf(ExampleDay.siteYaml(), extra);
    }

    private AppConfig configOf(String siteYaml, String... extra) throws Exception {
        return configOf(siteYaml, Map.of(), extra);
    }

    private AppConfig configOf(String siteYaml, Map<String, String> env, String... extra) throws Exception {
        Path site = dir.resolve("hq.yaml");
        Files.writeString(site, siteYaml, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("serve", "--config", site.toString(), "--broker", "tcp://127.0.0.1:1",
                "--data", dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        return Officeguard.appConfig(CommandLine.parse(args.toArray(String[]::new), Officeguard.OPTIONS, Set.of()), env);
    }

    @Test
    void a_services_list_that_names_no_service_or_one_twice_is_refused() {
        assertTrue(assertThrows(CommandLine.UsageException.class, () -> config("--services", ""))
                .getMessage().contains("--services names no service"));
        assertTrue(assertThrows(CommandLine.UsageException.class, () -> config("--services", " , "))
                .getMessage().contains("--services names no service"));
        assertEquals("--services names reporting twice",
                assertThrows(CommandLine.UsageException.class, () -> config("--services", "reporting,door-gateway,reporting"))
                        .getMessage());
    }

    @Test
    void serve_runs_the_device_bridge_when_a_site_lists_devices_and_alone_when_named() throws Exception {
        assertEquals(List.of("door-gateway", "lockout-monitor", "reporting"), config().services());
        String withDevices = ExampleDay.siteYaml() + """
                devices:
                  - {id: front-in, kind: esp-rfid, topic: esprfid/front-in/send, door: front, direction: IN}
                """;
        assertEquals(List.of("door-gateway", "lockout-monitor", "reporting", "device-bridge"),
                configOf(withDevices).services());
        assertEquals(List.of("device-bridge"), configOf(withDevices, "--services", "device-bridge").services());
        assertEquals(List.of("device-bridge"), config("--services", "device-bridge").services(),
                "named, it runs for a site without devices too (it then follows the clock only)");
        assertEquals("unknown service 'bridge' (known: door-gateway, lockout-monitor, reporting, device-bridge)",
                assertThrows(CommandLine.UsageException.class, () -> config("--services", "bridge")).getMessage());
    }

    @Test
    void an_empty_report_token_file_is_refused_even_on_loopback() throws Exception {
        Path empty = Files.writeString(dir.resolve("token"), "  \n");
        ConfigException e = assertThrows(ConfigException.class, () -> config("--report-token-file", empty.toString()));
        assertTrue(e.getMessage().contains("the report token file is empty"), e.getMessage());

        Path good = Files.writeString(dir.resolve("token2"), "s3cret\n");
        assertEquals("s3cret", config("--report-token-file", good.toString()).reportToken());
    }

    @Test
    void an_http_address_that_cannot_be_bound_stops_start_up_before_anything_starts() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            AppConfig config = config("--http-port", Integer.toString(taken.getLocalPort()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OfficeguardApp.start(config, Officeguard.availableServices()));
            assertTrue(e.getMessage().startsWith("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        // 192.0.2.1 (TEST-NET-1) is nobody's address here
        AppConfig elsewhere = config("--http-host", "192.0.2.1", "--report-token-file",
                Files.writeString(dir.resolve("t"), "s3cret").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfficeguardApp.start(elsewhere, Officeguard.availableServices()));
        assertTrue(e.getMessage().startsWith("cannot serve HTTP on 192.0.2.1:8080"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("data").resolve("journal")), "nothing started: no journal opened");
    }

    @Test
    void a_site_that_mails_its_reports_needs_an_smtp_server_where_reporting_runs() throws Exception {
        String mailing = ExampleDay.siteYaml() + "report: {mailTo: [soumu@example.com], language: en}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> configOf(mailing));
        assertEquals("site hq mails its final reports (report.mailTo) but serve has no SMTP server: give --smtp-url"
                + " smtp://host:port (or OFFICEGUARD_SMTP_URL), or remove report.mailTo from the site file", e.getMessage());
        assertNull(configOf(mailing, "--services", "door-gateway").mailServer(), "the gateway sends no mail");

        MailServer server = configOf(mailing, Map.of("OFFICEGUARD_SMTP_USER", "reports",
                "OFFICEGUARD_SMTP_PASSWORD", "s3cret"), "--smtp-url", "smtps://mail.example.com",
                "--mail-from", "officeguard@example.com").mailServer();
        assertEquals("smtps://mail.example.com:465", server.endpointUri());
        assertEquals("reports", server.user());
        assertEquals("s3cret", server.password());
        assertEquals("officeguard@example.com", server.from());

        MailServer fromEnv = configOf(mailing, Map.of("OFFICEGUARD_SMTP_URL", "smtp://relay:587?starttls=required",
                "OFFICEGUARD_MAIL_FROM", "og@example.com")).mailServer();
        assertTrue(fromEnv.startTlsRequired());
        assertEquals("og@example.com", fromEnv.from());
    }

    @Test
    void a_bad_smtp_url_stops_start_up_with_why() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("--smtp-url", "mail.example.com:25"))
                .getMessage().startsWith("--smtp-url mail.example.com:25: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("--smtp-url",
                "smtp://user:pw@mail.example.com")).getMessage().contains("OFFICEGUARD_SMTP_USER"));
    }

    @Test
    void retention_is_400_days_unless_told_and_only_a_whole_number_of_days_from_1() throws Exception {
        assertEquals(400, config().retentionDays());
        assertEquals(30, config("--retention-days", "30").retentionDays());
        assertEquals(1, config("--retention-days", "1").retentionDays());
        for (String bad : List.of("0", "-5", "36501")) {
            assertEquals("--retention-days must be a whole number of days from 1 to 36500, not " + Integer.parseInt(bad),
                    assertThrows(CommandLine.UsageException.class, () -> config("--retention-days", bad)).getMessage());
        }
        for (String bad : List.of("1.5", "a year", "99999999999")) {
            assertEquals("--retention-days must be a whole number, not '" + bad + "'",
                    assertThrows(CommandLine.UsageException.class, () -> config("--retention-days", bad)).getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> config().withRetentionDays(0), "the record checks it too");
    }
}
