package org.officeguard.camel.hivemq;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * MQTT 5 endpoints on the HiveMQ MQTT Client: {@code hivemq-mqtt5:FILTER,FILTER?clientId=ID} to consume,
 * {@code hivemq-mqtt5:NAME?clientId=ID} to publish {@link Outbound}s.
 *
 * <p>The client id names the session, and every endpoint with the same client id shares it: a service takes
 * its inputs and publishes what they cause on one connection (and may publish what no input causes on another
 * client id, so that it does not queue ahead of those outputs). A consumer may name several filters: they are all
 * subscribed on that one session, because a service needs its inputs in the order the broker received
 * them, across topics (a visitor registration and the badge that follows it), and separate sessions per
 * topic do not keep that order. A session opens with its first user and closes after its last.
 *
 * <p>How the sessions reach the broker is the component's: {@code brokerUrl}, {@code username}, {@code password},
 * {@code caCertificate} and {@code sessionExpiryInterval}, set as options or all at once from {@link MqttSettings}.
 */
@Component("hivemq-mqtt5")
public class HiveMqttComponent extends HealthCheckComponent {

    @Metadata(defaultValue = "tcp://localhost:1883",
            description = "The broker every session of this component connects to: tcp://host:port, or ssl://host:port"
                    + " for TLS (which needs caCertificate).")
    private String brokerUrl = "tcp://localhost:1883";
    @Metadata(label = "security", secret = true, description = "The MQTT username; the sessions connect anonymously"
            + " without one.")
    private String username;
    @Metadata(label = "security", secret = true, description = "The password that goes with username.")
    private String password;
    @Metadata(label = "security", description = "The PEM file of the CA certificate(s) that an ssl:// broker's"
            + " certificate must chain to; the certificate must also name the broker's host.")
    private String caCertificate;
    @Metadata(label = "advanced", defaultValue = "86400", description = "How long, in seconds, the broker keeps a"
            + " session, and the messages queued for it, while its client is away (0 to 4294967295). The default, a"
            + " day, lets a service that is down overnight find its inputs in the morning.")
    private long sessionExpiryInterval = MqttSettings.DEFAULT_SESSION_EXPIRY_SECONDS;

    private MqttSettings settings; // guarded by this
    private final Map<String, Shared> sessions = new HashMap<>(); // guarded by this

    /** A session and how many consumers and producers use it. */
    private static final class Shared {
        final MqttSession session;
        int users;

        Shared(MqttSession session) {
            this.session = session;
        }
    }

    public HiveMqttComponent() {
    }

    /** A component whose sessions reach the broker as {@code settings} say. */
    public HiveMqttComponent(MqttSettings settings) {
        this.brokerUrl = settings.brokerUrl();
        this.username = settings.user();
        this.password = settings.password();
        this.caCertificate = settings.caPem() == null ? null : settings.caPem().toString();
        this.sessionExpiryInterval = settings.sessionExpirySeconds();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HiveMqttEndpoint endpoint = new HiveMqttEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (endpoint.getClientId() == null || endpoint.getClientId().isBlank()) {
            throw new IllegalArgumentException(uri + ": every hivemq-mqtt5 endpoint needs a clientId (it names the"
                    + " session)");
        }
        return endpoint;
    }

    @Override
    protected synchronized void doStart() throws Exception {
        super.doStart();
        settings = null;
        settings(); // a broker URL or a session expiry that cannot be used stops the start
    }

    /** The options as one value, checked; made once the options are set (when the component starts). */
    synchronized MqttSettings settings() {
        if (settings == null) {
            settings = new MqttSettings(brokerUrl, username, password,
                    caCertificate == null ? null : Path.of(caCertificate), sessionExpiryInterval);
        }
        return settings;
    }

    /** The session of this client id, connected; opened by its first user. */
    synchronized MqttSession acquire(String clientId) {
        Shared shared = sessions.get(clientId);
        if (shared == null) {
            MqttSession session = new MqttSession(clientId, settings());
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

    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    public void setCaCertificate(String caCertificate) {
        this.caCertificate = caCertificate;
    }

    public long getSessionExpiryInterval() {
        return sessionExpiryInterval;
    }

    public void setSessionExpiryInterval(long sessionExpiryInterval) {
        this.sessionExpiryInterval = sessionExpiryInterval;
    }
}
