package org.officeguard.camel.hivemq;

import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a {@link MqttSession}'s connections end, and what the next reconnect must do about it; says so in the log and
 * counts it.
 *
 * <ul>
 * <li>The client dropped the connection because the broker broke the protocol (a packet identifier reused while in
 * flight, more in flight than the receive maximum, a malformed packet): a breach, said as a WARN.
 * <li>Three breaches in a row, each within 30 s of connecting: the broker has put a protocol error into what it keeps
 * for the session (Mosquitto before 2.0.13 under a backlog of more than 65,535) and sends it again on every
 * reconnect. The session starts afresh, which loses what the broker held for it: an ERROR, counted
 * ({@link #sessionsDiscarded}, {@link #lastDiscard}).
 * <li>The broker's DISCONNECT says the session was taken over, or it closes the connection without a DISCONNECT three
 * times in a row, each within 10 s of connecting (what Mosquitto does to the older of two clients with one id):
 * another process uses this client id. An ERROR at most once a minute, counted ({@link #sessionsTakenOver}); the two
 * keep taking the session from each other, since which one should win is the operator's decision.
 * </ul>
 *
 * <p>The client calls its connection listeners one at a time, on its event loop; the counts are read from any thread.
 */
final class Disconnects {

    private static final Logger LOG = LoggerFactory.getLogger(Disconnects.class);

    private final String clientId;
    private final String brokerUrl;
    private final ConnectionStreak breaches = new ConnectionStreak(3, Duration.ofSeconds(30)); // guarded by this
    private final ConnectionStreak silentCloses = new ConnectionStreak(3, Duration.ofSeconds(10)); // guarded by this
    private final AtomicLong discards = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();
    /** When the last takeover was logged ({@link System#nanoTime}; 0: never): once a minute is enough to be seen. */
    private volatile long takeoverLogged;
    private volatile SessionDiscard lastDiscard;

    Disconnects(String clientId, String brokerUrl) {
        this.clientId = clientId;
        this.brokerUrl = brokerUrl;
    }

    /** A connection was made (CONNACK). */
    synchronized void connected(long nanos) {
        breaches.connected(nanos);
        silentCloses.connected(nanos);
    }

    /**
     * A connection ended, or an attempt to make one failed: counts it, logs what an operator must know, and says
     * whether the reconnect starts the session afresh. {@code attempt} is the reconnector's count (0 for the first
     * reconnect after a connection), {@code delayMs} the wait before it.
     */
    boolean disconnected(long nanos, MqttDisconnectSource source, Throwable cause, int attempt, long delayMs) {
        boolean breach = source == MqttDisconnectSource.CLIENT && brokeProtocol(cause);
        boolean closedSilently = source == MqttDisconnectSource.SERVER && !(cause instanceof Mqtt5DisconnectException);
        boolean fresh;
        boolean takenOver;
        synchronized (this) {
            fresh = breaches.disconnected(nanos, breach);
            takenOver = silentCloses.disconnected(nanos, closedSilently) || saidTakenOver(source, cause);
        }
        if (fresh) {
            discarded(cause.getMessage());
        } else if (takenOver) {
            takenOver(cause.getMessage());
        } else if (breach) {
            LOG.warn("{}: the broker {} broke the MQTT protocol ({}); reconnecting", clientId, brokerUrl,
                    cause.getMessage());
        } else if (attempt == 0 && source != MqttDisconnectSource.USER) {
            LOG.warn("{} lost its connection to {} ({}): reconnecting", clientId, brokerUrl, cause.getMessage());
        } else {
            LOG.debug("{}: reconnecting in {} ms ({})", clientId, delayMs, cause.getMessage());
        }
        return fresh;
    }

    /** How often the session was started afresh because the broker kept breaking the protocol. */
    long sessionsDiscarded() {
        return discards.get();
    }

    /** When the session was last started afresh, and why; null if it never was. */
    SessionDiscard lastDiscard() {
        return lastDiscard;
    }

    /** How often another client took the session over. */
    long sessionsTakenOver() {
        return takeovers.get();
    }

    /**
     * Whether the client dropped the connection because of what the broker sent: a packet identifier reused while in
     * flight, more messages in flight than the receive maximum, or a malformed packet.
     */
    private static boolean brokeProtocol(Throwable cause) {
        if (!(cause instanceof Mqtt5DisconnectException disconnect)) {
            return false;
        }
        Mqtt5DisconnectReasonCode reason = disconnect.getMqttMessage().getReasonCode();
        return reason == Mqtt5DisconnectReasonCode.PROTOCOL_ERROR
                || reason == Mqtt5DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED
                || reason == Mqtt5DisconnectReasonCode.MALFORMED_PACKET;
    }

    /** The broker's DISCONNECT says another client connected with the same client id. */
    private static boolean saidTakenOver(MqttDisconnectSource source, Throwable cause) {
        return source == MqttDisconnectSource.SERVER && cause instanceof Mqtt5DisconnectException disconnect
                && disconnect.getMqttMessage().getReasonCode() == Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER;
    }

    /**
     * Two processes with one client id take the session from each other on every reconnect, and neither gets far; a
     * lost connection alone would not tell the operator why. Said as an ERROR, at most once a minute.
     */
    private void takenOver(String how) {
        long count = takeovers.incrementAndGet();
        long now = System.nanoTime();
        long last = takeoverLogged;
        if (last == 0 || now - last >= TimeUnit.MINUTES.toNanos(1)) {
            takeoverLogged = now;
            LOG.error("{}: the broker {} keeps handing this session to another client with the same client id ({};"
                    + " {} so far). Is a second process serving the same site and services with the same"
                    + " --client-id-prefix? Each takes the session from the other; reconnecting", clientId,
                    brokerUrl, how, count);
        }
    }

    /** The session is about to start afresh: said where an operator looks. */
    private void discarded(String reason) {
        discards.incrementAndGet();
        lastDiscard = new SessionDiscard(Instant.now(), reason);
        LOG.error("{}: the broker {} broke the MQTT protocol on {} connections in a row, each at once after connecting"
                + " (last: {}); it would do so on every reconnect and this service would take nothing more. Starting"
                + " a FRESH SESSION: the messages the broker held for {} are LOST (the subscriptions are renewed)."
                + " Known cause: Mosquitto before 2.0.13 with a backlog of more than 65,535 messages for one"
                + " session; upgrade the broker (docs/decisions.md).", clientId, brokerUrl,
                breaches.inARow(), reason, clientId);
    }
}
