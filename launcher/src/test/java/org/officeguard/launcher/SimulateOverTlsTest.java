package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.Scenario;
import org.officeguard.testsupport.DeployedMosquitto;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;

/**
 * The simulator is an MQTT client like the services: with the shipped Mosquitto configuration it plays a
 * day over TLS as the {@code simulator} user, and every badge it presents is decided by a door-gateway that
 * is itself on TLS as {@code officeguard}.
 */
class SimulateOverTlsTest {

    @Test
    void the_simulator_plays_a_day_over_tls_with_its_own_credentials(@TempDir Path dir) throws Exception {
        Path site = ExampleDay.writeSiteYaml(dir);
        try (DeployedMosquitto broker = DeployedMosquitto.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(SiteConfigLoader.loadAll(List.of(site)),
                                broker.tlsUrl(), dir.resolve("data"), List.of(DoorGatewayService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix("sim-tls")
                        .withMqttCredentials("officeguard", broker.password("officeguard"))
                        .withMqttCa(broker.ca().caPem()), List.of(new DoorGatewayService()))) {
            await().atMost(Duration.ofSeconds(30)).until(app::ready);
            CommandLine cl = CommandLine.parse(new String[] {"simulate", "--config", site.toString(), "--broker",
                    broker.tlsUrl(), "--mqtt-user", "simulator", "--mqtt-ca", broker.ca().caPem().toString(),
                    "--date", "2026-11-25", "--seed", "2"}, Map.of("simulate", SimulateCommand.OPTIONS), Set.of());
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int code = SimulateCommand.run(cl, new PrintStream(text, true, StandardCharsets.UTF_8), System.err,
                    Map.of("OFFICEGUARD_MQTT_PASSWORD", broker.password("simulator")));
            assertEquals(0, code, text.toString(StandardCharsets.UTF_8));

            long badges = Scenario.generate(SiteConfigLoader.load(site), LocalDate.of(2026, 11, 25), 1, 2,
                    LapseRates.defaults()).messages().stream().filter(m -> m.kind() == DeviceMessage.Kind.BADGE).count();
            assertTrue(badges > 10, "a day with badges: " + badges);
            assertEquals(0L, app.service(DoorGatewayService.NAME).metrics().deadLetteredCount());
            assertTrue(app.service(DoorGatewayService.NAME).metrics().takenCount() >= badges,
                    "every badge reached the gateway over TLS");

            CommandLine noCa = CommandLine.parse(new String[] {"simulate", "--config", site.toString(), "--broker",
                    broker.tlsUrl(), "--mqtt-user", "simulator", "--date", "2026-11-25"},
                    Map.of("simulate", SimulateCommand.OPTIONS), Set.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulateCommand.run(noCa,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err,
                    Map.of("OFFICEGUARD_MQTT_PASSWORD", broker.password("simulator"))));
            assertTrue(e.getMessage().contains("--mqtt-ca"), e.getMessage());
        }
    }
}
