package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.JsonSubset;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The whole product on the example day: the three services over a real broker, the day played as the
 * devices would, and the final report — published retained, written to files and served over HTTP —
 * matches {@code hq-2026-11-25.expected.json} in every field it gives, in order. Subclasses choose the
 * broker and the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FullDayEndToEndTest {

    static final String DATE = "2026-11-25";

    private Path dir;

    private OfficeguardApp app;
    private TestMqttClient device;
    private TestMqttClient observer;
    private int httpPort;

    protected abstract String startBroker() throws Exception;

    protected abstract void stopBroker() throws Exception;

    /** The database: the embedded one unless a subclass says otherwise. */
    protected AppConfig database(AppConfig config) throws Exception {
        return config;
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("officeguard-test-");
        String url = startBroker();
        httpPort = FreePort.next();
        String prefix = "full-" + UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.defaults(SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir))), url,
                        dir.resolve("data"), Officeguard.ALL_SERVICES)
                .withHttp("127.0.0.1", httpPort, null)
                .withClientIdPrefix(prefix);
        app = OfficeguardApp.start(database(config), List.of(new DoorGatewayService(), new LockoutMonitorService(),
                new ReportingService(Duration.ofMillis(500))));
        await().atMost(Duration.ofSeconds(30)).until(app::ready);
        observer = TestMqttClient.connect(url, prefix + "-observer")
                .subscribe("office/hq/door/+/decision", "office/hq/violation/+", "office/hq/report/+", "office/hq/deadletter");
        device = TestMqttClient.connect(url, prefix + "-device");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {device, observer, app}) {
            if (c != null) {
                c.close();
            }
        }
        stopBroker();
    }

    @Test
    void example_day_final_report_matches_the_expected_file() throws Exception {
        ExampleDay.play(device, observer);

        TestMqttClient.Received published = observer.awaitOne("office/hq/report/" + DATE, r -> true);
        JsonNode report = Payloads.JSON.readTree(published.text());
        JsonSubset.assertMatches(ExampleDay.expectedReport(), report);
        assertTrue(published.retained() || observer.received("office/hq/report/+").size() == 1);
        assertEquals(0, observer.received("office/hq/deadletter").size(), "nothing dead-lettered");

        Path files = dir.resolve("data/reports/hq");
        JsonSubset.assertMatches(ExampleDay.expectedReport(), Payloads.JSON.readTree(files.resolve(DATE + ".json").toFile()));
        assertArrayEquals(fixture(DATE + ".json"), Files.readAllBytes(files.resolve(DATE + ".json")),
                "the final JSON is byte for byte the one officeguard wrote before its restructuring");
        assertArrayEquals(fixture(DATE + ".csv"), Files.readAllBytes(files.resolve(DATE + ".csv")),
                "the final CSV is byte for byte the fixture (the columns of before its restructuring, then ドアが通した)");
        assertTrue(Files.readString(files.resolve(DATE + ".html")).contains("<svg"));

        JsonSubset.assertMatches(ExampleDay.expectedReport(), Payloads.JSON.readTree(get("/reports/hq/" + DATE).body()));
        JsonSubset.assertMatches(ExampleDay.expectedReport(), Payloads.JSON.readTree(get("/reports/hq/" + DATE + ".json").body()));
        JsonNode dates = Payloads.JSON.readTree(get("/reports/hq").body());
        assertEquals(DATE, dates.at("/dates/0/date").asText());
        assertTrue(dates.at("/dates/0/final").asBoolean());
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals(13, Payloads.JSON.readTree(health.body()).at("/services/reporting/violationsStored").asInt());

        HttpResponse<String> csv = get("/reports/hq/" + DATE + ".csv");
        assertTrue(csv.body().startsWith("\uFEFF"), "CSV starts with a BOM so that Excel reads it as UTF-8");
        assertTrue(csv.body().contains("山田 太郎"));
        assertEquals(14, csv.body().strip().lines().count(), "a header and one row per violation");

        lookAtTheHtmlReport("http://127.0.0.1:" + httpPort + "/reports/hq/" + DATE + ".html");
    }

    /** What a person sees of the HTML report; one subclass looks at it in a real browser. */
    protected void lookAtTheHtmlReport(String url) throws Exception {
        HttpResponse<String> html = get(url.substring(url.indexOf("/reports")));
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("<svg"), "the trend chart is inline SVG");
    }

    /** A final report file as officeguard wrote it for the example day before its restructuring (issue 19). */
    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = FullDayEndToEndTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertNotNull(in, "fixture " + name);
            return in.readAllBytes();
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return LocalHttp.get(httpPort, path);
    }
}
