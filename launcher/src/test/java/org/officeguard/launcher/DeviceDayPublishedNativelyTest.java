package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.simulator.DeviceOptions;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.Simulator;
import org.officeguard.simulator.Verify;
import org.officeguard.testsupport.FreePort;

/**
 * The ground truth of a day whose readers and PCs are devices (SPEC §8) holds for the services: the day's native
 * equivalent (what the device-bridge makes of the devices' messages, officeguard deciding the badges as the faithful
 * readers did, the HASS.Agent PC states stamped when the agents published them) played through the three services
 * gives final reports that match it exactly, card numbers and agents' polling delays included.
 */
class DeviceDayPublishedNativelyTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {7})
    void the_native_equivalent_of_a_device_day_verifies_against_its_truth(int seed) throws Exception {
        SiteConfig site = SampleSite.config(30, DAY, EnumSet.allOf(Device.Kind.class));
        Scenario devices = Scenario.generate(site, DAY, 1, seed, LapseRates.defaults(), "office", DeviceOptions.faithful());
        assertEquals(List.of(), devices.problems());
        Scenario day = devices.nativeDay();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0)) {
            AppConfig config = AppConfig.defaults(List.of(site), broker.url(), dir, Officeguard.ALL_SERVICES)
                    .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix("device-day").withClock(ClockMode.EVENT);
            try (OfficeguardApp app = OfficeguardApp.start(config, List.of(new DoorGatewayService(),
                    new LockoutMonitorService(), new ReportingService(Duration.ofMillis(300))))) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(app::ready);
                Simulator.Result played;
                try (Simulator simulator = Simulator.connect(broker.url(), "device-day-simulator", "office", "hq",
                        null, null)) {
                    played = simulator.play(day, Simulator.Options.maxSpeed().withDayCloseHook(closing -> { }));
                }
                assertEquals(List.of(), played.unexpectedDecisions(), "officeguard decides as the readers did");
                Path report = dir.resolve("reports/hq/" + DAY + ".json");
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(report)
                        && Payloads.JSON.readTree(report.toFile()).path("final").asBoolean());
                JsonNode json = Payloads.JSON.readTree(report.toFile());
                Verify.Result verify = Verify.compare(devices.truth(), List.of(json));
                assertTrue(verify.perfect(), Verify.table(verify));
                assertTrue(verify.total().expected() >= 5, "the day has lapses to find: " + verify.total());
            }
        }
    }
}
