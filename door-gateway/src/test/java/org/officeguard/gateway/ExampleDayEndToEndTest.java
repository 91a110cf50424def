package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The example day over a real broker with a real Paho client, as a door reader would play it: each
 * badge waits for its decision before the next message. Every decision and exactly the gateway's
 * violations of the expected report must come back. Subclasses choose the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExampleDayEndToEndTest {

    /** Every badge event of the day that is denied, with its reason; all others are granted with OK. */
    private static final Map<String, String> DENIED = Map.of(
            "hq-011", "UNKNOWN_BADGE",
            "hq-012", "ZONE_NOT_ALLOWED",
            "hq-019", "ZONE_NOT_ALLOWED",
            "hq-035", "VISITOR_PASS_INVALID",
            "hq-041", "ZONE_NOT_ALLOWED");

    /** A second site in the same process, for the bad-input test: its state is its own. */
    private static final String LAB_YAML = """
            site: lab
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            zones:
              - {id: lab}
            doors:
              - {id: main, from: outside, to: lab}
            people:
              - {badge: L001, name: Lab One, department: R&D, zones: [lab]}
            """;

    private Path dir;

    private OfficeguardApp app;
    private TestMqttClient device;
    private TestMqttClient observer;

    /** Starts the broker under test and returns its URL. */
    protected abstract String startBroker() throws Exception;

    protected abstract void stopBroker() throws Exception;

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("officeguard-test-");
        String url = startBroker();
        Path hq = ExampleDay.writeSiteYaml(dir);
        Path lab = dir.resolve("lab.yaml");
        Files.writeString(lab, LAB_YAML);
        List<SiteConfig> sites = SiteConfigLoader.loadAll(List.of(hq, lab));
        String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
        app = OfficeguardApp.start(AppConfig.defaults(sites, url, dir.resolve("data"), List.of(DoorGatewayService.NAME))
                .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix(prefix), List.of(new DoorGatewayService()));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        observer = TestMqttClient.connect(url, prefix + "-observer")
                .subscribe("office/+/door/+/decision", "office/+/violation/+", "office/+/deadletter", "test/replies/#");
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
    void example_day_gets_every_decision_and_exactly_the_gateway_violations() {
        int badges = 0;
        for (ExampleDay.Message m : ExampleDay.messages()) {
            device.publish(m.topic(), m.payload());
            if (m.isBadge()) {
                badges++;
                String id = m.eventId();
                JsonNode decision = json(observer.awaitOne("office/hq/door/+/decision",
                        r -> id.equals(json(r.text()).path("eventId").asText())).text());
                String reason = DENIED.getOrDefault(id, "OK");
                assertEquals(reason, decision.get("reason").asText(), "reason of " + id);
                assertEquals(reason.equals("OK"), decision.get("granted").asBoolean(), "granted of " + id);
                assertEquals("hq", decision.get("site").asText());
            }
        }

        List<String> expected = new ArrayList<>();
        for (JsonNode v : ExampleDay.expectedReport().get("violations")) {
            if (Rule.valueOf(v.get("rule").asText()).service() == Rule.Service.DOOR_GATEWAY) {
                expected.add(line(v));
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals(expected.size(), observer.received("office/hq/violation/+").size()));
        List<String> got = observer.received("office/hq/violation/+").stream()
                .map(r -> json(r.text()))
                .sorted((a, b) -> (a.get("ts").asText() + a.get("rule").asText())
                        .compareTo(b.get("ts").asText() + b.get("rule").asText()))
                .map(ExampleDayEndToEndTest::line)
                .toList();
        assertEquals(expected, got);
        assertEquals(badges, observer.received("office/hq/door/+/decision").size(), "one decision per badge");
        for (TestMqttClient.Received r : observer.received("office/hq/violation/+")) {
            JsonNode v = json(r.text());
            assertTrue(r.topic().endsWith("/" + v.get("rule").asText()), "violation topic names its rule");
            assertEquals(32, v.get("id").asText().length(), "deterministic 128-bit id");
        }
    }

    @Test
    void a_badge_with_a_response_topic_gets_its_decision_there_with_the_correlation_data() {
        byte[] correlation = "reader-42".getBytes(StandardCharsets.UTF_8);
        device.publishWithResponseTopic("office/lab/door/main/badge",
                "{\"eventId\":\"rt-1\",\"ts\":\"2026-11-25T09:00:00+09:00\",\"badge\":\"L001\",\"direction\":\"IN\"}",
                "test/replies/main", correlation);
        TestMqttClient.Received reply = observer.awaitOne("test/replies/main", r -> true);
        assertEquals("rt-1", json(reply.text()).get("eventId").asText());
        assertTrue(json(reply.text()).get("granted").asBoolean());
        assertArrayEquals(correlation, reply.correlationData());
    }

    @Test
    void a_response_topic_that_is_an_officeguard_topic_gets_no_reply() {
        // a reader asking for its answer on another door's badge topic would forge a badge there
        device.publishWithResponseTopic("office/lab/door/main/badge",
                "{\"eventId\":\"rt-forge\",\"ts\":\"2026-11-25T09:30:00+09:00\",\"badge\":\"L001\",\"direction\":\"OUT\"}",
                "office/hq/door/front/badge", "x".getBytes(StandardCharsets.UTF_8));
        observer.awaitOne("office/lab/door/main/decision", r -> r.text().contains("\"rt-forge\""));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(
                (Long) app.service(DoorGatewayService.NAME).healthDetails().get("refusedResponseTopics") >= 1));
        assertTrue(observer.received("office/hq/door/front/decision").stream().noneMatch(r -> r.text().contains("rt-forge")),
                "no decision was forged on hq's front door");
    }

    @Test
    void bad_input_goes_to_the_dead_letter_topic_and_the_next_badge_is_still_decided() {
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        Map<String, byte[]> bad = new HashMap<>();
        bad.put("malformed JSON", "{\"eventId\":".getBytes(StandardCharsets.UTF_8));
        bad.put("missing field", "{\"eventId\":\"b-2\",\"ts\":\"2026-11-25T10:00:00+09:00\",\"direction\":\"IN\"}"
                .getBytes(StandardCharsets.UTF_8));
        bad.put("unknown door", "{\"eventId\":\"b-3\",\"ts\":\"2026-11-25T10:00:00+09:00\",\"badge\":\"L001\",\"direction\":\"IN\"}"
                .getBytes(StandardCharsets.UTF_8));
        bad.put("1 MiB", huge);
        Map<String, String> topicOf = Map.of("unknown door", "office/lab/door/back/badge");
        Map<String, String> reasonOf = Map.of(
                "malformed JSON", "not JSON",
                "missing field", "missing field 'badge'",
                "unknown door", "unknown door 'back'",
                "1 MiB", "over the 64 KiB limit");
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            device.publish(topicOf.getOrDefault(e.getKey(), "office/lab/door/main/badge"), e.getValue());
        }
        device.publish("office/lab/door/main/badge",
                "{\"eventId\":\"b-ok\",\"ts\":\"2026-11-25T10:01:00+09:00\",\"badge\":\"L001\",\"direction\":\"OUT\"}");
        observer.awaitOne("office/lab/door/main/decision", r -> r.text().contains("\"b-ok\""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> errors = observer.received("office/lab/deadletter").stream()
                    .map(r -> json(r.text()).get("error").asText()).toList();
            for (Map.Entry<String, String> want : reasonOf.entrySet()) {
                assertTrue(errors.stream().anyMatch(err -> err.contains(want.getValue())),
                        want.getKey() + " should be dead-lettered with '" + want.getValue() + "', got " + errors);
            }
        });
        assertTrue(app.service(DoorGatewayService.NAME).metrics().deadLetteredCount() >= 4, "dead letters are counted");
    }

    private static String line(JsonNode v) {
        return v.get("ts").asText() + " " + v.get("rule").asText() + " " + v.get("badge").asText() + " "
                + v.get("subject").asText();
    }

    private static JsonNode json(String text) {
        try {
            return Payloads.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
