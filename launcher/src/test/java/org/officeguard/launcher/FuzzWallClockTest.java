package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.officeguard.testsupport.HostilePayloads;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * A far-future ts in wall mode (SPEC §4): with {@code --clock wall} every service refuses, to the
 * dead-letter topic, any input stamped more than 300 s ahead of the system clock — on every topic it takes, not
 * only the device topics: a forged decision or violation from the future would otherwise move reporting's
 * watermark past midnight and close today's report early. An input 60 s ahead is still taken. (The example day
 * of {@link FuzzTest} runs on the event clock, where such a {@code ts} is simply the time.)
 */
class FuzzWallClockTest {

    private static Map<String, Integer> byService(TestMqttClient observer) throws Exception {
        Map<String, Integer> got = new TreeMap<>();
        for (TestMqttClient.Received r : observer.received("office/hq/deadletter")) {
            got.merge(Payloads.JSON.readTree(r.payload()).get("service").asText(), 1, Integer::sum);
        }
        return got;
    }

    @Test
    void every_service_refuses_every_input_stamped_more_than_300_s_ahead(@TempDir Path dir) throws Exception {
        int httpPort = FreePort.next();
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(
                                List.of(SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml")), broker.url(),
                                dir.resolve("data"), FuzzTest.SERVICES)
                        .withHttp("127.0.0.1", httpPort, null).withClock(ClockMode.WALL).withClientIdPrefix("fuzz-wall"),
                        List.of(new DoorGatewayService(), new LockoutMonitorService(),
                                new ReportingService(Duration.ofMillis(500))));
                TestMqttClient device = TestMqttClient.connect(broker.url(), "fuzz-wall-device");
                TestMqttClient observer = TestMqttClient.connect(broker.url(), "fuzz-wall-observer")
                        .subscribe("office/hq/deadletter", "office/hq/door/+/decision")) {
            await().atMost(Duration.ofSeconds(30)).until(app::ready);

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String future = now.plusSeconds(600).toString();
            String until = now.plusSeconds(7200).toString();
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("office/hq/door/front/badge",
                    "{\"eventId\":\"w-badge\",\"ts\":\"" + future + "\",\"badge\":\"E002\",\"direction\":\"IN\"}");
            inputs.put("office/hq/visitor/register", "{\"eventId\":\"w-reg\",\"ts\":\"" + future + "\",\"badge\":\"V777\","
                    + "\"name\":\"Future Visitor\",\"host\":\"E001\",\"zones\":[\"lobby\"],\"validFrom\":\"" + future
                    + "\",\"validUntil\":\"" + until + "\"}");
            inputs.put("office/hq/last-exit",
                    "{\"eventId\":\"w-exit\",\"ts\":\"" + future + "\",\"badge\":\"E002\",\"action\":\"LOCKUP\"}");
            inputs.put("office/hq/clock", "{\"ts\":\"" + future + "\"}");
            inputs.put("office/hq/pc/PC-01/state",
                    "{\"eventId\":\"w-pc\",\"ts\":\"" + future + "\",\"state\":\"ACTIVE\",\"idleSeconds\":0}");
            inputs.put("office/hq/door/office/decision", "{\"eventId\":\"w-dec\",\"ts\":\"" + future + "\",\"site\":\"hq\","
                    + "\"door\":\"office\",\"badge\":\"E002\",\"direction\":\"IN\",\"origin\":\"lobby\","
                    + "\"destination\":\"office\",\"granted\":true,\"reason\":\"OK\"}");
            inputs.put("office/hq/violation/UNKNOWN_BADGE", "{\"id\":\"0123456789abcdef0123456789abcdef\",\"site\":\"hq\","
                    + "\"rule\":\"UNKNOWN_BADGE\",\"ts\":\"" + future + "\",\"badge\":\"X123\",\"subject\":\"door:front\","
                    + "\"details\":{},\"sourceEventIds\":[\"w-x\"]}");

            Map<String, Integer> expected = new TreeMap<>();
            for (Map.Entry<String, String> in : inputs.entrySet()) {
                device.publish(in.getKey(), in.getValue());
                HostilePayloads.subscribers(in.getKey()).forEach(s -> expected.merge(s, 1, Integer::sum));
            }
            // the control: 60 s ahead is within the margin, and decided
            device.publish("office/hq/door/front/badge", "{\"eventId\":\"w-near\",\"ts\":\"" + now.plusSeconds(60)
                    + "\",\"badge\":\"E001\",\"direction\":\"IN\"}");
            JsonNode near = Payloads.JSON.readTree(observer.awaitOne("office/hq/door/front/decision",
                    r -> r.text().contains("\"w-near\"")).payload());
            assertTrue(near.get("granted").asBoolean(), near.toString());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(expected, byService(observer),
                    "dead letters by service: every input from the future, on every topic"));
            for (TestMqttClient.Received r : observer.received("office/hq/deadletter")) {
                JsonNode d = Payloads.JSON.readTree(r.payload());
                assertTrue(d.get("error").asText().contains("more than 300 s ahead"), d.toString());
                assertTrue(d.get("payload").asText().contains(future), d.toString());
            }
            assertEquals(Map.of("door-gateway", 4, "lockout-monitor", 4, "reporting", 5), expected);
            assertTrue(observer.received("office/hq/door/+/decision").stream().noneMatch(r -> r.text().contains("w-badge")),
                    "no decision for the badge from the future");

            JsonNode health = LocalHttp.json(httpPort, "/health");
            for (String s : FuzzTest.SERVICES) {
                assertEquals(expected.get(s).longValue(), health.at("/services/" + s + "/deadLettered").asLong(),
                        s + ": " + health.at("/services/" + s));
            }
            // and nothing from the future moved reporting's clock
            Instant watermark = OffsetDateTime.parse(health.at("/services/reporting/sites/hq/watermark").asText())
                    .toInstant();
            assertTrue(watermark.isBefore(now.plusSeconds(300)), "reporting's watermark " + watermark);
        }
    }
}
