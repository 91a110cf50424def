package org.officeguard.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
     * Up goes what the centre's reporting reads, the retained live states as retained; the badges and PC states stay
     * at the site. The last message up shows that everything published before it has crossed.
     */
    @Test
    void what_reporting_reads_goes_up_and_badges_stay_at_the_site() {
        TestMqttClient osaka = client(sites.siteUrl("osaka"), "osaka-services");
        TestMqttClient centre = client(sites.centralUrl(), "centre-reporting").subscribe("office/osaka/#");
        List<String> up = List.of("office/osaka/door/front/decision", "office/osaka/violation/UNKNOWN_BADGE",
                "office/osaka/last-exit", "office/osaka/deadletter", "office/osaka/visitor/register", "office/osaka/clock");
        osaka.publish("office/osaka/door/front/badge", "{\"stays\":\"badge\"}");
        osaka.publish("office/osaka/pc/PC-01/state", "{\"stays\":\"pc\"}");
        osaka.publishRetained("office/osaka/occupancy", "{\"count\":1}");
        osaka.publishRetained("office/osaka/pcs", "{\"pcs\":[]}");
        up.forEach(topic -> osaka.publish(topic, "{\"up\":\"" + topic + "\"}"));
        centre.awaitOne("office/osaka/clock", r -> r.text().contains("up"));

        assertEquals(up, centre.received().stream().map(TestMqttClient.Received::topic)
                .filter(topic -> !topic.endsWith("/occupancy") && !topic.endsWith("/pcs")).toList());
        TestMqttClient later = client(sites.centralUrl(), "centre-later").subscribe("office/osaka/occupancy",
                "office/osaka/pcs");
        later.awaitOne("office/osaka/occupancy", r -> r.retained() && r.text().equals("{\"count\":1}"));
        later.awaitOne("office/osaka/pcs", r -> r.retained() && r.text().equals("{\"pcs\":[]}"));
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
