package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.Page;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The pages a manager navigates, over HTTP: {@code GET /} lists the sites, {@code GET /reports/{site}.html} a month of
 * days linked to their reports, and a day's report links to its month and to the days around it. The site has
 * violations on November 2 and 3, 2026; its clock is at noon on November 25, so every day up to the 24th is closed
 * (the quiet ones too) and the 25th is today.
 */
class IndexPagesHttpTest {

    private static final SiteConfig HQ = ExampleDay.site();

    private static MosquittoProcess broker;
    private static OfficeguardApp app;
    private static Path data;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoProcess.start();
        port = FreePort.next();
        data = Files.createTempDirectory("officeguard-index-");
        app = OfficeguardApp.start(AppConfig.defaults(List.of(HQ), broker.url(), data, List.of(ReportingService.NAME))
                        .withHttp("127.0.0.1", port, null).withClientIdPrefix("index"),
                List.of(new ReportingService(Duration.ofMillis(300))));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        try (TestMqttClient devices = TestMqttClient.connect(broker.url(), "index-devices")) {
            devices.publish("office/hq/violation/LEFT_PC_UNLOCKED", violation(Rule.LEFT_PC_UNLOCKED, "2026-11-02T10:00:00+09:00", "E001", "pc:PC-01"));
            devices.publish("office/hq/violation/UNKNOWN_BADGE", violation(Rule.UNKNOWN_BADGE, "2026-11-02T11:00:00+09:00", "X999", "door:front"));
            devices.publish("office/hq/violation/LOCKUP_MISSING", violation(Rule.LOCKUP_MISSING, "2026-11-03T21:30:00+09:00", "E002", "site:hq"));
            devices.publish("office/hq/clock", "{\"ts\":\"2026-11-25T12:00:00+09:00\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(data.resolve("reports/hq/2026-11-24.en.html")));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        broker.close();
    }

    private static byte[] violation(Rule rule, String ts, String badge, String subject) {
        return Payloads.write(Violation.of("hq", rule, Instant.parse(ts.replace("+09:00", "Z")).minusSeconds(9 * 3600),
                badge, subject, Map.of(), List.of("src-" + rule + ts)), HQ.timezone());
    }

    private static Page page(String path) throws Exception {
        HttpResponse<String> r = LocalHttp.get(port, path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                r.headers().firstValue("Content-Security-Policy").orElse(null));
        return new Page(r.body());
    }

    private static String href(Page page, String xpath) {
        return page.one(xpath).getAttribute("href");
    }

    @Test
    void the_root_lists_the_sites_with_their_month_today_and_roll_call() throws Exception {
        Page ja = page("/");
        assertEquals("ja", ja.root().getAttribute("lang"));
        assertEquals("reports/hq.html", href(ja, "//li[@data-site='hq']//a[@class='to-month']"));
        assertEquals("reports/hq/2026-11-25.html", href(ja, "//li[@data-site='hq']//a[@class='to-today']"));
        assertEquals("sites/hq/now.html", href(ja, "//li[@data-site='hq']//a[@class='to-now']"));
        assertTrue(ja.text("//li[@data-site='hq']").contains("在室データなし"), "no live state yet");
        assertTrue(ja.all("//script").isEmpty());

        Page en = page("/?lang=en");
        assertEquals("en", en.root().getAttribute("lang"));
        assertEquals("reports/hq.html?lang=en", href(en, "//li[@data-site='hq']//a[@class='to-month']"));
        assertEquals("sites/hq/now.html?lang=en", href(en, "//li[@data-site='hq']//a[@class='to-now']"));
        assertTrue(en.text("//li[@data-site='hq']").contains("Cannot tell yet"));
        assertEquals(400, LocalHttp.get(port, "/?lang=de").statusCode());
    }

    @Test
    void the_month_shows_each_day_s_count_whether_final_and_today_linked_to_the_reports() throws Exception {
        Page month = page("/reports/hq.html");
        assertEquals("2026-11", month.one("//h1/time").getAttribute("datetime"), "today's month by default");
        assertEquals("3", month.one("//p[@id='month-sum']").getAttribute("data-total"));
        assertEquals("24", month.one("//p[@id='month-sum']").getAttribute("data-days"), "November 2 to 25");

        String second = "//table[@id='calendar']//td[@data-date='2026-11-02']";
        assertTrue(month.one(second).getAttribute("class").contains("final"));
        assertEquals("2", month.one(second).getAttribute("data-total"));
        assertEquals("hq/2026-11-02.html", href(month, second + "/a"));
        assertTrue(month.one(second + "//span[contains(@class,'h-visitors')]/span[@class='bar']").getAttribute("style")
                .equals("width:100%"), "one violation per habit on the month's busiest day is a full bar");
        String quiet = "//table[@id='calendar']//td[@data-date='2026-11-10']";
        assertEquals("0", month.one(quiet).getAttribute("data-total"), "a quiet day closed too, without violations");
        String today = "//table[@id='calendar']//td[@data-date='2026-11-25']";
        assertTrue(month.one(today).getAttribute("class").contains("preliminary"));
        assertTrue(month.one(today).getAttribute("class").contains("today"));
        assertTrue(month.one("//td[@data-date='2026-11-01']").getAttribute("class").contains("no-report"));
        assertTrue(month.all("//td[@data-date='2026-11-01']/a").isEmpty(), "no link where there is no report");
        assertTrue(month.all("//td[@data-date='2026-11-26']/a").isEmpty(), "nor after today");
        assertTrue(month.all("//nav[@id='month-nav']/a").isEmpty(), "no other month has reports");
        assertEquals("../sites/hq/now.html", href(month, "//nav[@class='crumbs']/a[2]"));

        Page october = page("/reports/hq.html?month=2026-10&lang=en");
        assertEquals("0", october.one("//p[@id='month-sum']").getAttribute("data-days"));
        assertEquals("hq.html?month=2026-11&lang=en", href(october, "//nav[@id='month-nav']/a[@rel='next']"));
        assertTrue(october.text("//h1").contains("October 2026"));

        assertEquals(400, LocalHttp.get(port, "/reports/hq.html?month=2026-13").statusCode());
        assertEquals(404, LocalHttp.get(port, "/reports/nowhere.html").statusCode());
        assertEquals(200, LocalHttp.get(port, "/reports/hq").statusCode(), "the JSON list stays");
        assertTrue(LocalHttp.get(port, "/reports/hq").body().startsWith("{\"site\":\"hq\",\"dates\":[{\"date\":\"2026-11-02\",\"final\":true}"));
    }

    @Test
    void a_day_s_report_links_to_its_month_and_the_days_around_it_that_have_reports() throws Exception {
        Page third = page("/reports/hq/2026-11-03.html");
        assertEquals("2026-11-02.html", href(third, "//nav[@id='day-nav']/a[@rel='prev']"));
        assertEquals("2026-11-04.html", href(third, "//nav[@id='day-nav']/a[@rel='next']"));
        assertEquals("../hq.html?month=2026-11", href(third, "//nav[@id='day-nav']/a[@class='month']"));
        assertTrue(third.text("//nav[@id='day-nav']").contains("11月2日"), third.text("//nav[@id='day-nav']"));
        assertArrayEquals(Files.readAllBytes(data.resolve("reports/hq/2026-11-03.html")),
                LocalHttp.get(port, "/reports/hq/2026-11-03.html").body().getBytes(StandardCharsets.UTF_8),
                "the final page is the file written when the day closed, links and all");

        Page first = page("/reports/hq/2026-11-02.html");
        assertTrue(first.all("//nav[@id='day-nav']/a[@rel='prev']").isEmpty(), "nothing before the first day");

        Page today = page("/reports/hq/2026-11-25.html?lang=en");
        assertEquals("2026-11-24.html?lang=en", href(today, "//nav[@id='day-nav']/a[@rel='prev']"));
        assertTrue(today.all("//nav[@id='day-nav']/a[@rel='next']").isEmpty(), "nothing after today");
        assertEquals("../hq.html?month=2026-11&lang=en", href(today, "//nav[@id='day-nav']/a[@class='month']"));
    }
}
