package org.officeguard.camel.hivemq;

import java.net.URI;
import java.nio.file.Path;

/**
 * How every MQTT session of a process reaches the broker.
 *
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}
 * @param user the MQTT username; null for anonymous
 * @param password with {@code user}
 * @param caPem PEM file of the CA that signed an {@code ssl://} broker's certificate; null for tcp
 * @param sessionExpirySeconds how long the broker keeps a session (and the inputs queued for it) while its client is away
 */
public record MqttSettings(String brokerUrl, String user, String password, Path caPem, long sessionExpirySeconds) {

    /** A day: a service that is down overnight still finds its inputs in the morning. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 86_400;

    public MqttSettings {
        URI uri = URI.create(brokerUrl);
        if (!("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the broker must be tcp://host:port or ssl://host:port, not " + brokerUrl);
        }
        if ("ssl".equals(uri.getScheme()) && caPem == null) {
            throw new IllegalArgumentException(brokerUrl + " uses TLS: the broker's CA certificate is needed");
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("session expiry must be 0.." + 0xFFFF_FFFFL + " s, not " + sessionExpirySeconds);
        }
    }

    /** Anonymous, plain TCP, sessions kept for a day. */
    public static MqttSettings of(String brokerUrl) {
        return new MqttSettings(brokerUrl, null, null, null, DEFAULT_SESSION_EXPIRY_SECONDS);
    }

    boolean tls() {
        return brokerUrl.startsWith("ssl://");
    }

    String host() {
        return URI.create(brokerUrl).getHost();
    }

    int port() {
        int port = URI.create(brokerUrl).getPort();
        return port > 0 ? port : tls() ? 8883 : 1883;
    }
}
