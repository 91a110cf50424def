package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TcpProxy;
import org.officeguard.testsupport.TestMqttClient;

/**
 * A network cut between the door-gateway and the broker: the gateway stops calling itself ready while
 * it receives nothing, reconnects when the network is back, and decides the badge that was presented
 * during the cut (its session kept it).
 */
class NetworkCutTest {

    @Test
    void after_a_network_cut_the_gateway_reconnects_and_decides_what_came_meanwhile() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-cut-");
        try (MosquittoProcess broker = MosquittoProcess.start();
                TcpProxy network = TcpProxy.to(broker.port());
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(
                                List.of(SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml")), network.url(), dir,
                                List.of(DoorGatewayService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix("cut"),
                        List.of(new DoorGatewayService()));
                TestMqttClient reader = TestMqttClient.connect(broker.url(), "cut-reader")
                        .subscribe("office/hq/door/+/decision")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            reader.publish("office/hq/door/front/badge",
                    "{\"eventId\":\"c-1\",\"ts\":\"2026-11-25T09:00:00+09:00\",\"badge\":\"E001\",\"direction\":\"IN\"}");
            reader.awaitOne("office/hq/door/front/decision", r -> r.text().contains("\"c-1\""));

            network.cut();
            await().atMost(Duration.ofSeconds(20)).until(() -> !app.ready());
            reader.publish("office/hq/door/office/badge",
                    "{\"eventId\":\"c-2\",\"ts\":\"2026-11-25T09:01:00+09:00\",\"badge\":\"E001\",\"direction\":\"IN\"}");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    reader.received("office/hq/door/office/decision").isEmpty());

            network.restore();
            await().atMost(Duration.ofSeconds(30)).until(app::ready);
            var decision = reader.awaitOne("office/hq/door/office/decision", r -> r.text().contains("\"c-2\""));
            assertTrue(decision.text().contains("\"granted\":true"), decision.text());
        }
    }

    /**
     * The network is cut in the middle of a burst, with badges queued for the gateway's session and
     * decisions in flight: every badge still gets its decision once the network is back. (It caught a
     * deadlock: the gateway subscribed again on Paho's callback thread after the reconnect, the broker sent
     * the queued badges before the SUBACK, and that thread, waiting for the SUBACK, never read them.)
     */
    @Test
    void a_cut_in_the_middle_of_a_burst_loses_no_decision() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-cut-burst-");
        int badges = 2_000;
        try (org.officeguard.broker.EmbeddedBroker broker = org.officeguard.broker.EmbeddedBroker.start("127.0.0.1", 0);
                TcpProxy network = TcpProxy.to(broker.port());
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(
                                List.of(SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml")), network.url(), dir,
                                List.of(DoorGatewayService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix("cutburst"),
                        List.of(new DoorGatewayService()));
                TestMqttClient reader = TestMqttClient.connect(broker.url(), "cutburst-reader")
                        .subscribe("office/hq/door/+/decision")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            java.time.Instant t0 = java.time.Instant.parse("2026-11-25T00:00:00Z");
            for (int i = 0; i < badges; i++) {
                reader.publish("office/hq/door/front/badge", "{\"eventId\":\"burst-" + i + "\",\"ts\":\""
                        + t0.plusSeconds(i) + "\",\"badge\":\"E001\",\"direction\":\"" + (i % 2 == 0 ? "IN" : "OUT") + "\"}");
                if (i == badges / 4) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> !reader.received("office/hq/door/front/decision").isEmpty());
                    network.cut();
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !app.ready());
            network.restore();
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.received("office/hq/door/front/decision").stream()
                    .map(r -> Payloads.object(r.payload()).get("eventId").asText()).distinct().count() == badges);
            assertTrue(reader.received("office/hq/door/front/decision").stream()
                    .allMatch(r -> r.text().contains("\"granted\":true")), "every badge of the burst was granted");
        }
    }
}
