package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.reporting.live.Retained.occupancy;
import static org.officeguard.reporting.live.Retained.pc;
import static org.officeguard.reporting.live.Retained.pcs;
import static org.officeguard.reporting.live.Retained.person;
import static org.officeguard.reporting.live.Retained.unknown;
import static org.officeguard.reporting.live.Retained.visitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;
import org.officeguard.reporting.report.Page;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The roll call and lock-up check over HTTP, from retained {@code occupancy} and {@code pcs} states published to a real
 * broker as the door-gateway and the lockout-monitor publish them: the JSON and the page in Japanese and English, a
 * visitor with their host, an unknown badge, the PCs in the way, and the verdict turning to "ready" once only the
 * keyholder is left and the PCs are off. Each test has its own topic root, so that the broker's retained states of one
 * do not reach another.
 */
class RollCallHttpTest {

    private static final String TS = "2026-11-25T18:30:00+09:00";

    private static MosquittoProcess broker;
    private static TestMqttClient devices;

    private final List<OfficeguardApp> apps = new ArrayList<>();
    private int port;
    private String root;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoProcess.start();
        devices = TestMqttClient.connect(broker.url(), "rollcall-devices");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        devices.close();
        broker.close();
    }

    @AfterEach
    void stopApps() throws Exception {
        for (OfficeguardApp app : apps) {
            app.close();
        }
    }

    private void start(String topicRoot) throws Exception {
        root = topicRoot;
        port = FreePort.next();
        AppConfig config = AppConfig.defaults(List.of(ExampleDay.site()), broker.url(),
                        Files.createTempDirectory("officeguard-rollcall-"), List.of(ReportingService.NAME))
                .withHttp("127.0.0.1", port, null).withClientIdPrefix("rollcall-" + topicRoot).withTopicRoot(topicRoot);
        OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))));
        apps.add(app);
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
    }

    private JsonNode json() throws Exception {
        HttpResponse<String> r = LocalHttp.get(port, "/sites/hq/now");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        return Payloads.JSON.readTree(r.body());
    }

    private Page page(String lang) throws Exception {
        HttpResponse<String> r = LocalHttp.get(port, "/sites/hq/now.html" + (lang == null ? "" : "?lang=" + lang));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                r.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        return new Page(r.body());
    }

    private void publishOccupancy(String json) {
        devices.publishRetained(root + "/hq/occupancy", json);
    }

    private void publishPcs(String json) {
        devices.publishRetained(root + "/hq/pcs", json);
    }

    @Test
    void the_roll_call_follows_the_retained_states_through_the_evening_until_ready_to_lock_up() throws Exception {
        start("evening");

        // Nothing retained yet: no verdict, and never "ready".
        JsonNode nothing = json();
        assertEquals("no-data", nothing.at("/verdict/status").asText());
        assertFalse(nothing.at("/verdict/ready").asBoolean());
        assertEquals(List.of("NO_OCCUPANCY_DATA", "NO_PC_DATA"), reasons(nothing));
        assertTrue(nothing.get("occupancy").isNull());
        assertTrue(nothing.get("pcs").isNull());
        Page empty = page(null);
        assertEquals("no-data", empty.one("//section[@id='verdict']").getAttribute("data-status"));
        assertTrue(empty.text("//section[@id='verdict']").contains("まだ判断できません"));
        assertFalse(empty.html.contains("施錠できます"));
        assertTrue(page("en").text("//section[@id='verdict']/h2").contains("Cannot tell yet"));

        // 18:30: three people, a visitor with their host, an unknown badge; one PC in use, one locked, one off.
        publishOccupancy(occupancy(TS, "hq",
                person("E001", "山田 太郎", "office", "2026-11-25T08:55:00+09:00"),
                person("E002", "Sato Hanako", "server-room", "2026-11-25T09:12:00+09:00"),
                visitor("V001", "Visitor One", "office", "2026-11-25T10:02:00+09:00", "E001"),
                unknown("X999", "lobby", "2026-11-25T18:10:00+09:00")));
        publishPcs(pcs(TS, "hq",
                pc("PC-01", "office", "E001", "ACTIVE", "2026-11-25T18:20:00+09:00"),
                pc("PC-02", "office", "E002", "LOCKED", "2026-11-25T17:00:00+09:00"),
                pc("PC-03", "office", "E003", "OFF", null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/occupancy/count").asInt() == 4
                && !json().get("pcs").isNull());

        JsonNode evening = json();
        assertEquals("not-ready", evening.at("/verdict/status").asText());
        assertEquals(List.of("PEOPLE_INSIDE", "VISITORS_INSIDE", "UNKNOWN_BADGES_INSIDE", "PCS_NOT_READY"), reasons(evening));
        assertEquals(4, evening.at("/verdict/reasons/0/count").asInt());
        assertEquals("V001", evening.at("/verdict/reasons/1/badges/0").asText());
        assertEquals("X999", evening.at("/verdict/reasons/2/badges/0").asText());
        assertEquals("[\"PC-01\",\"PC-02\"]", evening.at("/verdict/reasons/3/pcs").toString());
        assertEquals(TS, evening.at("/occupancy/ts").asText());
        assertTrue(evening.at("/occupancy/receivedAt").asText().endsWith("+09:00"), "received, in the site's offset");
        assertTrue(evening.at("/occupancy/receivedSecondsAgo").asLong() >= 0);
        assertEquals("[\"lobby\",\"office\",\"server-room\"]", zones(evening));
        JsonNode office = evening.at("/occupancy/zones/1/occupants");
        assertEquals("E001", office.at("/0/badge").asText());
        JsonNode guest = office.get(1);
        assertEquals("visitor", guest.get("kind").asText());
        assertEquals("E001", guest.get("host").asText());
        assertEquals("山田 太郎", guest.get("hostName").asText());
        assertEquals("office", guest.get("hostZone").asText());
        assertEquals("2026-11-25T10:02:00+09:00", guest.get("since").asText());
        JsonNode stranger = evening.at("/occupancy/zones/0/occupants/0");
        assertEquals("unknown", stranger.get("kind").asText());
        assertTrue(stranger.get("name").isNull());
        assertEquals("OFF", evening.get("pcAtLockup").asText());
        assertEquals(3, evening.at("/pcs/total").asInt());
        assertEquals("PC-01", evening.at("/pcs/notReady/0/pc").asText());
        assertEquals("ACTIVE", evening.at("/pcs/notReady/0/state").asText());
        assertEquals("山田 太郎", evening.at("/pcs/notReady/0/userName").asText());
        assertEquals("LOCKED", evening.at("/pcs/notReady/1/state").asText());

        Page ja = page("ja");
        assertEquals("not-ready", ja.one("//section[@id='verdict']").getAttribute("data-status"));
        assertTrue(ja.text("//section[@id='verdict']/h2").contains("まだ施錠できません"));
        assertEquals(4, ja.all("//section[@id='verdict']//ul[@class='obstacles']/li").size());
        assertTrue(ja.text("//tr[@data-badge='V001']").contains("受入担当 山田 太郎 と一緒に退出"), ja.text("//tr[@data-badge='V001']"));
        assertEquals("visitor", ja.one("//tr[@data-badge='V001']").getAttribute("class"));
        assertEquals("unknown", ja.one("//tr[@data-badge='X999']").getAttribute("class"));
        assertTrue(ja.text("//tr[@data-badge='X999']").contains("（未登録のカード）"));
        assertEquals("10:02", ja.text("//tr[@data-badge='V001']/td[4]"));
        assertEquals(List.of("PC-01", "PC-02"), ja.all("//section[@id='pcs']//tr[@data-pc]").stream()
                .map(row -> row.getAttribute("data-pc")).toList());
        assertTrue(ja.text("//tr[@data-pc='PC-01']").contains("使用中"));
        assertTrue(ja.text("//div[@id='age-occupancy']").contains("2026/11/25 18:30:00 時点"), ja.text("//div[@id='age-occupancy']"));
        assertEquals("15", ja.one("//head/meta[@http-equiv='refresh']").getAttribute("content"), "reloads itself");
        assertTrue(ja.all("//script").isEmpty());

        Page en = page("en");
        assertEquals("en", en.root().getAttribute("lang"));
        assertTrue(en.text("//section[@id='verdict']/h2").contains("Not ready to lock up"));
        assertTrue(en.text("//tr[@data-badge='V001']").contains("Leaves with host 山田 太郎 (host is in office)"));
        assertTrue(en.text("//div[@id='age-pcs']").contains("as of 25 Nov 2026 18:30:00"), en.text("//div[@id='age-pcs']"));

        // 18:45: the host leaves with the visitor, the stranger is seen out; PC-01 is locked.
        String later = "2026-11-25T18:45:00+09:00";
        publishOccupancy(occupancy(later, "hq", person("E002", "Sato Hanako", "server-room", "2026-11-25T09:12:00+09:00")));
        publishPcs(pcs(later, "hq",
                pc("PC-01", "office", "E001", "LOCKED", later),
                pc("PC-02", "office", "E002", "LOCKED", "2026-11-25T17:00:00+09:00"),
                pc("PC-03", "office", "E003", "OFF", null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/pcs/ts").asText().equals(later)
                && json().at("/occupancy/count").asInt() == 1);
        assertEquals(List.of("PCS_NOT_READY"), reasons(json()), "only the keyholder is left, but two PCs are on");

        // 18:50: the PCs are shut down: ready, and the keyholder is named.
        String ready = "2026-11-25T18:50:00+09:00";
        publishPcs(pcs(ready, "hq",
                pc("PC-01", "office", "E001", "OFF", ready),
                pc("PC-02", "office", "E002", "OFF", ready),
                pc("PC-03", "office", "E003", "OFF", null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/verdict/ready").asBoolean());
        JsonNode done = json();
        assertEquals("ready", done.at("/verdict/status").asText());
        assertEquals(0, done.at("/verdict/reasons").size());
        assertEquals(0, done.at("/pcs/notReady").size());
        Page readyJa = page(null);
        assertEquals("ready", readyJa.one("//section[@id='verdict']").getAttribute("data-status"));
        assertTrue(readyJa.text("//section[@id='verdict']").contains("施錠できます"));
        assertTrue(readyJa.text("//section[@id='verdict']").contains("Sato Hanako"), "the one who locks up is named");
        assertTrue(page("en").text("//section[@id='verdict']/h2").contains("Ready to lock up"));
    }

    @Test
    void a_state_retained_before_reporting_starts_is_there_at_once_and_again_after_a_restart() throws Exception {
        devices.publishRetained("early/hq/occupancy", occupancy(TS, "hq", person("E003", "鈴木 一郎", "lobby", TS)));
        devices.publishRetained("early/hq/pcs", pcs(TS, "hq", pc("PC-03", "office", "E003", "IDLE", TS)));
        start("early");
        await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/occupancy/count").asInt() == 1);
        assertEquals("PC-03", json().at("/pcs/notReady/0/pc").asText());

        apps.remove(0).close();
        start("early");
        await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/occupancy/count").asInt() == 1);
        assertEquals("E003", json().at("/occupancy/zones/0/occupants/0/badge").asText());
    }

    @Test
    void after_the_broker_comes_back_the_roll_call_takes_the_states_again() throws Exception {
        try (MosquittoProcess own = MosquittoProcess.start();
                TestMqttClient publisher = TestMqttClient.connect(own.url(), "rollcall-restart-devices")) {
            port = FreePort.next();
            AppConfig config = AppConfig.defaults(List.of(ExampleDay.site()), own.url(),
                            Files.createTempDirectory("officeguard-rollcall-"), List.of(ReportingService.NAME))
                    .withHttp("127.0.0.1", port, null).withClientIdPrefix("rollcall-restart");
            OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))));
            apps.add(app);
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            publisher.publishRetained("office/hq/occupancy", occupancy(TS, "hq", person("E001", "山田 太郎", "office", TS)));
            await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/occupancy/count").asInt() == 1);

            own.restart(); // the broker forgets everything: the sessions and the retained states
            await().atMost(Duration.ofSeconds(30)).until(app::ready);
            try (TestMqttClient again = TestMqttClient.connect(own.url(), "rollcall-restart-devices-2")) {
                again.publishRetained("office/hq/occupancy", occupancy(TS, "hq"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> json().at("/occupancy/count").asInt() == 0);
        }
    }

    @Test
    void a_state_that_cannot_be_read_is_dead_lettered_and_the_last_good_one_stays() throws Exception {
        start("bad");
        try (TestMqttClient observer = TestMqttClient.connect(broker.url(), "rollcall-observer").subscribe("bad/hq/deadletter")) {
            publishOccupancy(occupancy(TS, "hq", person("E001", "山田 太郎", "office", TS)));
            await().atMost(Duration.ofSeconds(10)).until(() -> json().at("/occupancy/count").asInt() == 1);

            publishOccupancy("{\"ts\":\"" + TS + "\",\"site\":\"hq\",\"count\":1,\"occupants\":[{\"badge\":\"E002\",\"kind\":\"boss\",\"zone\":\"office\"}]}");
            TestMqttClient.Received dead = observer.awaitOne("bad/hq/deadletter", m -> true);
            JsonNode letter = Payloads.JSON.readTree(dead.text());
            assertEquals("bad/hq/occupancy", letter.get("topic").asText());
            assertTrue(letter.get("error").asText().contains("occupants[0].kind"), letter.toString());
            assertEquals("E001", json().at("/occupancy/zones/0/occupants/0/badge").asText(), "the last good state stays");
        }
    }

    @Test
    void an_unknown_site_or_page_is_not_found_and_an_unknown_language_is_refused() throws Exception {
        start("paths");
        assertEquals(404, LocalHttp.get(port, "/sites/nowhere/now").statusCode());
        assertEquals(404, LocalHttp.get(port, "/sites/hq/later").statusCode());
        assertEquals(400, LocalHttp.get(port, "/sites/hq/now.html?lang=fr").statusCode());
        assertEquals(200, LocalHttp.get(port, "/sites/hq/now.json").statusCode());
    }

    private static List<String> reasons(JsonNode rollCall) {
        List<String> reasons = new ArrayList<>();
        rollCall.at("/verdict/reasons").forEach(reason -> reasons.add(reason.get("reason").asText()));
        return reasons;
    }

    private static String zones(JsonNode rollCall) {
        List<String> zones = new ArrayList<>();
        rollCall.at("/occupancy/zones").forEach(zone -> zones.add("\"" + zone.get("zone").asText() + "\""));
        return "[" + String.join(",", zones) + "]";
    }
}
