package org.officeguard.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Clock mode {@code wall}: the monitor moves event time itself every second, and refuses to the
 * dead-letter topic an event stamped more than 300 s ahead of the system clock.
 */
class WallClockTest {

    @Test
    void wall_clock_ticks_by_itself_and_refuses_events_from_the_future() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-wall-");
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(
                                List.of(SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml")), broker.url(), dir,
                                List.of(LockoutMonitorService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null).withClock(ClockMode.WALL).withClientIdPrefix("wall"),
                        List.of(new LockoutMonitorService()));
                TestMqttClient device = TestMqttClient.connect(broker.url(), "wall-device");
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "wall-observer").subscribe("office/hq/deadletter")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNotNull(watermark(app)));
            Instant first = Instant.parse(watermark(app));
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.parse(watermark(app)).isAfter(first));

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            device.publish("office/hq/pc/PC-01/state", "{\"eventId\":\"w-future\",\"ts\":\"" + now.plusSeconds(600)
                    + "\",\"state\":\"ACTIVE\",\"idleSeconds\":0}");
            device.publish("office/hq/pc/PC-01/state", "{\"eventId\":\"w-now\",\"ts\":\"" + now.plusSeconds(60)
                    + "\",\"state\":\"ACTIVE\",\"idleSeconds\":0}");
            JsonNode dead = Payloads.JSON.readTree(observer.awaitOne("office/hq/deadletter", r -> true).payload());
            assertTrue(dead.get("error").asText().contains("more than 300 s ahead"), dead.toString());
            assertTrue(dead.get("payload").asText().contains("w-future"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals(2L, app.service(LockoutMonitorService.NAME).metrics().takenCount()));
            assertEquals(1L, app.service(LockoutMonitorService.NAME).metrics().deadLetteredCount(),
                    "an event 60 s ahead is accepted");
        }
    }

    @SuppressWarnings("unchecked")
    private static String watermark(OfficeguardApp app) {
        Map<String, Object> sites = (Map<String, Object>) app.service(LockoutMonitorService.NAME).healthDetails().get("sites");
        Object w = ((Map<String, Object>) sites.get("hq")).get("watermark");
        return w == null ? null : java.time.OffsetDateTime.parse((String) w).toInstant().toString();
    }
}
