package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;

/**
 * Reports name people: with a report token configured, {@code /reports}, the index ({@code /}) and the roll call
 * ({@code /sites}) answer only a request that presents it — as {@code Authorization: Bearer}, or, from a browser, as
 * {@code ?token=}. A browser that came with {@code ?token=} gets the token back as an HttpOnly, same-site cookie for
 * the whole service, so that the pages' own links (a report's CSV and JSON, the index's months, days and roll call)
 * open too. The token is never echoed in a response header other than that cookie; {@code /health} needs
 * none.
 */
class ReportTokenTest {

    private static final String TOKEN = "s3cret-token-for-the-test";
    private static final String DAY = "/reports/hq/2026-11-25";

    private static MosquittoProcess broker;
    private static OfficeguardApp app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoProcess.start();
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        port = FreePort.next();
        Path dir = Files.createTempDirectory("officeguard-token-");
        AppConfig config = AppConfig.defaults(List.of(site), broker.url(), dir, List.of(ReportingService.NAME))
                .withHttp("127.0.0.1", port, TOKEN).withClientIdPrefix("token");
        app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return LocalHttp.get(port, path, headers);
    }

    /** No response header but the cookie carries the token (a proxy or a log would keep it). */
    private static void tokenNotEchoed(HttpResponse<String> r) {
        r.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("set-cookie")) {
                values.forEach(v -> assertFalse(v.contains(TOKEN), "the token echoed in " + name + ": " + v));
            }
        });
    }

    @Test
    void without_the_token_or_with_a_wrong_one_the_reports_are_refused() throws Exception {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong"),
                Map.of("Cookie", "officeguard-report-token=wrong"))) {
            for (String path : List.of("/reports/hq", DAY + ".json", DAY + ".csv", DAY + ".html", DAY + ".json?token=wrong",
                    "/", "/?lang=en", "/reports/hq.html", "/reports/hq.html?month=2026-11", "/sites/hq/now",
                    "/sites/hq/now.html", "/sites/hq/now.html?token=wrong")) {
                HttpResponse<String> r = get(path, headers);
                assertEquals(401, r.statusCode(), path + " " + headers);
                assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null), path);
                assertFalse(r.body().contains("山田"), path);
                assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "no cookie for a refused request: " + path);
                tokenNotEchoed(r);
            }
        }
        assertEquals(200, LocalHttp.get(port, "/health").statusCode(), "/health needs no token");
    }

    /**
     * Platform-http makes query parameters message headers, and sent message headers back as response headers: {@code
     * ?Access-Control-Allow-Origin=*} let any web page read a report. Only the answer's own headers may leave.
     */
    @Test
    void query_parameters_never_become_response_headers() throws Exception {
        String query = "?Access-Control-Allow-Origin=*&Access-Control-Allow-Credentials=true&Set-Cookie=planted%3D1"
                + "&Content-Disposition=attachment&Content-Security-Policy=none&Refresh=0&lang=en";
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + TOKEN);
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put(DAY + ".json", 200);
        expected.put(DAY + ".html", 200);
        expected.put("/reports/hq", 200);
        expected.put("/", 200);
        expected.put("/reports/hq.html", 200);
        expected.put("/sites/hq/now", 200);
        expected.put("/sites/hq/now.html", 200);
        expected.put("/sites/nowhere/now", 404);
        expected.put("/reports/nowhere", 404);
        expected.put("/reports/hq/yesterday", 400);
        expected.put("/health", 200);
        for (var path : expected.entrySet()) {
            for (Map<String, String> headers : List.of(bearer, Map.<String, String>of())) {
                HttpResponse<String> r = get(path.getKey() + query, headers);
                boolean refused = headers.isEmpty() && !path.getKey().equals("/health");
                assertEquals(refused ? 401 : path.getValue(), r.statusCode(), path.getKey() + " " + headers);
                for (String name : r.headers().map().keySet()) {
                    assertTrue(java.util.Set.of("content-type", "content-length", "cache-control", "x-content-type-options",
                            "content-security-policy", "www-authenticate").contains(name.toLowerCase(java.util.Locale.ROOT)),
                            path.getKey() + " answered with header " + name + ": " + r.headers().allValues(name));
                }
                if ((path.getKey().endsWith(".html") || path.getKey().equals("/")) && !refused) {
                    assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                            r.headers().firstValue("Content-Security-Policy").orElse(null), "the report's own policy");
                } else {
                    assertTrue(r.headers().firstValue("Content-Security-Policy").isEmpty(), path.getKey());
                }
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), path.getKey());
            }
        }
    }

    @Test
    void a_bearer_token_opens_the_reports_and_sets_no_cookie() throws Exception {
        HttpResponse<String> r = get(DAY + ".json", Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "an API client keeps its own token");
        tokenNotEchoed(r);
    }

    @Test
    void a_browser_that_came_with_the_token_in_the_address_can_follow_the_reports_links() throws Exception {
        HttpResponse<String> html = get(DAY + ".html?token=" + TOKEN, Map.of());
        assertEquals(200, html.statusCode());
        tokenNotEchoed(html);
        String cookie = html.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("officeguard-report-token=" + TOKEN + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/;"), cookie);

        // The report's links are relative (2026-11-25.csv): the browser sends the cookie, not the token.
        String sent = cookie.substring(0, cookie.indexOf(';'));
        for (String path : List.of(DAY + ".csv", DAY + ".json", "/reports/hq")) {
            HttpResponse<String> r = get(path, Map.of("Cookie", "lang=ja; " + sent));
            assertEquals(200, r.statusCode(), path);
            tokenNotEchoed(r);
        }
    }

    /**
     * The same check guards the pages around the reports: a browser that came to {@code /} with the token follows the
     * index's links to a site's month, its days and its roll call with the cookie alone.
     */
    @Test
    void a_browser_that_came_to_the_index_with_the_token_can_follow_its_links() throws Exception {
        HttpResponse<String> index = get("/?token=" + TOKEN, Map.of());
        assertEquals(200, index.statusCode());
        tokenNotEchoed(index);
        assertFalse(index.body().contains(TOKEN), "the links do not carry the token");
        String cookie = index.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("officeguard-report-token=" + TOKEN + ";"), cookie);
        assertTrue(cookie.contains("Path=/;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);

        String sent = cookie.substring(0, cookie.indexOf(';'));
        for (String path : List.of("/reports/hq.html", "/reports/hq.html?month=2026-11", "/sites/hq/now.html",
                "/sites/hq/now", DAY + ".html", "/?lang=en")) {
            HttpResponse<String> r = get(path, Map.of("Cookie", sent));
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "the cookie is set once, not again: " + path);
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), path);
            tokenNotEchoed(r);
        }
        assertEquals(200, get("/sites/hq/now", Map.of("Authorization", "Bearer " + TOKEN)).statusCode());
        assertEquals(401, get("/sites/hq/now", Map.of("Cookie", "officeguard-report-token=" + TOKEN + "x")).statusCode());
    }
}
