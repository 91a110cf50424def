package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.Chromium;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The pages around the report looked at in headless Chromium, in Japanese and in English: {@code /}, the month of
 * November 2026 (violations on the weekdays up to the 25th, which is today) and the roll call of an evening (four
 * people, a visitor with their host, an unknown badge, two PCs still on), then the same roll call once only the
 * keyholder is left and every PC is off. The roll call is also printed to PDF: one A4 page, an evacuation list. The
 * screenshots and PDFs stay in {@code launcher/target/report-screenshots/}, beside the report's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerPagesInChromiumTest {

    private static final SiteConfig HQ = ExampleDay.site();
    private static final Path OUT = Path.of("target", "report-screenshots");
    private static final String EVENING = "2026-11-25T18:30:00+09:00";

    private MosquittoProcess broker;
    private OfficeguardApp app;
    private TestMqttClient devices;
    private String base;

    @BeforeAll
    void start() throws Exception {
        broker = MosquittoProcess.start();
        int port = FreePort.next();
        base = "http://127.0.0.1:" + port;
        Path data = Files.createTempDirectory("officeguard-pages-");
        app = OfficeguardApp.start(AppConfig.defaults(List.of(HQ), broker.url(), data, List.of(ReportingService.NAME))
                        .withHttp("127.0.0.1", port, null).withClientIdPrefix("pages"),
                List.of(new ReportingService(Duration.ofMillis(300))));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        devices = TestMqttClient.connect(broker.url(), "pages-devices");
        playNovember();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("reports/hq/2026-11-24.en.html")));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {devices, app, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A few violations on each weekday of November up to the 25th, then the clock at 18:30 on the 25th. */
    private void playNovember() {
        Rule[] rules = {Rule.LEFT_PC_UNLOCKED, Rule.SCREEN_LOCK_IDLE, Rule.UNKNOWN_BADGE, Rule.VISITOR_UNESCORTED,
            Rule.ZONE_NOT_ALLOWED, Rule.LOCKUP_MISSING, Rule.PC_LEFT_ON};
        String[] badges = {"E001", "E002", "E003"};
        int number = 0;
        for (LocalDate day = LocalDate.of(2026, 11, 2); !day.isAfter(LocalDate.of(2026, 11, 25)); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() >= 6) {
                continue;
            }
            int count = 1 + (day.getDayOfMonth() * 7) % 6;
            for (int i = 0; i < count; i++, number++) {
                Rule rule = rules[(day.getDayOfMonth() + i * 3) % rules.length];
                ZonedDateTime at = day.atTime(9 + i, 15).atZone(HQ.timezone());
                Violation violation = Violation.of("hq", rule, at.toInstant(), badges[number % badges.length],
                        "pc:PC-0" + (1 + number % 3), Map.of(), List.of("seed-" + number));
                devices.publish("office/hq/violation/" + rule.name(), Payloads.write(violation, HQ.timezone()));
            }
        }
        devices.publish("office/hq/clock", "{\"ts\":\"" + EVENING + "\"}");
    }

    @Test
    void the_index_the_month_and_the_roll_call_in_a_browser_and_the_roll_call_printed() throws Exception {
        devices.publishRetained("office/hq/occupancy", occupancy(EVENING,
                occupant("E001", "山田 太郎", "person", "office", "2026-11-25T08:55:00+09:00", null),
                occupant("E003", "鈴木 一郎", "person", "office", "2026-11-25T09:30:00+09:00", null),
                occupant("E002", "Sato Hanako", "person", "server-room", "2026-11-25T09:12:00+09:00", null),
                occupant("V001", "Visitor One", "visitor", "office", "2026-11-25T14:02:00+09:00", "E001"),
                occupant("X7731", null, "unknown", "lobby", "2026-11-25T18:10:00+09:00", null)));
        devices.publishRetained("office/hq/pcs", pcs(EVENING,
                pc("PC-01", "E001", "ACTIVE", "2026-11-25T18:20:00+09:00"),
                pc("PC-02", "E002", "LOCKED", "2026-11-25T17:00:00+09:00"),
                pc("PC-03", "E003", "OFF", "2026-11-25T18:05:00+09:00")));
        await().atMost(Duration.ofSeconds(10)).until(() -> LocalHttp.json(port(), "/sites/hq/now").at("/occupancy/count").asInt() == 5
                && !LocalHttp.json(port(), "/sites/hq/now").get("pcs").isNull());

        Chromium.screenshot(base + "/", OUT.resolve("index-ja.png"), 1280, 800);
        Chromium.screenshot(base + "/?lang=en", OUT.resolve("index-en.png"), 1280, 800);
        Chromium.screenshot(base + "/reports/hq.html", OUT.resolve("month-ja.png"), 1280, 1400);
        Chromium.screenshot(base + "/reports/hq.html?lang=en", OUT.resolve("month-en.png"), 1280, 1400);
        Chromium.screenshot(base + "/sites/hq/now.html", OUT.resolve("now-ja.png"), 1280, 1900);
        Chromium.screenshot(base + "/sites/hq/now.html?lang=en", OUT.resolve("now-en.png"), 1280, 1900);

        String ja = printed("/sites/hq/now.html", "now-ja.pdf");
        for (String seen : List.of("まだ施錠できません", "中に 5 人います", "Visitor One（受入担当: 山田 太郎）", "X7731",
                "エリア office（3 人）", "山田 太郎", "鈴木 一郎", "Sato Hanako", "確認", "受入担当 山田 太郎 と一緒に退出",
                "PC-01", "印刷")) {
            assertTrue(squeezed(ja).contains(squeezed(seen)), "the printed roll call shows '" + seen + "'\n" + ja);
        }
        assertFalse(ja.contains("自動で更新"), "the note on reloading is not printed");
        assertFalse(ja.contains("拠点一覧"), "nor are the links");
        String en = printed("/sites/hq/now.html?lang=en", "now-en.pdf");
        for (String seen : List.of("Not ready to lock up", "Area office (3)", "Leaves with host 山田 太郎", "Check")) {
            assertTrue(squeezed(en).contains(squeezed(seen)), "the printed English roll call shows '" + seen + "'\n" + en);
        }

        String month = Chromium.printedText(base + "/reports/hq.html", OUT.resolve("month-ja.pdf"));
        assertTrue(month.contains("2026年11月"), month);
        assertTrue(month.contains("今日"), month);

        // 19:05: only the keyholder is left and every PC is off.
        String later = "2026-11-25T19:05:00+09:00";
        devices.publishRetained("office/hq/occupancy", occupancy(later,
                occupant("E002", "Sato Hanako", "person", "server-room", "2026-11-25T09:12:00+09:00", null)));
        devices.publishRetained("office/hq/pcs", pcs(later, pc("PC-01", "E001", "OFF", later),
                pc("PC-02", "E002", "OFF", later), pc("PC-03", "E003", "OFF", "2026-11-25T18:05:00+09:00")));
        await().atMost(Duration.ofSeconds(10)).until(() -> LocalHttp.json(port(), "/sites/hq/now").at("/verdict/ready").asBoolean());
        Chromium.screenshot(base + "/sites/hq/now.html", OUT.resolve("now-ready-ja.png"), 1280, 1100);
        Chromium.screenshot(base + "/sites/hq/now.html?lang=en", OUT.resolve("now-ready-en.png"), 1280, 1100);
        String ready = printed("/sites/hq/now.html", "now-ready-ja.pdf");
        assertTrue(ready.contains("施錠できます"), ready);
        assertTrue(squeezed(ready).contains(squeezed("中にいるのは施錠する人（Sato Hanako）だけ")), ready);
    }

    /** The page printed to PDF by Chromium: one A4 page; its text as a reader of the PDF sees it. */
    private String printed(String path, String file) {
        String text = Chromium.printedText(base + path, OUT.resolve(file));
        Map<String, String> info = Chromium.pdfInfo(OUT.resolve(file));
        assertTrue(info.get("Page size").endsWith("(A4)"), info.toString());
        assertEquals("1", info.get("Pages"), file + " is one sheet");
        return text;
    }

    /** Text without its spaces and line breaks: pdftotext lays a line out with spaces of its own. */
    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    private int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    private static String occupancy(String ts, ObjectNode... occupants) {
        ObjectNode o = Payloads.JSON.createObjectNode().put("ts", ts).put("site", "hq").put("count", occupants.length);
        ArrayNode list = o.putArray("occupants");
        for (ObjectNode occupant : occupants) {
            list.add(occupant);
        }
        return o.toString();
    }

    private static ObjectNode occupant(String badge, String name, String kind, String zone, String since, String host) {
        ObjectNode o = Payloads.JSON.createObjectNode().put("badge", badge).put("name", name).put("kind", kind)
                .put("zone", zone).put("since", since);
        return host == null ? o : o.put("host", host);
    }

    private static String pcs(String ts, ObjectNode... pcs) {
        ObjectNode o = Payloads.JSON.createObjectNode().put("ts", ts).put("site", "hq");
        ArrayNode list = o.putArray("pcs");
        for (ObjectNode pc : pcs) {
            list.add(pc);
        }
        return o.toString();
    }

    private static ObjectNode pc(String id, String user, String state, String since) {
        return Payloads.JSON.createObjectNode().put("pc", id).put("zone", "office").put("user", user).put("state", state)
                .put("since", since);
    }
}
