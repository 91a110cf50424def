package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Observed passages and free egress through Mosquitto, with a Paho client as the door reader: a badge that carries
 * the reader's {@code granted} gets a decision with the reader's verdict, officeguard's reason and
 * {@code "decidedBy":"device"}, and its violation says the reader let the holder through; a visitor whose pass ran
 * out inside walks out through every door.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservedPassageOnMosquittoTest {

    private static final String SITE = """
            site: hq
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            rules: {escortSeconds: 60, visitorCheckoutGraceSeconds: 900, reorderSeconds: 5}
            zones:
              - {id: lobby}
              - {id: office}
              - {id: server-room}
            doors:
              - {id: front,  from: outside, to: lobby}
              - {id: office, from: lobby,   to: office}
              - {id: server, from: office,  to: server-room}
            people:
              - {badge: E001, name: Yamada, zones: [lobby, office]}
              - {badge: E002, name: Sato, zones: [lobby, office, server-room]}
            visitors:
              - {badge: V002, name: Visitor Two, host: E002, zones: [lobby, office, server-room],
                 validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T11:00:00+09:00"}
            """;

    private MosquittoProcess mosquitto;
    private OfficeguardApp app;
    private TestMqttClient reader;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-observed-");
        Path yaml = dir.resolve("hq.yaml");
        Files.writeString(yaml, SITE);
        mosquitto = MosquittoProcess.start();
        String prefix = "observed-" + UUID.randomUUID().toString().substring(0, 8);
        app = OfficeguardApp.start(AppConfig.defaults(SiteConfigLoader.loadAll(List.of(yaml)), mosquitto.url(),
                        dir.resolve("data"), List.of(DoorGatewayService.NAME))
                .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix(prefix), List.of(new DoorGatewayService()));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        reader = TestMqttClient.connect(mosquitto.url(), prefix + "-reader")
                .subscribe("office/hq/door/+/decision", "office/hq/violation/+", "office/hq/deadletter");
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {reader, app, mosquitto}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void a_reader_that_lets_a_holder_into_a_zone_the_site_refuses_is_followed_and_reported() {
        badge("z-1", "09:00:00", "front", "E001", "IN", null);
        badge("z-2", "09:00:10", "office", "E001", "IN", null);

        JsonNode decision = badge("z-3", "09:01:00", "server", "E001", "IN", true);

        assertTrue(decision.get("granted").asBoolean(), decision.toString());
        assertEquals("ZONE_NOT_ALLOWED", decision.get("reason").asText());
        assertEquals("device", decision.get("decidedBy").asText());
        assertEquals("server-room", decision.get("destination").asText());
        JsonNode violation = json(reader.awaitOne("office/hq/violation/ZONE_NOT_ALLOWED",
                r -> r.text().contains("\"z-3\"")).text());
        assertEquals("E001", violation.get("badge").asText());
        assertEquals("door:server", violation.get("subject").asText());
        assertTrue(violation.at("/details/grantedByDevice").asBoolean(), violation.toString());

        // the gateway moved E001 with the reader: leaving the server room is no anti-passback
        JsonNode out = badge("z-4", "09:02:00", "server", "E001", "OUT", null);
        assertTrue(out.get("granted").asBoolean());
        assertFalse(out.has("decidedBy"), "officeguard decided this one");
        badge("z-5", "09:03:00", "office", "E001", "OUT", null);
        badge("z-6", "09:04:00", "front", "E001", "OUT", null);
        assertEquals(List.of(), violationsOf("E001", Set.of("ANTI_PASSBACK")));
    }

    @Test
    void a_reader_that_refuses_what_the_site_grants_is_followed_with_officeguards_reason() {
        JsonNode decision = badge("d-1", "09:30:00", "front", "E002", "IN", false);

        assertFalse(decision.get("granted").asBoolean(), decision.toString());
        assertEquals("OK", decision.get("reason").asText());
        assertEquals("device", decision.get("decidedBy").asText());
    }

    @Test
    void a_visitor_whose_pass_ran_out_inside_walks_out_through_every_door() {
        String[][] walkIn = {{"front", "10:30:00"}, {"office", "10:31:00"}, {"server", "10:32:00"}};
        for (String[] door : walkIn) {
            badge("in-h-" + door[0], door[1], door[0], "E002", "IN", null);
            assertTrue(badge("in-v-" + door[0], door[1], door[0], "V002", "IN", null).get("granted").asBoolean());
        }

        // the pass ran out at 11:00; within the check-out grace they leave, with their host, by every door
        String[][] walkOut = {{"server", "office", "11:10:00"}, {"office", "lobby", "11:10:30"},
                {"front", "outside", "11:11:00"}};
        for (String[] door : walkOut) {
            badge("out-h-" + door[0], door[2], door[0], "E002", "OUT", null);
            JsonNode decision = badge("out-v-" + door[0], door[2], door[0], "V002", "OUT", null);

            assertTrue(decision.get("granted").asBoolean(), "OUT at " + door[0] + ": " + decision);
            assertEquals("OK", decision.get("reason").asText());
            assertEquals(door[1], decision.get("destination").asText());
        }

        // past the escort and check-out deadlines: a tick, then a badge whose decision comes after their violations
        reader.publish("office/hq/clock", "{\"ts\":\"2026-11-25T12:00:00+09:00\"}");
        badge("after", "12:00:01", "front", "E002", "IN", null);
        assertEquals(List.of(), violationsOf("V002", Set.of()), "nothing charged to the visitor");
        assertEquals(List.of(), reader.received("office/hq/deadletter"));
    }

    /** Publishes a badge as the reader does ({@code granted} null: officeguard decides) and waits for its decision. */
    private JsonNode badge(String eventId, String time, String door, String badge, String direction, Boolean granted) {
        reader.publish("office/hq/door/" + door + "/badge", "{\"eventId\":\"" + eventId
                + "\",\"ts\":\"2026-11-25T" + time + "+09:00\",\"badge\":\"" + badge + "\",\"direction\":\"" + direction
                + "\"" + (granted == null ? "" : ",\"granted\":" + granted) + "}");
        return json(reader.awaitOne("office/hq/door/" + door + "/decision",
                r -> eventId.equals(json(r.text()).path("eventId").asText())).text());
    }

    /** The rules of the violations charged to {@code badge} so far; only those in {@code rules} unless it is empty. */
    private List<String> violationsOf(String badge, Set<String> rules) {
        return reader.received("office/hq/violation/+").stream()
                .map(r -> json(r.text()))
                .filter(v -> badge.equals(v.get("badge").asText()))
                .map(v -> v.get("rule").asText())
                .filter(rule -> rules.isEmpty() || rules.contains(rule))
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return Payloads.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
