package org.officeguard.runtime.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.runtime.Outbound;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The services' MQTT endpoints through a real broker: what the broker kept for the session while the service
 * was away is handled, in order, even though the session opens (for the publisher) before the inbox takes
 * anything; a group the service cannot make durable is not acknowledged, so the broker delivers it again; a
 * session shared by several routes stays open until the last of them stops; and once the last session
 * closes, the client's threads end.
 */
class OfficeMqttComponentTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start("127.0.0.1", FreePort.next());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void what_the_broker_kept_for_the_session_is_handled_once_the_inbox_starts() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        DefaultCamelContext first = service("kept", handled, false);
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(first)); // subscribed: the broker keeps what comes
        first.stop();

        try (TestMqttClient device = TestMqttClient.connect(broker.url(), "kept-device")) {
            for (int i = 1; i <= 3; i++) {
                device.publish("kept/in/" + i, "m" + i);
            }
        }
        DefaultCamelContext second = service("kept", handled, true);
        second.start(); // the publisher opens the session: the kept messages arrive before the inbox starts
        try {
            second.getRouteController().startRoute("inbox");
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() >= 3);
            assertEquals(List.of("m1", "m2", "m3"), handled);
        } finally {
            second.stop();
        }
    }

    @Test
    void a_group_that_cannot_be_made_durable_is_delivered_again() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> durable = new CopyOnWriteArrayList<>();
        AtomicBoolean storageDown = new AtomicBoolean(true);
        DefaultCamelContext camel = service("again", handled, false);
        camel.getEndpoint("mqtt:again/in/#?clientId=again", OfficeMqttEndpoint.class).onAcknowledge(group -> {
            if (storageDown.getAndSet(false)) {
                throw new IllegalStateException("storage down");
            }
            group.forEach(e -> durable.add(e.getMessage().getBody(String.class)));
        });
        camel.start();
        try (TestMqttClient device = TestMqttClient.connect(broker.url(), "again-device")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ready(camel));
            device.publish("again/in/1", "x");
            await().atMost(Duration.ofSeconds(15)).until(() -> durable.contains("x"));
            assertEquals(List.of("x", "x"), handled, "handled, refused by storage, delivered again and handled again");
        } finally {
            camel.stop();
        }
    }

    /**
     * Once every session is closed the client's Netty threads end (they are not daemons: a session left open kept the
     * demo's JVM alive after it was done).
     */
    @Test
    void closing_the_last_session_ends_the_clients_threads() throws Exception {
        DefaultCamelContext camel = service("threads", new CopyOnWriteArrayList<>(), false);
        camel.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(camel));
        camel.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("com.hivemq.client.mqtt")));
    }

    /**
     * Several routes publish on one session (reporting's inputs and its closed-day notices). Stopping one of them
     * must not close the session under the others: before, the first route to stop closed it, and a report notice
     * published a moment later was never sent and held the shutdown until it timed out.
     */
    @Test
    void a_route_still_publishes_after_another_route_on_the_same_session_stopped() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("mqtt", new OfficeMqttComponent(MqttSettings.of(broker.url())));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:inputs").routeId("inputs").to("mqtt:shared?clientId=shared-out");
                from("direct:notices").routeId("notices").to("mqtt:shared?clientId=shared-out");
            }
        });
        camel.start();
        try (TestMqttClient observer = TestMqttClient.connect(broker.url(), "shared-observer").subscribe("t/#")) {
            camel.getRouteController().stopRoute("inputs");

            CompletableFuture<Exchange> sent = camel.createProducerTemplate().asyncSend("direct:notices",
                    e -> e.getMessage().setBody(Outbound.of("t/notice", "final".getBytes(StandardCharsets.UTF_8))));
            Exchange done = sent.get(30, TimeUnit.SECONDS); // completes once the broker acknowledged it
            assertNull(done.getException(), "the notice was not published");
            assertEquals("final", observer.awaitOne("t/notice", r -> true).text());
        } finally {
            camel.stop();
        }
    }

    /** An inbox on {@code NAME/in/#} that records each payload, and a publisher on the same session. */
    private static DefaultCamelContext service(String name, List<String> handled, boolean inboxWaits) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("mqtt", new OfficeMqttComponent(MqttSettings.of(broker.url())));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mqtt:" + name + "/in/#?clientId=" + name).routeId("inbox").autoStartup(!inboxWaits)
                        .process(e -> handled.add(new String(e.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)));
                from("direct:publish").routeId("publish").to("mqtt:" + name + "-out?clientId=" + name);
            }
        });
        return camel;
    }

    private static boolean ready(DefaultCamelContext camel) {
        return camel.getRoute("inbox").getConsumer() instanceof MultiTopicConsumer c && c.isReady();
    }
}
