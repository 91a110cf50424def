package org.officeguard.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;
import org.officeguard.testsupport.TestMqttClient.Received;

/**
 * Every PC's last state, retained on {@code office/hq/pcs}, through Mosquitto with Paho clients as the PC agents and
 * a display: at start every PC of the site file is OFF (none reported), and the states the monitor applies (once
 * the watermark is {@code reorderSeconds} past them) move it; a client that subscribes afterwards gets the latest.
 * It goes out on the monitor's side session, not on the one that takes its inputs (the broker logs every packet with
 * its sender's client id).
 */
class PcsOnMosquittoTest {

    @Test
    void pc_states_move_the_retained_pcs() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-pcs-");
        String prefix = "pcs-" + UUID.randomUUID().toString().substring(0, 8);
        try (MosquittoProcess broker = MosquittoProcess.start(MosquittoProcess.LOG_EVERY_PACKET);
                OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(List.of(ExampleDay.site()), broker.url(),
                                dir, List.of(LockoutMonitorService.NAME))
                        .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix(prefix),
                        List.of(new LockoutMonitorService()));
                TestMqttClient agents = TestMqttClient.connect(broker.url(), prefix + "-agents")) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);

            JsonNode pcs = awaitRetained(broker, p -> p.get("pcs").size() == 3);
            assertEquals(Payloads.JSON.readTree("""
                    {"ts":null,"site":"hq","pcs":[
                      {"pc":"PC-01","zone":"office","user":"E001","state":"OFF","since":null},
                      {"pc":"PC-02","zone":"office","user":"E002","state":"OFF","since":null},
                      {"pc":"PC-03","zone":"office","user":"E003","state":"OFF","since":null}]}
                    """), pcs, "at start every PC counts as OFF, its owner's");

            state(agents, "p-1", "PC-01", "09:00:00", "ACTIVE", null);
            state(agents, "p-2", "PC-02", "09:00:30", "ACTIVE", "E003");
            agents.publish("office/hq/clock", "{\"ts\":\"2026-11-25T09:01:00+09:00\"}"); // past the reorder margin

            pcs = awaitRetained(broker, p -> p.at("/pcs/1/state").asText().equals("ACTIVE"));
            assertEquals(Payloads.JSON.readTree("""
                    {"ts":"2026-11-25T09:01:00+09:00","site":"hq","pcs":[
                      {"pc":"PC-01","zone":"office","user":"E001","state":"ACTIVE","since":"2026-11-25T09:00:00+09:00"},
                      {"pc":"PC-02","zone":"office","user":"E003","state":"ACTIVE","since":"2026-11-25T09:00:30+09:00"},
                      {"pc":"PC-03","zone":"office","user":"E003","state":"OFF","since":null}]}
                    """), pcs);

            state(agents, "p-3", "PC-01", "12:00:00", "LOCKED", null);
            state(agents, "p-4", "PC-02", "12:00:10", "OFF", "E003");
            agents.publish("office/hq/clock", "{\"ts\":\"2026-11-25T12:00:20+09:00\"}");

            pcs = awaitRetained(broker, p -> p.at("/pcs/1/state").asText().equals("OFF"));
            assertEquals("LOCKED", pcs.at("/pcs/0/state").asText());
            assertEquals("2026-11-25T12:00:00+09:00", pcs.at("/pcs/0/since").asText());
            assertEquals("2026-11-25T12:00:10+09:00", pcs.at("/pcs/1/since").asText());
            assertEquals("2026-11-25T12:00:20+09:00", pcs.get("ts").asText());

            List<String> publishers = broker.publishersOf("office/hq/pcs");
            assertEquals(Set.of(prefix + "-lockout-monitor-pcs"), Set.copyOf(publishers),
                    "every state from the side session: " + publishers);
        }
    }

    /** A PC agent's report ({@code user} null: the agent names none). */
    private static void state(TestMqttClient agents, String eventId, String pc, String time, String state, String user) {
        agents.publish("office/hq/pc/" + pc + "/state", "{\"eventId\":\"" + eventId + "\",\"ts\":\"2026-11-25T" + time
                + "+09:00\",\"state\":\"" + state + "\",\"idleSeconds\":0"
                + (user == null ? "" : ",\"user\":\"" + user + "\"") + "}");
    }

    /** What a client that subscribes now gets as the retained pcs, once it satisfies {@code condition}. */
    private static JsonNode awaitRetained(MosquittoProcess broker, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (TestMqttClient late = TestMqttClient.connect(broker.url(), "pcs-late-" + UUID.randomUUID())) {
                late.subscribe("office/hq/pcs");
                Received retained = late.awaitOne("office/hq/pcs", r -> true);
                assertTrue(retained.retained(), "a late subscriber gets the retained message: " + retained);
                return Payloads.JSON.readTree(retained.payload());
            }
        }, condition::test);
    }
}
