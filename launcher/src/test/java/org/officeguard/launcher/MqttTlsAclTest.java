package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.DeployedMosquitto;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.HostilePayloads;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Authentication and authorisation, end to end: the project's own Mosquitto configuration and ACL
 * ({@link DeployedMosquitto}: {@code deploy/mosquitto/mosquitto.conf} and {@code acl} as shipped, a password file
 * made with {@code mosquitto_passwd}, a CA made by the test), and the three services connected to its TLS listener
 * ({@code ssl://} with {@code withMqttCa}) as the {@code officeguard} user. What a device may publish is shown by what
 * the services receive: every service dead-letters a probe it takes, so the dead letters list exactly which
 * (user, topic) pairs got through, and {@code /health} counts what each service took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttTlsAclTest {

    private static final String DAY = "2026-11-25T";
    /** Every topic a device could try to write for site hq, and one of another site. */
    private static final List<String> TOPICS = List.of(
            "office/hq/door/front/badge", "office/hq/door/office/badge", "office/hq/door/server/badge",
            "office/hq/pc/PC-01/state", "office/hq/pc/PC-02/state", "office/hq/pc/PC-03/state",
            "office/hq/last-exit", "office/hq/visitor/register", "office/hq/clock",
            "office/hq/door/front/decision", "office/hq/violation/UNKNOWN_BADGE", "office/osaka/door/front/badge");

    /** The intent the shipped ACL must implement: what each device user may publish (from TOPICS). */
    private static final Map<String, Set<String>> MAY_PUBLISH = new LinkedHashMap<>();

    static {
        MAY_PUBLISH.put("reader-front", Set.of("office/hq/door/front/badge"));
        MAY_PUBLISH.put("reader-office", Set.of("office/hq/door/office/badge"));
        MAY_PUBLISH.put("reader-server", Set.of("office/hq/door/server/badge"));
        MAY_PUBLISH.put("pc-PC-01", Set.of("office/hq/pc/PC-01/state"));
        MAY_PUBLISH.put("pc-PC-02", Set.of("office/hq/pc/PC-02/state"));
        MAY_PUBLISH.put("pc-PC-03", Set.of("office/hq/pc/PC-03/state"));
        MAY_PUBLISH.put("exit-panel", Set.of("office/hq/last-exit"));
        MAY_PUBLISH.put("reception", Set.of("office/hq/visitor/register"));
        // devices that speak their own language write only their own topics, none of officeguard's
        // (device-bridge's DeviceAclTest: each its own topic, read by the bridge)
        for (String device : List.of("esprfid-front-in", "esprfid-front-out", "uhppoted", "hass-PC-01")) {
            MAY_PUBLISH.put(device, Set.of());
        }
        // a wall display reads who is inside and the PCs' states, and writes nothing
        MAY_PUBLISH.put("display", Set.of());
        // every device of every site, and clock ticks; never decisions or violations
        MAY_PUBLISH.put("simulator", Set.copyOf(TOPICS.stream()
                .filter(t -> !t.endsWith("/decision") && !t.contains("/violation/")).toList()));
    }

    private DeployedMosquitto broker;
    private OfficeguardApp app;
    private TestMqttClient observer;
    private int httpPort;
    private final List<TestMqttClient> devices = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        broker = DeployedMosquitto.start();
        httpPort = FreePort.next();
        AppConfig config = AppConfig.defaults(SiteConfigLoader.loadAll(List.of(ExampleDay.writeSiteYaml(dir))),
                        broker.tlsUrl(), dir.resolve("data"), FuzzTest.SERVICES)
                .withHttp("127.0.0.1", httpPort, null)
                .withClientIdPrefix("acl")
                .withMqttCredentials("officeguard", broker.password("officeguard"))
                .withMqttCa(broker.ca().caPem());
        app = OfficeguardApp.start(config, List.of(new DoorGatewayService(), new LockoutMonitorService(),
                new ReportingService(Duration.ofMillis(500))));
        await().atMost(Duration.ofSeconds(30)).until(app::ready);
        observer = TestMqttClient.connect(broker.tlsUrl(), "acl-observer", "officeguard", broker.password("officeguard"),
                broker.ca().trustingSocketFactory()).subscribe("office/#");
    }

    @AfterAll
    void stop() throws Exception {
        devices.forEach(TestMqttClient::close);
        for (AutoCloseable c : new AutoCloseable[] {observer, app, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void the_services_over_tls_decide_a_badge_a_reader_sends_over_tls() {
        TestMqttClient reader = device("reader-front").subscribe("office/hq/door/front/decision");
        reader.publish("office/hq/door/front/badge", badge("acl-tls-1", "08:00:00", "E002", "IN"));
        JsonNode decision = json(reader.awaitOne("office/hq/door/front/decision", r -> r.text().contains("acl-tls-1")));
        assertEquals("front", decision.get("door").asText());
        assertTrue(decision.get("granted").asBoolean(), decision.toString());
    }

    /**
     * The issue's case: {@code reader-front}'s credentials cannot publish another door's badges or a PC's state.
     * Mosquitto answers the MQTT 5 publisher with PUBACK 0x87 and an MQTT 3.1.1 publisher with a plain PUBACK (it
     * is not told); either way the services receive nothing: no decision, no dead letter, nothing taken.
     */
    @Test
    void a_door_readers_credentials_cannot_publish_another_doors_badge_or_a_pc_state() throws Exception {
        TestMqttClient reader = device("reader-front").subscribe("office/hq/door/front/decision");
        JsonNode before = health();

        String forbiddenBadge = badge("acl-forbidden-badge", "09:00:00", "E002", "IN");
        String forbiddenPc = "{\"eventId\":\"acl-forbidden-pc\",\"ts\":\"" + DAY + "09:00:10+09:00\",\"state\":\"OFF\"}";
        List<String> told = new ArrayList<>();
        told.add(toldOnPublish(reader, "office/hq/door/office/badge", forbiddenBadge));
        told.add(toldOnPublish(reader, "office/hq/pc/PC-01/state", forbiddenPc));
        // MQTT 3.1.1 has no reason codes: the broker acknowledges and drops
        int v311AckExtraBytes;
        try (Mqtt311 old = new Mqtt311(broker.plainUrl(), "acl-v311", "reader-front", broker.password("reader-front"))) {
            v311AckExtraBytes = old.publishQos1("office/hq/door/office/badge",
                    badge("acl-forbidden-v311", "09:00:20", "E002", "IN"));
        }

        // then a badge it may send, later than all of those: once every service has taken its effects (watermarks
        // at its ts), anything forbidden that had got through would have been taken before it
        String allowedTs = "09:01:00";
        // (E001 entering in business hours: no violation, whatever the other tests did before)
        reader.publish("office/hq/door/front/badge", badge("acl-allowed", allowedTs, "E001", "IN"));
        reader.awaitOne("office/hq/door/front/decision", r -> r.text().contains("acl-allowed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode h = health();
            return FuzzTest.SERVICES.stream().allMatch(s -> (DAY + allowedTs + "+09:00")
                    .equals(h.at("/services/" + s + "/sites/hq/watermark").asText()));
        });

        JsonNode after = health();
        assertEquals(1, delta(before, after, "door-gateway", "taken"), "the gateway took the allowed badge only");
        assertEquals(1, delta(before, after, "lockout-monitor", "taken"), "the monitor took its decision only");
        assertEquals(1, delta(before, after, "reporting", "taken"), "reporting took its decision only");
        for (String s : FuzzTest.SERVICES) {
            assertEquals(0, delta(before, after, s, "deadLettered"), s + " dead-lettered nothing");
        }
        List<String> seen = observer.received().stream().map(TestMqttClient.Received::text)
                .filter(t -> t.contains("acl-forbidden")).toList();
        assertEquals(List.of(), seen, "no decision, no dead letter, nothing on any topic about the forbidden ones");

        // what the publishers were told
        assertEquals(List.of("PUBACK 0x87", "PUBACK 0x87"), told, "MQTT 5: not authorised");
        assertEquals(0, v311AckExtraBytes, "MQTT 3.1.1: a plain PUBACK, as for a delivered message");
    }

    /** "PUBACK 0x87" when the broker refused the publish, "PUBACK 0x00" when it took it. */
    private static String toldOnPublish(TestMqttClient c, String topic, String payload) {
        try {
            c.publish(topic, payload);
            return "PUBACK 0x00";
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("refused with reason code"), e.getMessage());
            return "PUBACK " + e.getMessage().replaceAll(".*reason code ", "");
        }
    }

    /**
     * Every device user of the shipped ACL, on every device topic: exactly the pairs {@link #MAY_PUBLISH} allows reach
     * the services. Each probe is bad input, so every service that receives it dead-letters it, naming topic and
     * payload; the dead letters are the record of what the services received.
     */
    @Test
    void every_device_user_may_publish_only_its_own_topics() {
        assertEquals(new TreeSet<>(MAY_PUBLISH.keySet()), new TreeSet<>(broker.users().stream()
                .filter(u -> !u.equals("officeguard")).toList()), "the test knows every user of the shipped ACL");
        Set<String> refused = new TreeSet<>();
        Set<String> expectedRefused = new TreeSet<>();
        Set<String> expectedDead = new TreeSet<>();
        for (Map.Entry<String, Set<String>> user : MAY_PUBLISH.entrySet()) {
            TestMqttClient c = device(user.getKey());
            for (String topic : TOPICS) {
                String probe = "{\"probe\":\"" + user.getKey() + " -> " + topic + "\"}";
                try {
                    c.publish(topic, probe);
                } catch (IllegalStateException e) {
                    assertTrue(e.getMessage().contains("0x87"), e.getMessage());
                    refused.add(user.getKey() + " -> " + topic);
                }
                if (user.getValue().contains(topic)) {
                    takenBy(topic).forEach(s -> expectedDead.add(s + ": " + probe));
                } else {
                    expectedRefused.add(user.getKey() + " -> " + topic);
                }
            }
        }
        // a last probe every service takes: when its three dead letters are in, all earlier deliveries were handled
        String last = "{\"probe\":\"last\"}";
        device("simulator").publish("office/hq/clock", last);
        FuzzTest.SERVICES.forEach(s -> expectedDead.add(s + ": " + last));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().stream().filter(d -> d.endsWith(last)).count() == 3);
        assertEquals(expectedDead, new TreeSet<>(deadLetters()), "what the services received, as their dead letters");
        assertEquals(expectedRefused, refused, "what the MQTT 5 publishers were told (PUBACK 0x87)");
    }

    // ------------------------------------------------------------------ helpers

    private TestMqttClient device(String user) {
        TestMqttClient c = TestMqttClient.connect(broker.tlsUrl(), "acl-" + user + "-" + devices.size(), user,
                broker.password(user), broker.ca().trustingSocketFactory());
        devices.add(c);
        return c;
    }

    /** "service: probe payload" for every dead letter of a probe so far. */
    private List<String> deadLetters() {
        return observer.received("office/+/deadletter").stream().map(r -> json(r)).filter(d -> d.path("payload")
                .asText().startsWith("{\"probe\"")).map(d -> d.path("service").asText() + ": " + d.path("payload").asText())
                .toList();
    }

    private static Set<String> takenBy(String topic) {
        return HostilePayloads.subscribers(topic);
    }

    private static String badge(String eventId, String time, String badge, String direction) {
        return "{\"eventId\":\"" + eventId + "\",\"ts\":\"" + DAY + time + "+09:00\",\"badge\":\"" + badge
                + "\",\"direction\":\"" + direction + "\"}";
    }

    private static long delta(JsonNode before, JsonNode after, String service, String counter) {
        return after.at("/services/" + service + "/" + counter).asLong() - before.at("/services/" + service + "/" + counter).asLong();
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = LocalHttp.get(httpPort, "/health");
        assertEquals(200, r.statusCode(), r.body());
        return Payloads.JSON.readTree(r.body());
    }

    private static JsonNode json(TestMqttClient.Received r) {
        try {
            return Payloads.JSON.readTree(r.payload());
        } catch (IOException e) {
            throw new AssertionError("not JSON on " + r.topic() + ": " + r.text(), e);
        }
    }

    /**
     * Just enough MQTT 3.1.1 to show what an old device is told: CONNECT with a user name and password, one QoS 1
     * PUBLISH, its PUBACK (which in 3.1.1 carries no reason code).
     */
    static final class Mqtt311 implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Mqtt311(String tcpUrl, String clientId, String user, String password) throws IOException {
            URI uri = URI.create(tcpUrl);
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            string(body, "MQTT");
            body.write(4);          // protocol level 4: MQTT 3.1.1
            body.write(0xC2);       // user name, password, clean session
            body.write(0);
            body.write(60);         // keep alive
            string(body, clientId);
            string(body, user);
            string(body, password);
            packet(0x10, body.toByteArray());
            int type = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            byte[] connack = in.readNBytes(length);
            if (type != 0x20 || connack[1] != 0) {
                throw new IOException("CONNACK refused: return code " + connack[1]);
            }
        }

        /** Publishes with QoS 1 and returns what the PUBACK says beyond the packet id: 0 bytes in 3.1.1. */
        int publishQos1(String topic, String payload) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            string(body, topic);
            body.write(0);
            body.write(1);          // packet id 1
            body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
            packet(0x32, body.toByteArray());
            int type = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            byte[] puback = in.readNBytes(length);
            if (type != 0x40 || puback[0] != 0 || puback[1] != 1) {
                throw new IOException("expected PUBACK for packet 1, got type 0x" + Integer.toHexString(type));
            }
            return length - 2;
        }

        private void packet(int header, byte[] body) throws IOException {
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(header);
            int n = body.length;
            do {
                int b = n % 128;
                n /= 128;
                p.write(n > 0 ? b | 0x80 : b);
            } while (n > 0);
            p.writeBytes(body);
            out.write(p.toByteArray());
            out.flush();
        }

        private static void string(ByteArrayOutputStream b, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            b.write(bytes.length >> 8);
            b.write(bytes.length & 0xFF);
            b.writeBytes(bytes);
        }

        @Override
        public void close() throws IOException {
            try {
                out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT
            } finally {
                socket.close();
            }
        }
    }
}
