package org.officeguard.camel.hivemq;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@link HiveMqttConsumer}: up while its session is connected to the broker and its topic filters are
 * subscribed, down otherwise (not started yet, or the connection lost and being re-established). The details say
 * which session, on which broker, and how often the session was started afresh or taken over by another client.
 *
 * <p>The consumer hands it to Camel's consumers health-check repository, which calls it as part of the consumer's
 * route check ({@code consumer:ROUTE_ID}) while the route runs; {@code healthCheckConsumerEnabled} on the component
 * turns it off. That repository takes a route that does not start with the context ({@code autoStartup(false)},
 * without a route controller) for one managed elsewhere and does not call its consumer's check: for such a route,
 * register the consumer's {@link HiveMqttConsumer#getHealthCheck() check} in the {@code HealthCheckRegistry} itself.
 */
public class HiveMqttConsumerHealthCheck extends AbstractHealthCheck {

    private final HiveMqttConsumer consumer;
    private final String routeId;

    public HiveMqttConsumerHealthCheck(HiveMqttConsumer consumer, String routeId) {
        super("camel", "hivemq-mqtt5-consumer-" + routeId);
        this.consumer = consumer;
        this.routeId = routeId;
    }

    /** A lost connection is re-established by the session itself: nothing a restart of the process would mend. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HiveMqttEndpoint endpoint = consumer.getEndpoint();
        builder.detail("route.id", routeId);
        builder.detail("client.id", endpoint.getClientId());
        builder.detail("broker", endpoint.getComponent().getBrokerUrl());
        builder.detail("topics", String.join(",", endpoint.topicFilters()));
        builder.detail("sessions.discarded", consumer.sessionsDiscarded());
        builder.detail("sessions.taken.over", consumer.sessionsTakenOver());
        SessionDiscard last = consumer.lastSessionDiscard();
        if (last != null) {
            builder.detail("last.session.discard", last.at() + " " + last.reason());
        }
        if (!consumer.isConnected()) {
            builder.down().message("the session " + endpoint.getClientId() + " is not connected to the broker");
        } else if (!consumer.isSubscribed()) {
            builder.down().message("the session " + endpoint.getClientId() + " has not subscribed its topic filters");
        } else {
            builder.up();
        }
    }
}
