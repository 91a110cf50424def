package org.officeguard.runtime.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Several routes publish through one endpoint, one MQTT session (reporting's inputs and its closed-day
 * notices). Stopping one of those routes must not close the session under the others: before, the first
 * route to stop closed it, and a report notice published a moment later was never sent and held the
 * shutdown until it timed out.
 */
class SharedPublisherTest {

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
    void aRouteStillPublishesAfterAnotherRouteOnTheSameEndpointStopped() throws Exception {
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
}
