package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.bridge.DeviceBridgeService;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.simulator.DeviceOptions;
import org.officeguard.simulator.Lapse;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.Simulator;
import org.officeguard.simulator.Verify;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;

/**
 * A day whose every reader and PC is a device (SPEC §8: esp-rfid readers, a uhppoted controller, HASS.Agent PCs)
 * played end to end through Mosquitto, the device-bridge and the three services. With readers that decide as the
 * site would, its final report is byte for byte the report of the same day published natively; a controller
 * whose card list lets refused holders in shows up in the report as {@code grantedByDevice}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceDayEndToEndTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final int PEOPLE = 30;

    private MosquittoProcess mosquitto;
    private int run;

    @TempDir
    Path dir;

    @BeforeAll
    void startBroker() {
        mosquitto = MosquittoProcess.start();
    }

    @AfterAll
    void stopBroker() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void a_day_through_the_bridge_gives_the_same_final_report_as_the_same_day_published_natively() throws Exception {
        SiteConfig site = SampleSite.config(PEOPLE, DAY, EnumSet.allOf(Device.Kind.class));
        Scenario devices = Scenario.generate(site, DAY, 1, 3, LapseRates.defaults(), "office", DeviceOptions.faithful());
        assertEquals(List.of(), devices.problems());

        Path throughTheBridge = play(site, devices);
        Path native_ = play(site, devices.nativeDay());

        JsonNode report = Payloads.JSON.readTree(throughTheBridge.resolve(DAY + ".json").toFile());
        Verify.Result verify = Verify.compare(devices.truth(), List.of(report));
        assertTrue(verify.perfect(), Verify.table(verify));
        assertTrue(verify.total().expected() >= 5, "the day has lapses to find: " + verify.total());
        for (String file : List.of(DAY + ".json", DAY + ".csv")) {
            assertArrayEquals(Files.readAllBytes(native_.resolve(file)), Files.readAllBytes(throughTheBridge.resolve(file)),
                    file + ": the day through the bridge and the same day published natively");
        }
    }

    @Test
    void a_misconfigured_controller_shows_up_in_the_report() throws Exception {
        SiteConfig site = SampleSite.config(PEOPLE, DAY, EnumSet.allOf(Device.Kind.class));
        LapseRates rates = LapseRates.none().with(Lapse.WRONG_ZONE, 1.0).with(Lapse.VISITOR_EARLY, 1.0);
        Scenario devices = Scenario.generate(site, DAY, 1, 5, rates, "office", DeviceOptions.faithful()
                .withMisconfiguredCards(1.0));
        assertEquals(List.of(), devices.problems());

        Path reports = play(site, devices);

        JsonNode report = Payloads.JSON.readTree(reports.resolve(DAY + ".json").toFile());
        Verify.Result verify = Verify.compare(devices.truth(), List.of(report));
        assertTrue(verify.perfect(), Verify.table(verify));
        List<JsonNode> letThrough = new ArrayList<>();
        report.path("violations").forEach(violation -> {
            if (violation.at("/details/grantedByDevice").asBoolean()) {
                letThrough.add(violation);
            }
        });
        assertTrue(!letThrough.isEmpty(), "the readers' grants that the site refuses are in the report");
        letThrough.forEach(violation -> assertTrue(List.of("ZONE_NOT_ALLOWED", "VISITOR_PASS_INVALID")
                .contains(violation.path("rule").asText()), violation::toString));
        String csv = Files.readString(reports.resolve(DAY + ".csv"), StandardCharsets.UTF_8);
        assertEquals(letThrough.size(), csv.lines().filter(line -> line.endsWith(",true")).count(),
                "one CSV row marked per grant against the site");
    }

    /** Plays {@code day} through the four services on their own data and client ids; the final reports' folder. */
    private Path play(SiteConfig site, Scenario day) throws Exception {
        run++;
        Path data = dir.resolve("run-" + run);
        List<OfficeService> services = List.of(new DoorGatewayService(), new LockoutMonitorService(),
                new ReportingService(Duration.ofMillis(300)), new DeviceBridgeService());
        AppConfig config = AppConfig.defaults(List.of(site), mosquitto.url(), data, Officeguard.defaultServices(List.of(site)))
                .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix("device-day-" + run)
                .withClock(ClockMode.EVENT);
        try (OfficeguardApp app = OfficeguardApp.start(config, services)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(app::ready);
            Simulator.Result played;
            try (Simulator simulator = Simulator.connect(mosquitto.url(), "device-day-simulator-" + run, "office",
                    site.site(), null, null)) {
                played = simulator.play(day, Simulator.Options.maxSpeed());
            }
            assertEquals(List.of(), played.unexpectedDecisions(), "every door decided as the simulator's model says");
            Path reports = data.resolve("reports").resolve(site.site());
            Path report = reports.resolve(DAY + ".json");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(report)
                    && Payloads.JSON.readTree(report.toFile()).path("final").asBoolean());
            return reports;
        }
    }
}
