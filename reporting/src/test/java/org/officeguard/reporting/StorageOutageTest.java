package org.officeguard.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.PostgresProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The reporting database goes away: the input that could not be stored is tried again, with back-off, until the
 * database is back; it is not dead-lettered, not lost, and the inputs behind it wait for it.
 */
class StorageOutageTest {

    private static final Topics TOPICS = new Topics("office");
    private static final Instant TS = Instant.parse("2026-11-25T01:00:00Z"); // 10:00 in Tokyo

    @Test
    void inputs_that_arrive_while_the_database_is_away_are_stored_once_it_is_back() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-outage-");
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        int port = FreePort.next();
        ListAppender<ILoggingEvent> retries = new ListAppender<>();
        Logger log = (Logger) org.slf4j.LoggerFactory.getLogger("org.officeguard.runtime.UntilAvailable");
        retries.start();
        log.addAppender(retries);
        try (MosquittoProcess broker = MosquittoProcess.start();
                PostgresProcess postgres = PostgresProcess.start();
                TestMqttClient gateway = TestMqttClient.connect(broker.url(), "outage-gateway")) {
            String db = postgres.createDatabase("outage");
            AppConfig config = AppConfig.defaults(List.of(site), broker.url(), dir, List.of(ReportingService.NAME))
                    .withHttp("127.0.0.1", port, null).withClientIdPrefix("outage").withJdbc(db, postgres.user(), "");
            try (OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300))))) {
                await().atMost(Duration.ofSeconds(20)).until(app::ready);
                publishDecision(gateway, site, 0);
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertEquals(1, passages(port)));

                connections(postgres, false);
                publishDecision(gateway, site, 1);
                publishDecision(gateway, site, 2);
                await().atMost(Duration.ofSeconds(20)).until(() -> retries.list.stream()
                        .anyMatch(e -> e.getFormattedMessage().contains("trying the same input again")));

                connections(postgres, true);
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertEquals(3, passages(port)));
                assertEquals(0, LocalHttp.json(port, "/health").at("/services/reporting/deadLettered").asInt(),
                        "a database outage is not the input's fault");
            }
        } finally {
            log.detachAppender(retries);
        }
    }

    private static void publishDecision(TestMqttClient gateway, SiteConfig site, int i) {
        Decision d = new Decision("outage-" + i, TS.plusSeconds(i), "hq", "front", "E001", Direction.IN, "outside",
                "lobby", true, Decision.OK);
        gateway.publish(TOPICS.decision("hq", "front"), new String(Payloads.write(d, site.timezone()), StandardCharsets.UTF_8));
    }

    private static int passages(int port) throws Exception {
        return LocalHttp.json(port, "/reports/hq/2026-11-25").at("/activity/passagesGranted").asInt();
    }

    /** Closes the database to every connection, dropping reporting's (an outage), or opens it again. */
    private static void connections(PostgresProcess postgres, boolean allowed) throws Exception {
        try (var c = DriverManager.getConnection(postgres.url("postgres"), postgres.user(), "");
                var st = c.createStatement()) {
            st.execute("ALTER DATABASE outage ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'outage'");
            }
        }
    }
}
