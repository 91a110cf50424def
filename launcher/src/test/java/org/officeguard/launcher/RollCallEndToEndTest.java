package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The keyholder's evening through the whole product: badges and PC states go to the door-gateway and the
 * lockout-monitor over Mosquitto, they publish the retained occupancy and PC states, and reporting's roll call
 * (JSON and page) follows — a visitor with their host, an unknown badge a reader let in, PCs still on — until the
 * last person but the keyholder has left and the PCs are off: "ready to lock up".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollCallEndToEndTest {

    private Path dir;
    private MosquittoProcess mosquitto;
    private OfficeguardApp app;
    private TestMqttClient devices;
    private int httpPort;
    private int event;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("officeguard-roll-call-");
        mosquitto = MosquittoProcess.start();
        httpPort = FreePort.next();
        AppConfig config = AppConfig.defaults(SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir))),
                        mosquitto.url(), dir.resolve("data"), Officeguard.ALL_SERVICES)
                .withHttp("127.0.0.1", httpPort, null).withClientIdPrefix("roll-call").withClock(ClockMode.EVENT);
        app = OfficeguardApp.start(config, List.of(new DoorGatewayService(), new LockoutMonitorService(),
                new ReportingService(Duration.ofMillis(300))));
        await().atMost(Duration.ofSeconds(30)).until(app::ready);
        devices = TestMqttClient.connect(mosquitto.url(), "roll-call-devices").subscribe("office/hq/door/+/decision");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {devices, app, mosquitto}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** A badge, answered before the next: a reader waits for its decision. {@code granted}: a reader that decides. */
    private void badge(String time, String door, String badge, String direction, Boolean granted) {
        String eventId = "rc-" + (++event);
        devices.publish("office/hq/door/" + door + "/badge", "{\"eventId\":\"" + eventId + "\",\"ts\":\"2026-11-25T"
                + time + "+09:00\",\"badge\":\"" + badge + "\",\"direction\":\"" + direction + "\""
                + (granted != null ? ",\"granted\":" + granted : "") + "}");
        devices.awaitOne("office/hq/door/" + door + "/decision", r -> r.text().contains("\"" + eventId + "\""));
    }

    private void pc(String time, String pc, String state) {
        devices.publish("office/hq/pc/" + pc + "/state", "{\"eventId\":\"rc-" + (++event) + "\",\"ts\":\"2026-11-25T"
                + time + "+09:00\",\"state\":\"" + state + "\",\"idleSeconds\":0}");
    }

    private void clock(String time) {
        devices.publish("office/hq/clock", "{\"ts\":\"2026-11-25T" + time + "+09:00\"}");
    }

    private JsonNode now() throws Exception {
        return Payloads.JSON.readTree(LocalHttp.get(httpPort, "/sites/hq/now").body());
    }

    private static List<String> inside(JsonNode now) {
        List<String> badges = new ArrayList<>();
        now.at("/occupancy/zones").forEach(zone -> zone.path("occupants").forEach(o -> badges.add(
                zone.path("zone").asText() + ":" + o.path("badge").asText() + ":" + o.path("kind").asText())));
        return badges;
    }

    @Test
    void the_roll_call_follows_the_evening_until_ready_to_lock_up() throws Exception {
        badge("09:00:00", "front", "E002", "IN", null);   // the keyholder
        badge("09:00:10", "office", "E002", "IN", null);
        badge("09:05:00", "front", "E001", "IN", null);
        badge("09:05:10", "office", "E001", "IN", null);
        pc("09:06:00", "PC-01", "ACTIVE");
        badge("10:10:00", "front", "E001", "OUT", null);  // the host fetches the visitor
        badge("10:12:00", "front", "E001", "IN", null);
        badge("10:12:03", "front", "V001", "IN", null);
        badge("10:20:00", "front", "X999", "IN", true);   // a reader lets an unknown card in
        clock("10:21:00");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = now();
            assertEquals(List.of("lobby:E001:person", "lobby:V001:visitor", "lobby:X999:unknown", "office:E002:person"),
                    inside(now).stream().sorted().toList());
            assertEquals(1, now.at("/pcs/notReady").size(), now.toString());
        });
        JsonNode busy = now();
        assertFalse(busy.at("/verdict/ready").asBoolean());
        assertEquals("not-ready", busy.at("/verdict/status").asText());
        busy.at("/occupancy/zones").forEach(zone -> zone.path("occupants").forEach(o -> {
            if (o.path("badge").asText().equals("V001")) {
                assertEquals("E001", o.path("host").asText(), "a visitor is shown with their host");
            }
        }));
        String page = LocalHttp.get(httpPort, "/sites/hq/now.html?lang=en").body();
        assertTrue(page.contains("Visitor One") && page.contains("山田 太郎") && page.contains("X999"), page);
        assertTrue(page.contains("http-equiv=\"refresh\""), "the page refreshes itself, without a script");
        assertFalse(page.contains("<script"), "no script");

        badge("11:30:00", "front", "V001", "OUT", null);
        badge("11:30:02", "front", "E001", "OUT", null);
        badge("11:40:00", "front", "X999", "OUT", true);
        badge("18:00:00", "office", "E001", "IN", null);   // back to the desk, then home with the PC off
        pc("18:10:00", "PC-01", "OFF");
        badge("18:10:30", "office", "E001", "OUT", null);
        clock("18:10:40");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(List.of("lobby:E001:person", "office:E002:person"), inside(now()).stream().sorted().toList()));
        assertFalse(now().at("/verdict/ready").asBoolean(), "two people inside: not ready");

        badge("18:11:00", "front", "E001", "OUT", null);  // the last person but the keyholder leaves
        clock("18:12:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode ready = now();
            assertEquals(List.of("office:E002:person"), inside(ready));
            assertTrue(ready.at("/verdict/ready").asBoolean(), ready.toString());
            assertEquals("ready", ready.at("/verdict/status").asText());
            assertEquals(0, ready.at("/pcs/notReady").size());
        });
        String ja = LocalHttp.get(httpPort, "/sites/hq/now.html?lang=ja").body();
        assertTrue(ja.contains("Sato Hanako"), "the keyholder is still listed");
    }
}
