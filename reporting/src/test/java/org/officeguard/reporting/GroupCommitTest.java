package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Reporting commits in groups: a burst of inputs is stored in commits at least
 * {@link ReportingRoutes#COMMIT_INTERVAL} apart, not one commit per input, and every input is stored.
 */
class GroupCommitTest {

    @Test
    void a_burst_of_decisions_is_committed_in_few_groups_and_every_one_is_stored() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-group-commit-");
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        int port = FreePort.next();
        int n = 400;
        Topics topics = new Topics("office");
        try (MosquittoProcess broker = MosquittoProcess.start();
                TestMqttClient gateway = TestMqttClient.connect(broker.url(), "group-commit-gateway")) {
            AppConfig config = AppConfig.defaults(List.of(site), broker.url(), dir, List.of(ReportingService.NAME))
                    .withHttp("127.0.0.1", port, null).withClientIdPrefix("group-commit");
            try (OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))))) {
                await().atMost(Duration.ofSeconds(20)).until(app::ready);
                long before = LocalHttp.json(port, "/health").at("/services/reporting/commits").asLong();
                long t0 = System.nanoTime();
                Instant ts = Instant.parse("2026-11-25T01:00:00Z"); // 10:00 in Tokyo
                for (int i = 0; i < n; i++) {
                    Decision d = new Decision("gc-" + i, ts.plusSeconds(i), "hq", "front", "E001",
                            org.officeguard.core.model.Direction.IN, "outside", "lobby", true, Decision.OK);
                    gateway.publish(topics.decision("hq", "front"),
                            new String(Payloads.write(d, site.timezone()), StandardCharsets.UTF_8));
                }
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        LocalHttp.json(port, "/health").at("/services/reporting/taken").asLong() >= n
                                && LocalHttp.json(port, "/health").at("/services/reporting/commits").asLong() > before);
                // every passage stored (the report reads committed rows only)
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(n,
                        LocalHttp.json(port, "/reports/hq/2026-11-25").at("/activity/passagesGranted").asInt()));
                long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
                long commits = LocalHttp.json(port, "/health").at("/services/reporting/commits").asLong() - before;
                long bound = 2 + elapsedMs / ReportingRoutes.COMMIT_INTERVAL.toMillis() + 1; // + the report's own
                assertTrue(commits <= bound, n + " inputs in " + elapsedMs + " ms took " + commits
                        + " commits; at most " + bound + " expected with commits "
                        + ReportingRoutes.COMMIT_INTERVAL.toMillis() + " ms apart");
            }
        }
    }
}
