package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * A site runs its services as separate processes with the same client-id prefix (docker-compose does). No two
 * processes may use the same MQTT client id: the broker would hand the session to whichever connected last, over
 * and over. Each process dead-letters bad input, and the broker never closes a connection for a newer one with its
 * id, the dead-letter session's included.
 */
class ServicesInSeparateProcessesTest {

    @Test
    void two_processes_of_one_site_share_no_client_id(@TempDir Path dir) throws Exception {
        var sites = SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir)));
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp gateway = start(sites, broker, dir.resolve("gw"), DoorGatewayService.NAME);
                OfficeguardApp monitor = start(sites, broker, dir.resolve("mon"), LockoutMonitorService.NAME);
                TestMqttClient device = TestMqttClient.connect(broker.url(), "separate-device")
                        .subscribe("office/hq/deadletter")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> gateway.ready() && monitor.ready());
            device.publish("office/hq/door/front/badge", "not json");
            device.publish("office/hq/pc/PC-01/state", "not json either");
            await().atMost(Duration.ofSeconds(20)).until(() -> device.received("office/hq/deadletter").size() == 2);
            assertFalse(broker.log().contains("already connected"), "a client id was taken over:\n" + broker.log());
        }
    }

    /**
     * Two processes of the same service and prefix (a stray second {@code serve}) take the session from each other on
     * every reconnect. Each says so: an ERROR naming the cause, and {@code sessionsTakenOver} on {@code /health}.
     */
    @Test
    void a_second_process_with_the_same_client_ids_is_named_as_the_cause(@TempDir Path dir) throws Exception {
        var sites = SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir)));
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp first = start(sites, broker, dir.resolve("one"), DoorGatewayService.NAME)) {
            await().atMost(Duration.ofSeconds(20)).until(first::ready);
            assertEquals(0, takenOver(first));
            try (OfficeguardApp second = start(sites, broker, dir.resolve("two"), DoorGatewayService.NAME)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> takenOver(first) + takenOver(second) > 0);
            }
        }
    }

    private static long takenOver(OfficeguardApp app) throws Exception {
        int port = Integer.parseInt(app.camelContext().getPropertiesComponent().resolveProperty("camel.server.port")
                .orElseThrow());
        return Payloads.JSON.readTree(LocalHttp.get(port, "/health").body())
                .at("/services/" + DoorGatewayService.NAME + "/sessionsTakenOver").asLong(-1);
    }

    private static OfficeguardApp start(List<SiteConfig> sites, MosquittoProcess broker,
            Path data, String service) throws Exception {
        return OfficeguardApp.start(AppConfig.defaults(sites, broker.url(), data, List.of(service))
                        .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix("separate"),
                List.of(new DoorGatewayService(), new LockoutMonitorService()));
    }
}
