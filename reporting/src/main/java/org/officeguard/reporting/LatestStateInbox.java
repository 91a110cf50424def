package org.officeguard.reporting;

import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.officeguard.camel.hivemq.HiveMqttComponent;
import org.officeguard.camel.hivemq.HiveMqttConstants;
import org.officeguard.reporting.live.LatestStates;
import org.officeguard.runtime.CommonRoutes;
import org.officeguard.runtime.Envelopes;
import org.officeguard.runtime.RunningService;

/**
 * Where the roll call's state comes in: the retained {@code occupancy} and {@code pcs} of every site served, on an MQTT
 * session of its own (docs/decisions.md, "The roll call"). Not an input of reporting: nothing is stored, journaled or
 * committed, nothing counts as taken, and each message is acknowledged as soon as it is held in {@link LatestStates}.
 *
 * <p>The broker keeps the session only for {@link #SESSION_EXPIRY_SECONDS}: across a short drop of the connection it
 * sends what it queued meanwhile (a minute of states at most, in order: the last is the state); after a longer one, or
 * a restart, the client subscribes afresh and the broker hands over each retained state as it is now, rather than a
 * backlog of the states in between (a backlog a broker may cut short at its queue limit, keeping old ones and dropping
 * the latest). Its client id is the service's with a random part: a second reporting process of the same sites has a
 * session of its own instead of taking this one over, and each process starts afresh.
 */
final class LatestStateInbox {

    /** The component of these short-lived sessions: the service's broker settings, sessions kept a minute. */
    static final String COMPONENT = "hivemq-latest";

    /**
     * Not 0: a session that ends with its connection ends the client's flow of messages when the service stops (an
     * error in the log at every stop); a minute is as short as that allows.
     */
    static final long SESSION_EXPIRY_SECONDS = 60;

    private LatestStateInbox() {}

    /** Registers {@link #COMPONENT} (once) and returns the URI of the consumer of every site's latest states. */
    static String endpoint(CamelContext camel, RunningService service, LatestStates latest) {
        if (camel.hasComponent(COMPONENT) == null) {
            HiveMqttComponent sessions = camel.getComponent("hivemq-mqtt5", HiveMqttComponent.class);
            HiveMqttComponent shortLived = new HiveMqttComponent();
            shortLived.setBrokerUrl(sessions.getBrokerUrl());
            shortLived.setUsername(sessions.getUsername());
            shortLived.setPassword(sessions.getPassword());
            shortLived.setCaCertificate(sessions.getCaCertificate());
            shortLived.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
            camel.addComponent(COMPONENT, shortLived);
        }
        String clientId = service.context().clientId(service.name() + "-latest-" + UUID.randomUUID().toString().substring(0, 8));
        return COMPONENT + ":" + String.join(",", latest.topicFilters()) + "?clientId=" + clientId;
    }

    /**
     * Takes one retained state into {@code latest}. What cannot be read goes to the site's dead-letter topic (the
     * route's {@link CommonRoutes#INBOUND_ERRORS}), on the service's session, with the site's state left as it was.
     */
    static void take(Exchange e, RunningService service, LatestStates latest) {
        String topic = e.getMessage().getHeader(HiveMqttConstants.TOPIC, String.class);
        byte[] payload = e.getMessage().getBody(byte[].class);
        e.setProperty(Envelopes.SERVICE_PROPERTY, service.name());
        e.setProperty(Envelopes.RAW_TOPIC_PROPERTY, topic);
        e.setProperty(Envelopes.RAW_PAYLOAD_PROPERTY, payload);
        service.context().topics().siteLevel(topic).ifPresent(site -> e.setProperty(CommonRoutes.DEAD_LETTER_SITE, site));
        latest.take(topic, payload);
    }
}
