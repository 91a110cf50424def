package org.officeguard.camel.hivemq;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * MQTT endpoints for the services ({@code mqtt:FILTER,FILTER?clientId=ID} to consume, {@code mqtt:NAME?clientId=ID}
 * to publish {@link Outbound}s), on the HiveMQ MQTT Client.
 *
 * <p>The client id names the session, and every endpoint with the same client id shares it: a service takes
 * its inputs and publishes its outputs on one connection. A consumer may name several filters: they are all
 * subscribed on that one session, because SPEC §4 needs a site's inputs in the order the broker received
 * them, across topics (a visitor registration and the badge that follows it), and separate sessions per
 * topic do not keep that order. A session opens with its first user and closes after its last.
 */
public class HiveMqttComponent extends DefaultComponent {

    private final MqttSettings settings;
    private final Map<String, Shared> sessions = new HashMap<>();

    private static final class Shared {
        final MqttSession session;
        int users;

        Shared(MqttSession session) {
            this.session = session;
        }
    }

    public HiveMqttComponent(MqttSettings settings) {
        this.settings = settings;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String clientId = getAndRemoveParameter(parameters, "clientId", String.class);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException(uri + ": every MQTT endpoint needs a clientId (it names the session)");
        }
        return new HiveMqttEndpoint(uri, this, remaining, clientId);
    }

    /** The session of this client id, connected; opened by its first user. */
    synchronized MqttSession acquire(String clientId) {
        Shared shared = sessions.get(clientId);
        if (shared == null) {
            MqttSession session = new MqttSession(clientId, settings);
            session.open();
            shared = new Shared(session);
            sessions.put(clientId, shared);
        }
        shared.users++;
        return shared.session;
    }

    /** Closes the session when its last user lets it go. */
    synchronized void release(MqttSession session) {
        Shared shared = sessions.get(session.clientId());
        if (shared != null && shared.session == session && --shared.users == 0) {
            sessions.remove(session.clientId());
            session.close();
        }
    }
}
