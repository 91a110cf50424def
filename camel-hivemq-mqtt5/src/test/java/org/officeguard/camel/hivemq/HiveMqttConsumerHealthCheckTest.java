package org.officeguard.camel.hivemq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TcpProxy;

/**
 * The consumer's health check, called through Camel's readiness checks: up once the session is connected and
 * subscribed, down while the network to the broker is cut, up again once the session has reconnected; and not called
 * (Camel reports it disabled) when the component's {@code healthCheckConsumerEnabled} is off.
 */
class HiveMqttConsumerHealthCheckTest {

    @Test
    void readiness_follows_the_sessions_connection() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", FreePort.next());
                TcpProxy network = TcpProxy.to(broker.port());
                DefaultCamelContext camel = service(new HiveMqttComponent(MqttSettings.of(network.url())))) {
            camel.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(camel) == HealthCheck.State.UP);
            HealthCheck.Result up = readiness(camel).orElseThrow();
            assertEquals("health", up.getDetails().get("client.id"));
            assertEquals("health/in/#", up.getDetails().get("topics"));

            network.cut();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(camel) == HealthCheck.State.DOWN);
            String why = readiness(camel).orElseThrow().getMessage().orElse("");
            assertTrue(why.contains("not connected"), why);

            network.restore();
            await().atMost(Duration.ofSeconds(15)).until(() -> state(camel) == HealthCheck.State.UP);
        }
    }

    @Test
    void the_component_can_leave_the_consumer_check_out() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", FreePort.next());
                TcpProxy network = TcpProxy.to(broker.port())) {
            HiveMqttComponent component = new HiveMqttComponent(MqttSettings.of(network.url()));
            component.setHealthCheckConsumerEnabled(false);
            try (DefaultCamelContext camel = service(component)) {
                camel.start();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> camel.getRoute("inbox").getConsumer() instanceof HiveMqttConsumer consumer
                                && consumer.isReady());
                network.cut();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !((HiveMqttConsumer) camel.getRoute("inbox").getConsumer()).isReady());
                HealthCheck.Result unchecked = readiness(camel).orElseThrow();
                assertEquals(HealthCheck.State.UNKNOWN, unchecked.getState(), "not called, so not down");
                assertEquals(false, unchecked.getDetails().get(HealthCheck.CHECK_ENABLED));
            }
        }
    }

    private static DefaultCamelContext service(HiveMqttComponent component) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("hivemq-mqtt5", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("hivemq-mqtt5:health/in/#?clientId=health").routeId("inbox").process(exchange -> { });
            }
        });
        return camel;
    }

    /** The readiness result of the inbox route's consumer. */
    private static Optional<HealthCheck.Result> readiness(DefaultCamelContext camel) {
        return HealthCheckHelper.invokeReadiness(camel).stream()
                .filter(result -> result.getCheck().getId().equals("consumer:inbox"))
                .findFirst();
    }

    private static HealthCheck.State state(DefaultCamelContext camel) {
        return readiness(camel).map(HealthCheck.Result::getState).orElse(HealthCheck.State.UNKNOWN);
    }
}
