package org.officeguard.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The many-site brokers as deploy/add-site.sh generates them ({@link BridgedSites}: two sites bridged to the centre):
 * what crosses the bridge, each way, once; what does not cross it; and a cut line that only delays what goes up.
 * Every test uses topic names of its own, so the tests share the brokers in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgedSitesTest {

    private static final Duration ACROSS = Duration.ofSeconds(20);

    private BridgedSites sites;
    private final List<TestMqttClient> clients = new ArrayList<>();

    @BeforeAll
    void start() {
        sites = BridgedSites.start(List.of("tokyo", "osaka"));
    }

    @AfterAll
    void stop() {
        clients.forEach(TestMqttClient::close);
        if (sites != null) {
            sites.close();
        }
    }

    /**
     * A registration published at the centre arrives at the site once, and one published at the site arrives at the
     * centre once, and neither comes back to where it was published (MQTT 5 no-local on the bridge's "both" topics).
     * A message sent after each along the same way shows that an echo, had there been one, would have arrived.
     */
    @Test
    void a_registration_crosses_the_bridge_each_way_once_and_does_not_come_back() {
        TestMqttClient centre = client(sites.centralUrl(), "centre").subscribe("office/#");
        TestMqttClient tokyo = client(sites.siteUrl("tokyo"), "tokyo").subscribe("office/#");
        TestMqttClient osaka = client(sites.siteUrl("osaka"), "osaka").subscribe("office/#");
        String register = "office/tokyo/visitor/register";

        centre.publish(register, "{\"from\":\"centre\"}");
        tokyo.awaitOne(register, r -> r.text().contains("centre"));
        tokyo.publish(register, "{\"from\":\"tokyo\"}");
        centre.awaitOne(register, r -> r.text().contains("tokyo"));
        // after each, one more message the same way as its echo would travel
        tokyo.publish("office/tokyo/clock", "{\"marker\":\"up\"}");
        centre.awaitOne("office/tokyo/clock", r -> r.text().contains("up"));
        centre.publish("office/tokyo/clock", "{\"marker\":\"down\"}");
        tokyo.awaitOne("office/tokyo/clock", r -> r.text().contains("down"));

        assertEquals(List.of("{\"from\":\"centre\"}", "{\"from\":\"tokyo\"}"), texts(centre, register), "at the centre");
        assertEquals(List.of("{\"from\":\"centre\"}", "{\"from\":\"tokyo\"}"), texts(tokyo, register), "at tokyo");
        assertEquals(List.of(), osaka.received("office/tokyo/#"), "nothing of tokyo's at osaka");
    }

    /**
     * Up goes what the centre's reporting reads (the topics {@link HostilePayloads#subscribers} says it takes), the
     * retained live states as retained, and the dead letters; the badges, PC states and reports stay where they are
     * published. Every topic of SPEC §2 is published at the site; the last one up shows that all before it crossed.
     */
    @Test
    void what_reporting_reads_goes_up_and_badges_stay_at_the_site() {
        TestMqttClient osaka = client(sites.siteUrl("osaka"), "osaka-services");
        TestMqttClient centre = client(sites.centralUrl(), "centre-reporting").subscribe("office/osaka/#");
        List<String> every = List.of("office/osaka/door/front/badge", "office/osaka/door/front/decision",
                "office/osaka/pc/PC-01/state", "office/osaka/last-exit", "office/osaka/visitor/register",
                "office/osaka/violation/UNKNOWN_BADGE", "office/osaka/report/2026-11-25", "office/osaka/deadletter",
                "office/osaka/clock");
        List<String> expectedUp = every.stream().filter(topic -> HostilePayloads.subscribers(topic).contains("reporting")
                || topic.endsWith("/deadletter")).toList();
        assertEquals(List.of("office/osaka/door/front/decision", "office/osaka/last-exit",
                "office/osaka/visitor/register", "office/osaka/violation/UNKNOWN_BADGE", "office/osaka/deadletter",
                "office/osaka/clock"), expectedUp, "what reporting takes, and the dead letters");

        osaka.publishRetained("office/osaka/occupancy", "{\"count\":1}");
        osaka.publishRetained("office/osaka/pcs", "{\"pcs\":[]}");
        every.forEach(topic -> osaka.publish(topic, "{\"at\":\"osaka\"}"));
        centre.awaitOne("office/osaka/clock", r -> r.text().contains("osaka"));

        assertEquals(expectedUp, centre.received().stream().map(TestMqttClient.Received::topic)
                .filter(topic -> !topic.endsWith("/occupancy") && !topic.endsWith("/pcs")).toList());
        TestMqttClient later = client(sites.centralUrl(), "centre-later").subscribe("office/osaka/occupancy",
                "office/osaka/pcs");
        later.awaitOne("office/osaka/occupancy", r -> r.retained() && r.text().equals("{\"count\":1}"));
        later.awaitOne("office/osaka/pcs", r -> r.retained() && r.text().equals("{\"pcs\":[]}"));
    }

    /**
     * The centre's ACL: tokyo's bridge user may write every topic its bridge carries up and read those it carries
     * down, for tokyo; it can neither publish nor read anything of osaka's, nor speak for osaka's bridge. (Over the
     * centre's TLS listener, as the bridge dials it, with a client id of its own, so the real bridge stays connected.)
     */
    @Test
    void a_sites_bridge_user_may_use_its_own_sites_topics_at_the_centre_and_none_of_another_sites() {
        TestMqttClient asTokyo = TestMqttClient.connect(sites.centralTlsUrl(), "bridged-test-as-bridge-tokyo",
                "bridge-tokyo", sites.password("bridge-tokyo"), sites.ca().trustingSocketFactory());
        clients.add(asTokyo);
        TestMqttClient centre = client(sites.centralUrl(), "centre-acl").subscribe("office/+/door/+/decision",
                "office/+/violation/#", "office/+/last-exit", "office/+/occupancy", "office/+/pcs", "office/+/deadletter",
                "office/+/visitor/register", "office/+/clock", "$SYS/broker/connection/+/state");
        List<String> refusedSubscriptions = new ArrayList<>();
        for (String filter : List.of("office/osaka/#", "office/#", "office/tokyo/visitor/register", "office/tokyo/clock")) {
            try {
                asTokyo.subscribe(filter);
            } catch (IllegalStateException refused) {
                refusedSubscriptions.add(filter);
            }
        }
        assertTrue(refusedSubscriptions.stream().allMatch(filter -> !filter.startsWith("office/tokyo/")),
                "its own registrations and ticks are readable: " + refusedSubscriptions);

        List<String> tokyos = List.of("office/tokyo/door/front/decision", "office/tokyo/violation/ZONE_NOT_ALLOWED",
                "office/tokyo/last-exit", "office/tokyo/occupancy", "office/tokyo/pcs", "office/tokyo/deadletter",
                "office/tokyo/visitor/register", "office/tokyo/clock");
        List<String> osakas = List.of("office/osaka/door/front/decision", "office/osaka/violation/ZONE_NOT_ALLOWED",
                "office/osaka/visitor/register", "office/osaka/clock", "office/osaka/door/front/badge",
                "$SYS/broker/connection/bridge-osaka/state");
        List<String> refused = new ArrayList<>();
        for (String topic : osakas) {
            try {
                asTokyo.publish(topic, topic.startsWith("$") ? "1" : "{\"as\":\"bridge-tokyo\"}");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains("0x87"), e.getMessage());
                refused.add(topic);
            }
        }
        assertEquals(osakas, refused, "PUBACK 0x87, not authorised");
        tokyos.forEach(topic -> asTokyo.publish(topic, "{\"as\":\"bridge-tokyo\"}"));
        await().atMost(ACROSS).until(() -> centre.received().stream().filter(r -> r.text().contains("bridge-tokyo"))
                .count() == tokyos.size());
        assertEquals(tokyos, centre.received().stream().filter(r -> r.text().contains("bridge-tokyo"))
                .map(TestMqttClient.Received::topic).toList(), "tokyo's got through, osaka's none");

        // what the centre publishes for osaka, then for tokyo: tokyo's arriving shows osaka's was not sent
        centre.publish("office/osaka/clock", "{\"for\":\"osaka\"}");
        centre.publish("office/tokyo/clock", "{\"for\":\"tokyo\"}");
        asTokyo.awaitOne("office/tokyo/clock", r -> r.text().contains("for"));
        assertEquals(List.of(), asTokyo.received().stream().filter(r -> r.topic().contains("osaka")).toList(),
                "bridge-tokyo reads nothing of osaka's");
    }

    /**
     * The site's line is cut: what the site publishes meanwhile waits in the site's broker and reaches the centre once
     * the line is back, all of it, in order; a registration made at the centre meanwhile reaches the site.
     */
    @Test
    void what_a_site_publishes_while_its_line_is_cut_reaches_the_centre_in_order_once_it_is_back() {
        TestMqttClient tokyo = client(sites.siteUrl("tokyo"), "tokyo-gateway").subscribe("office/tokyo/visitor/register");
        TestMqttClient centre = client(sites.centralUrl(), "centre-cut").subscribe("office/tokyo/violation/#");
        assertTrue(sites.bridgeConnected("tokyo"));

        sites.line("tokyo").cut();
        await().atMost(ACROSS).until(() -> !sites.bridgeConnected("tokyo"));
        List<String> during = IntStream.range(0, 500).mapToObj(i -> "{\"cut\":" + i + "}").toList();
        during.forEach(payload -> tokyo.publish("office/tokyo/violation/ANTI_PASSBACK", payload));
        centre.publish("office/tokyo/visitor/register", "{\"during\":\"cut\"}");
        assertEquals(List.of(), centre.received("office/tokyo/violation/#"), "nothing crosses a cut line");

        sites.line("tokyo").restore();
        await().atMost(ACROSS).until(() -> sites.bridgeConnected("tokyo"));
        await().atMost(ACROSS).until(() -> centre.received("office/tokyo/violation/#").size() >= during.size());
        assertEquals(during, texts(centre, "office/tokyo/violation/#"), "every one, in order, once");
        tokyo.awaitOne("office/tokyo/visitor/register", r -> r.text().contains("during"));
    }

    /**
     * The site's ACL as add-site.sh writes it: every user is held to its own site, and each may publish only what its
     * part needs (MQTT 5 publishers are told PUBACK 0x87 for the rest). Reception at the head office registers a
     * visitor for a site on the centre's broker, and the bridge brings it down.
     */
    @Test
    void the_sites_acl_holds_every_user_to_its_site_and_the_head_office_reception_registers_for_it() {
        List<String> topics = List.of("office/tokyo/door/front/badge", "office/tokyo/door/front/decision",
                "office/tokyo/pc/PC-01/state", "office/tokyo/last-exit", "office/tokyo/visitor/register",
                "office/tokyo/clock", "office/tokyo/violation/UNKNOWN_BADGE", "office/osaka/visitor/register",
                "office/osaka/door/front/badge");
        Map<String, List<String>> mayPublish = new LinkedHashMap<>();
        mayPublish.put("officeguard", topics.stream().filter(topic -> topic.startsWith("office/tokyo/")).toList());
        mayPublish.put("simulator", List.of("office/tokyo/door/front/badge", "office/tokyo/pc/PC-01/state",
                "office/tokyo/last-exit", "office/tokyo/visitor/register", "office/tokyo/clock"));
        mayPublish.put("reception", List.of("office/tokyo/visitor/register"));
        mayPublish.put("exit-panel", List.of("office/tokyo/last-exit"));
        mayPublish.put("display", List.of());
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (String user : mayPublish.keySet()) {
            try (TestMqttClient client = TestMqttClient.connect(sites.siteUrl("tokyo"), "bridged-test-acl-" + user, user,
                    sites.password(user), null)) {
                List<String> accepted = new ArrayList<>();
                for (String topic : topics) {
                    try {
                        client.publish(topic, "{\"probe\":\"" + user + "\"}");
                        accepted.add(topic);
                    } catch (IllegalStateException refused) {
                        assertTrue(refused.getMessage().contains("0x87"), refused.getMessage());
                    }
                }
                published.put(user, accepted);
            }
        }
        assertEquals(mayPublish, published);

        TestMqttClient tokyo = client(sites.siteUrl("tokyo"), "tokyo-reception-watch").subscribe("office/tokyo/visitor/register");
        try (TestMqttClient headOffice = TestMqttClient.connect(sites.centralTlsUrl(), "bridged-test-head-reception",
                "reception", sites.password("reception"), sites.ca().trustingSocketFactory())) {
            headOffice.publish("office/tokyo/visitor/register", "{\"registered\":\"at the head office\"}");
        }
        tokyo.awaitOne("office/tokyo/visitor/register", r -> r.text().contains("head office"));
    }

    /**
     * The site's broker restarts while its line is cut: the bridge's queue is on its disk, so what the site published
     * before the restart reaches the centre once the line is back, with what it published after, in order.
     */
    @Test
    void the_bridges_queue_outlives_a_restart_of_the_sites_broker_during_a_cut() {
        TestMqttClient centre = client(sites.centralUrl(), "centre-restart").subscribe("office/osaka/violation/#");
        sites.line("osaka").cut();
        await().atMost(ACROSS).until(() -> !sites.bridgeConnected("osaka"));
        List<String> before = IntStream.range(0, 100).mapToObj(i -> "{\"before\":" + i + "}").toList();
        List<String> after = IntStream.range(0, 100).mapToObj(i -> "{\"after\":" + i + "}").toList();
        try (TestMqttClient gateway = TestMqttClient.connect(sites.siteUrl("osaka"), "bridged-test-osaka-before",
                "officeguard", sites.password("officeguard"), null)) {
            before.forEach(payload -> gateway.publish("office/osaka/violation/PC_LEFT_ON", payload));
        }
        sites.restartSite("osaka");
        try (TestMqttClient gateway = TestMqttClient.connect(sites.siteUrl("osaka"), "bridged-test-osaka-after",
                "officeguard", sites.password("officeguard"), null)) {
            after.forEach(payload -> gateway.publish("office/osaka/violation/PC_LEFT_ON", payload));
        }

        sites.line("osaka").restore();
        await().atMost(ACROSS).until(() -> sites.bridgeConnected("osaka"));
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        await().atMost(ACROSS).until(() -> centre.received("office/osaka/violation/#").size() >= all.size());
        assertEquals(all, texts(centre, "office/osaka/violation/#"), "every one, in order, once\n" + sites.log("osaka"));
    }

    // ------------------------------------------------------------------ helpers

    private TestMqttClient client(String url, String name) {
        TestMqttClient client = TestMqttClient.connect(url, "bridged-test-" + name + "-" + clients.size(), "officeguard",
                sites.password("officeguard"), null);
        clients.add(client);
        return client;
    }

    private static List<String> texts(TestMqttClient client, String filter) {
        return client.received(filter).stream().map(TestMqttClient.Received::text).toList();
    }
}
