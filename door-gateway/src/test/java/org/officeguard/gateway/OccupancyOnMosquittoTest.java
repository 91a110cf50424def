package org.officeguard.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;
import org.officeguard.testsupport.TestMqttClient.Received;

/**
 * Who is inside, retained on {@code {root}/hq/occupancy}, through Mosquitto with Paho clients as the readers and the
 * display: badges in and out move it, a client that subscribes afterwards gets the latest, a burst of badges gives
 * few publications with the final state last, and a restarted gateway publishes the state it rebuilt once, not once
 * per replayed input. It goes out on the gateway's side session, not on the one that takes badges and publishes
 * their decisions (the broker logs every packet with its sender's client id). Each test has its own topic root, so
 * the retained messages of one are not another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OccupancyOnMosquittoTest {

    /** The crowd of the burst, and the readers they badge at, all at once. */
    private static final int CROWD = 20;
    private static final int READERS = 5;

    private static final String SITE = """
            site: hq
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            rules: {escortSeconds: 60, reorderSeconds: 5}
            zones:
              - {id: lobby}
              - {id: office}
            doors:
              - {id: front,  from: outside, to: lobby}
              - {id: office, from: lobby,   to: office}
            people:
              - {badge: E001, name: 山田 太郎, zones: [lobby, office]}
              - {badge: E002, name: Sato Hanako, zones: [lobby, office]}
            %s
            visitors:
              - {badge: V001, name: Visitor One, host: E001, zones: [lobby, office],
                 validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T12:00:00+09:00"}
            """.formatted(IntStream.rangeClosed(1, CROWD)
                    .mapToObj(n -> String.format("  - {badge: P%02d, name: Person %d, zones: [lobby]}", n, n))
                    .collect(Collectors.joining("\n")));

    private MosquittoProcess mosquitto;
    private Path site;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void startBroker() throws Exception {
        mosquitto = MosquittoProcess.start(MosquittoProcess.LOG_EVERY_PACKET);
        site = Files.createTempDirectory("officeguard-occupancy-").resolve("hq.yaml");
        Files.writeString(site, SITE);
    }

    @AfterEach
    void closeClientsAndApps() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    @AfterAll
    void stopBroker() {
        mosquitto.close();
    }

    @Test
    void badges_in_and_out_move_the_retained_occupancy() throws Exception {
        String root = root();
        start(root, Files.createTempDirectory("officeguard-occupancy-data-"));
        TestMqttClient reader = reader(root);

        badge(reader, root, "b-1", "09:00:00", "front", "E001", "IN", null);
        badge(reader, root, "b-2", "09:00:20", "office", "E001", "IN", null);
        badge(reader, root, "b-3", "10:00:00", "front", "V001", "IN", null);
        badge(reader, root, "b-4", "10:04:00", "front", "X998", "IN", null); // refused: not inside
        badge(reader, root, "b-5", "10:05:00", "front", "X999", "IN", true); // a reader let an unknown card in

        JsonNode occupancy = awaitRetained(root, o -> o.get("count").asInt() == 3);
        assertEquals("2026-11-25T10:05:00+09:00", occupancy.get("ts").asText());
        assertEquals("hq", occupancy.get("site").asText());
        assertEquals(Payloads.JSON.readTree("""
                [{"badge":"V001","name":"Visitor One","kind":"visitor","zone":"lobby",
                  "since":"2026-11-25T10:00:00+09:00","host":"E001"},
                 {"badge":"X999","name":null,"kind":"unknown","zone":"lobby","since":"2026-11-25T10:05:00+09:00"},
                 {"badge":"E001","name":"山田 太郎","kind":"person","zone":"office","since":"2026-11-25T09:00:20+09:00"}]
                """), occupancy.get("occupants"));

        badge(reader, root, "b-6", "10:30:00", "front", "V001", "OUT", null);
        badge(reader, root, "b-7", "10:31:00", "office", "E001", "OUT", null);

        occupancy = awaitRetained(root, o -> o.get("count").asInt() == 2
                && o.at("/occupants/0/badge").asText().equals("E001"));
        assertEquals("lobby", occupancy.at("/occupants/0/zone").asText());
        assertEquals("2026-11-25T10:31:00+09:00", occupancy.at("/occupants/0/since").asText());
        assertEquals("X999", occupancy.at("/occupants/1/badge").asText());
    }

    @Test
    void a_burst_of_badges_within_a_second_gives_few_publications_with_the_final_state_last() throws Exception {
        String root = root();
        start(root, Files.createTempDirectory("officeguard-occupancy-data-"));
        TestMqttClient display = client("display").subscribe(root + "/hq/occupancy");
        display.awaitOne(root + "/hq/occupancy", r -> true); // the state at start-up: nobody inside
        List<TestMqttClient> readers = new ArrayList<>();
        for (int n = 0; n < READERS; n++) {
            readers.add(client("reader-" + n));
        }
        display.clear();

        // the crowd comes in at once through five readers; every second person goes out again at once
        ExecutorService doors = Executors.newFixedThreadPool(READERS);
        long started = System.nanoTime();
        try {
            List<Future<?>> badged = new ArrayList<>();
            for (int n = 0; n < READERS; n++) {
                TestMqttClient reader = readers.get(n);
                int door = n;
                List<String> queue = IntStream.rangeClosed(1, CROWD).filter(person -> person % READERS == door)
                        .mapToObj(person -> String.format("P%02d", person)).toList();
                badged.add(doors.submit(() -> {
                    for (String badge : queue) {
                        publishBadge(reader, root, badge + "-in", "09:00:00", badge, "IN");
                        if (Integer.parseInt(badge.substring(1)) % 2 == 0) {
                            publishBadge(reader, root, badge + "-out", "09:00:01", badge, "OUT");
                        }
                    }
                }));
            }
            for (Future<?> done : badged) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            doors.shutdownNow();
        }
        long burstMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        int badges = CROWD + CROWD / 2;

        // the final state comes, and then nothing more
        display.awaitOne(root + "/hq/occupancy", r -> json(r).get("count").asInt() == CROWD / 2
                && json(r).get("ts").asText().equals("2026-11-25T09:00:01+09:00"));
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
                .until(() -> display.received(root + "/hq/occupancy").size(), size -> size > 0);
        List<Received> published = display.received(root + "/hq/occupancy");
        JsonNode last = json(published.get(published.size() - 1));
        assertEquals(List.of("P01", "P03", "P05", "P07", "P09", "P11", "P13", "P15", "P17", "P19"),
                last.findValuesAsText("badge"), "the final state is the last: " + last);
        // at most one at the burst's start and one per second of it after
        long allowed = 2 + burstMillis / 1_000;
        assertTrue(published.size() <= allowed, published.size() + " publications for " + badges + " badges in "
                + burstMillis + " ms, at most " + allowed + " expected: " + published);
    }

    @Test
    void a_restarted_gateway_publishes_the_state_it_rebuilt_once() throws Exception {
        String root = root();
        Path data = Files.createTempDirectory("officeguard-occupancy-data-");
        OfficeguardApp first = start(root, data);
        TestMqttClient reader = reader(root);
        badge(reader, root, "b-1", "09:00:00", "front", "E001", "IN", null);
        badge(reader, root, "b-2", "09:00:10", "front", "E002", "IN", null);
        badge(reader, root, "b-3", "09:00:20", "office", "E002", "IN", null);
        badge(reader, root, "b-4", "09:00:30", "front", "E001", "OUT", null);
        awaitRetained(root, o -> o.get("count").asInt() == 1);
        first.close();
        open.remove(first);

        // a display that follows the topic across the restart: it has the retained state of the first run
        TestMqttClient display = client("display").subscribe(root + "/hq/occupancy");
        display.awaitOne(root + "/hq/occupancy", Received::retained);
        display.clear();

        start(root, data);

        Received rebuilt = display.awaitOne(root + "/hq/occupancy", r -> true);
        assertEquals("E002", json(rebuilt).at("/occupants/0/badge").asText(), rebuilt.toString());
        assertEquals("office", json(rebuilt).at("/occupants/0/zone").asText());
        assertEquals("2026-11-25T09:00:20+09:00", json(rebuilt).at("/occupants/0/since").asText());
        assertEquals("2026-11-25T09:00:30+09:00", json(rebuilt).get("ts").asText());
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
                .until(() -> display.received(root + "/hq/occupancy").size() == 1);
        assertEquals(1, awaitRetained(root, o -> true).get("count").asInt());
    }

    @Test
    void the_occupancy_goes_out_on_a_side_session_of_its_own_off_the_decisions_session() throws Exception {
        String root = root();
        int port = FreePort.next();
        OfficeguardApp app = start(root, Files.createTempDirectory("officeguard-occupancy-data-"), port);
        TestMqttClient reader = reader(root);
        badge(reader, root, "b-1", "09:00:00", "front", "E001", "IN", null);
        badge(reader, root, "b-2", "09:00:20", "office", "E001", "IN", null);
        awaitRetained(root, o -> o.get("count").asInt() == 1 && o.at("/occupants/0/zone").asText().equals("office"));

        String gateway = root + "-door-gateway";
        String side = gateway + "-occupancy";
        List<String> occupancy = mosquitto.publishersOf(root + "/hq/occupancy");
        assertTrue(occupancy.size() >= 2, "the state at start-up and after the badges: " + occupancy);
        assertEquals(Set.of(side), Set.copyOf(occupancy), "every occupancy from the side session");
        assertEquals(List.of(gateway), mosquitto.publishersOf(root + "/hq/door/front/decision"));
        assertEquals(List.of(gateway), mosquitto.publishersOf(root + "/hq/door/office/decision"));

        // health as before: ready on its inbox, the snapshots not counted among the outputs
        JsonNode health = LocalHttp.json(port, "/health");
        assertEquals("UP", health.at("/services/door-gateway/status").asText(), health.toString());
        assertEquals(2, health.at("/services/door-gateway/published").asInt(), health.toString());

        // the side session ends with the gateway, as its inbox's does: a DISCONNECT, not a dropped connection
        app.close();
        open.remove(app);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertTrue(mosquitto.log().contains("Client " + side + " disconnected."), mosquitto.log());
            assertTrue(mosquitto.log().contains("Client " + gateway + " disconnected."), mosquitto.log());
        });
    }

    private static String root() {
        return "occupancy-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private OfficeguardApp start(String root, Path data) throws Exception {
        return start(root, data, FreePort.next());
    }

    private OfficeguardApp start(String root, Path data, int httpPort) throws Exception {
        OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(SiteConfigLoader.loadAll(List.of(site)),
                        mosquitto.url(), data, List.of(DoorGatewayService.NAME))
                .withHttp("127.0.0.1", httpPort, null).withClientIdPrefix(root).withTopicRoot(root),
                List.of(new DoorGatewayService()));
        open.add(app);
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        return app;
    }

    /** A door reader: publishes badges and hears their decisions. */
    private TestMqttClient reader(String root) {
        return client("reader").subscribe(root + "/hq/door/+/decision");
    }

    private TestMqttClient client(String name) {
        TestMqttClient client = TestMqttClient.connect(mosquitto.url(), "occupancy-" + name + "-" + UUID.randomUUID());
        open.add(client);
        return client;
    }

    /** What a client that subscribes now gets as the retained occupancy, once it satisfies {@code condition}. */
    private JsonNode awaitRetained(String root, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (TestMqttClient late = TestMqttClient.connect(mosquitto.url(), "occupancy-late-" + UUID.randomUUID())) {
                late.subscribe(root + "/hq/occupancy");
                Received retained = late.awaitOne(root + "/hq/occupancy", r -> true);
                assertTrue(retained.retained(), "a late subscriber gets the retained message: " + retained);
                return json(retained);
            }
        }, condition::test);
    }

    /** Publishes a badge to the front door without waiting for its decision. */
    private static void publishBadge(TestMqttClient reader, String root, String eventId, String time, String badge,
            String direction) {
        reader.publish(root + "/hq/door/front/badge", "{\"eventId\":\"" + eventId + "\",\"ts\":\"2026-11-25T" + time
                + "+09:00\",\"badge\":\"" + badge + "\",\"direction\":\"" + direction + "\"}");
    }

    /** Publishes a badge ({@code granted} null: officeguard decides) and waits for its decision. */
    private static void badge(TestMqttClient reader, String root, String eventId, String time, String door,
            String badge, String direction, Boolean granted) {
        reader.publish(root + "/hq/door/" + door + "/badge", "{\"eventId\":\"" + eventId
                + "\",\"ts\":\"2026-11-25T" + time + "+09:00\",\"badge\":\"" + badge + "\",\"direction\":\"" + direction
                + "\"" + (granted == null ? "" : ",\"granted\":" + granted) + "}");
        reader.awaitOne(root + "/hq/door/" + door + "/decision", r -> r.text().contains("\"eventId\":\"" + eventId + "\""));
    }

    private static JsonNode json(Received received) {
        try {
            return Payloads.JSON.readTree(received.payload());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + received, e);
        }
    }
}
