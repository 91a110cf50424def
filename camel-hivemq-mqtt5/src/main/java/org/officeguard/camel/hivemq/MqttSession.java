package org.officeguard.camel.hivemq;

import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientReconnector;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.reactivex.disposables.Disposable;
import io.reactivex.schedulers.Schedulers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 session — one client id, one connection — that a service's inbox and publishers share
 * (HiveMQ MQTT Client: Netty reads and writes the socket; nothing blocks per message).
 *
 * <p>What the session hands back runs on its two application threads: the messages the broker delivers, one at
 * a time and in delivery order, and the completions of publishes (PUBACKs). Delivery may wait (the consumer
 * bounds what it holds unacknowledged); the PUBACKs that end the wait complete on the other thread.
 *
 * <p>The session is durable ({@code cleanStart=false}): inputs that arrive while the service is away wait
 * at the broker, and in-flight publishes are sent again after a reconnect. Messages are acknowledged by
 * hand, through {@link #acknowledge}; the client sends the PUBACKs in delivery order, and drops an
 * acknowledgement meant for an earlier connection (the broker sends that message again).
 *
 * <p>The receive maximum announced to the broker is the protocol's largest; the bound on what a service holds is
 * the consumer's own ({@link HiveMqttConsumer}) and the broker's in-flight limit. A broker that breaks the protocol
 * anyway — Mosquitto before 2.0.13 sends a session's whole backlog at once, and past 65,535 unacknowledged messages
 * reuses packet identifiers — makes the client drop the connection. Before reconnecting after such a breach the
 * session waits until the service has acknowledged what it holds (the client counts that against the next
 * connection's receive maximum). A broker that breaks the protocol again at once on every reconnect has broken the
 * session for good ({@link #breaches}): the session starts afresh, which loses what the broker held for it,
 * and says so in the log and on {@code /health} (docs/decisions.md, "A broker that sends more than it may").
 *
 * <p>Connecting fails fast (start-up stops with the reason); a connection lost later is re-established
 * with back-off, as long as the session is open.
 */
final class MqttSession {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);

    /** The protocol's largest: a broker past it would have to reuse packet ids. See the class comment. */
    static final int RECEIVE_MAXIMUM = 65_535;
    private static final long TIMEOUT_SECONDS = 15;
    private static final long FIRST_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 5_000;
    /** After a breach, how long a reconnect waits at most for the service to work through what it holds. */
    private static final Duration WORK_THROUGH_LIMIT = Duration.ofMinutes(2);

    private final String clientId;
    private final MqttSettings settings;
    private final ExecutorService application;
    private final Mqtt5AsyncClient client;
    /**
     * When a broker that keeps breaking the protocol leaves no way on but a fresh session: three breaches in a row,
     * each within 30 s of connecting. A broker that has put a protocol error into what it keeps for a session (two
     * unacknowledged messages under one packet id, Mosquitto before 2.0.13 under a backlog over 65,535, or more of
     * them than the receive maximum) sends it again on every reconnect, and the client drops every connection again.
     * Guards {@link #silentCloses} too.
     */
    private final ConnectionStreak breaches = new ConnectionStreak(3, Duration.ofSeconds(30));
    /**
     * When another client probably uses this client id: the broker closes the connection without a DISCONNECT three
     * times in a row, each within 10 s of connecting (what Mosquitto does to the older of two clients with one id;
     * HiveMQ says so in its DISCONNECT).
     */
    private final ConnectionStreak silentCloses = new ConnectionStreak(3, Duration.ofSeconds(10));
    private final AtomicLong discards = new AtomicLong();
    /** Times another client connected with this client id and took the session. */
    private final AtomicLong takeovers = new AtomicLong();
    /** When the last takeover was logged (nanoTime; 0: never): once a minute is enough to be seen. */
    private volatile long takeoverLogged;
    private volatile SessionDiscard lastDiscard;
    /** Messages delivered and not yet acknowledged by the service: the client counts them against its receive maximum. */
    private final AtomicLong unacknowledged = new AtomicLong();
    /** Completed once the service has acknowledged every message delivered to it; set after a breach. */
    private volatile CompletableFuture<Void> workedThrough;
    /** Connected once and not closed: a lost connection is re-established. */
    private volatile boolean open;
    /** The flow of every delivered message; disposed on close (it holds the client's Netty threads). */
    private volatile Disposable deliveries;

    /** Where delivered messages go; until there is a consumer they wait, unacknowledged, in delivery order. */
    private Consumer<Mqtt5Publish> handler; // guarded by this
    private final ArrayDeque<Mqtt5Publish> waiting = new ArrayDeque<>(); // guarded by this

    MqttSession(String clientId, MqttSettings settings) {
        this.clientId = clientId;
        this.settings = settings;
        // Two threads: deliveries run one at a time (in order) while publishes complete on the other. What comes
        // after close (a reconnect that was under way delivering) is dropped: it is not acknowledged.
        this.application = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "officeguard-mqtt-" + clientId);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        MqttClientTransportConfigBuilder transport = MqttClientTransportConfig.builder()
                .serverHost(settings.host())
                .serverPort(settings.port())
                .socketConnectTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .mqttConnectTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (settings.tls()) {
            transport = transport.sslConfig().trustManagerFactory(MqttTls.trustManagers(settings.caPem())).applySslConfig();
        }
        Mqtt5ClientBuilder builder = Mqtt5Client.builder()
                .identifier(clientId)
                .transportConfig(transport.build())
                .executorConfig().applicationScheduler(Schedulers.from(application)).applyExecutorConfig()
                .addConnectedListener(context ->
                        connected(((Mqtt5ClientConnectedContext) context).getConnect().isCleanStart()))
                .addDisconnectedListener(context -> {
                    if (!open) {
                        return; // never connected (start-up reports it), or closed
                    }
                    Throwable cause = context.getCause();
                    boolean breach = context.getSource() == MqttDisconnectSource.CLIENT && brokeProtocol(cause);
                    boolean fresh;
                    boolean takenOver;
                    boolean saidTakenOver = saidTakenOver(context.getSource(), cause);
                    boolean closedSilently = context.getSource() == MqttDisconnectSource.SERVER
                            && !(cause instanceof Mqtt5DisconnectException);
                    synchronized (breaches) {
                        long now = System.nanoTime();
                        fresh = breaches.disconnected(now, breach);
                        takenOver = silentCloses.disconnected(now, closedSilently) || saidTakenOver;
                    }
                    int attempt = context.getReconnector().getAttempts();
                    long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt, 5));
                    if (fresh) {
                        discarded(cause.getMessage());
                    } else if (takenOver) {
                        takenOver(cause.getMessage());
                    } else if (breach) {
                        LOG.warn("{}: the broker {} broke the MQTT protocol ({}); reconnecting", clientId,
                                settings.brokerUrl(), cause.getMessage());
                    } else if (attempt == 0 && context.getSource() != MqttDisconnectSource.USER) {
                        LOG.warn("{} lost its connection to {} ({}): reconnecting", clientId, settings.brokerUrl(),
                                cause.getMessage());
                    } else {
                        LOG.debug("{}: reconnecting in {} ms ({})", clientId, delay, cause.getMessage());
                    }
                    // Every reconnect says which session it wants: the reconnector keeps the last CONNECT it sent.
                    Mqtt5ClientReconnector reconnector = ((Mqtt5ClientReconnector) context.getReconnector())
                            .reconnect(true).republishIfSessionExpired(true).resubscribeIfSessionExpired(true)
                            .connectWith().cleanStart(fresh).applyConnect()
                            .delay(fresh ? 0 : delay, TimeUnit.MILLISECONDS);
                    if (breach) {
                        // What the service still holds from the broken connection counts against the receive maximum
                        // of the next one until it is acknowledged: resent on top of it, it would break that one too.
                        // (With a callback the client waits on the event loop; without, on whichever thread
                        // acknowledged last, where the reconnect cannot start.)
                        reconnector.reconnectWhen(workedThrough().orTimeout(WORK_THROUGH_LIMIT.toSeconds(),
                                TimeUnit.SECONDS), (done, timedOut) -> {
                                    if (timedOut != null) {
                                        LOG.warn("{}: reconnecting although the service still holds {} messages"
                                                + " after {} s", clientId, unacknowledged.get(),
                                                WORK_THROUGH_LIMIT.toSeconds());
                                    }
                                });
                    }
                });
        if (settings.user() != null) {
            builder = builder.simpleAuth().username(settings.user())
                    .password(settings.password() == null ? new byte[0]
                            : settings.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
    }

    String clientId() {
        return clientId;
    }

    /** Connects, or throws with the broker's reason. Messages the broker kept for the session start coming at once. */
    void open() {
        // Before CONNECT: the broker may send what it kept for the session right after the CONNACK, and a
        // message nobody takes by hand would be acknowledged by the client at once, unhandled.
        deliveries = client.toRx().publishes(MqttGlobalPublishFilter.ALL, true).subscribe(this::delivered,
                e -> LOG.error("{}: deliveries ended: {}", clientId, e.toString(), e));
        try {
            client.connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(settings.sessionExpirySeconds())
                    .restrictions().receiveMaximum(RECEIVE_MAXIMUM).sendTopicAliasMaximum(0).applyRestrictions()
                    .send().get(2 * TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot connect to the MQTT broker " + settings.brokerUrl() + " as " + clientId
                    + ": " + cause, cause);
        }
        open = true;
        LOG.info("{} connected to {}", clientId, settings.brokerUrl());
    }

    /** {@code cleanStart}: the CONNECT asked for a fresh session (only a reconnect after {@link #discarded} does). */
    private void connected(boolean cleanStart) {
        synchronized (breaches) {
            long now = System.nanoTime();
            breaches.connected(now);
            silentCloses.connected(now);
        }
        if (open && cleanStart) {
            LOG.warn("{} connected to {} with a fresh session; subscribing again", clientId, settings.brokerUrl());
        } else if (open) {
            LOG.info("{} reconnected to {}", clientId, settings.brokerUrl());
        } else if (application.isShutdown()) {
            client.disconnect(); // a reconnect that was already under way when the session closed
        }
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
     * Two processes with one client id take the session from each other on every reconnect, and neither gets far:
     * the log said only that the connection was lost. Said as an ERROR, at most once a minute, and counted on
     * {@code /health} ({@code sessionsTakenOver}).
     */
    private void takenOver(String how) {
        long n = takeovers.incrementAndGet();
        long now = System.nanoTime();
        long last = takeoverLogged;
        if (last == 0 || now - last >= TimeUnit.MINUTES.toNanos(1)) {
            takeoverLogged = now;
            LOG.error("{}: the broker {} keeps handing this session to another client with the same client id ({};"
                    + " {} so far). Is a second process serving the same site and services with the same"
                    + " --client-id-prefix? Each takes the session from the other; reconnecting", clientId,
                    settings.brokerUrl(), how, n);
        }
    }

    /** How often another client took this session over. */
    long sessionsTakenOver() {
        return takeovers.get();
    }

    /** The session is about to start afresh: say so where an operator looks (the log, and {@code /health}). */
    private void discarded(String reason) {
        discards.incrementAndGet();
        lastDiscard = new SessionDiscard(Instant.now(), reason);
        LOG.error("{}: the broker {} broke the MQTT protocol on {} connections in a row, each at once after connecting"
                + " (last: {}); it would do so on every reconnect and this service would take nothing more. Starting"
                + " a FRESH SESSION: the messages the broker held for {} are LOST (the subscriptions are renewed)."
                + " Known cause: Mosquitto before 2.0.13 with a backlog of more than 65,535 messages for one"
                + " session; upgrade the broker (docs/decisions.md).", clientId, settings.brokerUrl(),
                breaches.inARow(), reason, clientId);
    }

    /** How often this session was started afresh because the broker kept breaking the protocol. */
    long sessionsDiscarded() {
        return discards.get();
    }

    /** When the session was last started afresh, and why; null if it never was. */
    SessionDiscard lastDiscard() {
        return lastDiscard;
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    /** Subscribes at QoS 1, or throws if the broker refuses one of the filters. Not on the application thread. */
    void subscribe(List<String> filters) {
        List<Mqtt5Subscription> subscriptions = filters.stream()
                .map(f -> Mqtt5Subscription.builder().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).build())
                .toList();
        Mqtt5SubAck ack;
        try {
            ack = client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subscriptions).build())
                    .get(2 * TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException(clientId + " could not subscribe to " + filters + ": " + e, e);
        }
        for (int i = 0; i < ack.getReasonCodes().size(); i++) {
            if (ack.getReasonCodes().get(i).isError()) {
                throw new IllegalStateException("the broker refused " + clientId + " the subscription to "
                        + filters.get(i) + " (" + ack.getReasonCodes().get(i) + ")");
            }
        }
    }

    /**
     * Hands every delivered message to {@code consumer}, first those that waited for it. Delivery waits while the
     * consumer takes them (under this session's lock: a message delivered meanwhile comes after them).
     */
    synchronized void attach(Consumer<Mqtt5Publish> consumer) {
        while (!waiting.isEmpty()) {
            consumer.accept(waiting.pollFirst());
        }
        handler = consumer;
    }

    /** Delivered messages wait again (unacknowledged: the broker sends them again to the next session). */
    synchronized void detach() {
        handler = null;
    }

    /**
     * Acknowledges a delivered message (the client sends the PUBACKs in delivery order; one meant for an earlier
     * connection is dropped). Every delivered message must be acknowledged through here.
     */
    void acknowledge(Mqtt5Publish message) {
        message.acknowledge();
        if (unacknowledged.decrementAndGet() == 0) {
            CompletableFuture<Void> f = workedThrough;
            if (f != null) {
                f.complete(null);
            }
        }
    }

    /** Completes once the service has acknowledged every message delivered to it so far. */
    private CompletableFuture<Void> workedThrough() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        workedThrough = f;
        if (unacknowledged.get() == 0) {
            f.complete(null);
        }
        return f;
    }

    /** One message at a time, in delivery order (the client's delivery is serial; the lock orders it with attach). */
    private synchronized void delivered(Mqtt5Publish message) {
        unacknowledged.incrementAndGet();
        if (handler != null) {
            handler.accept(message);
        } else {
            waiting.addLast(message);
        }
    }

    /** Publishes at QoS 1; completes, on the application thread, once the broker has acknowledged it. */
    CompletableFuture<Mqtt5PublishResult> publish(Outbound out) {
        var message = client.publishWith().topic(out.topic()).qos(MqttQos.AT_LEAST_ONCE).retain(out.retained())
                .payload(out.payload());
        if (out.correlationData() != null) {
            message = message.correlationData(out.correlationData());
        }
        return message.send();
    }

    /**
     * Drops the connection and connects again: the broker sends every message not yet acknowledged again, and
     * acknowledgements still to come for the old connection are dropped.
     */
    void restart() {
        LOG.warn("{}: restarting the session", clientId);
        client.disconnect(); // the disconnected listener reconnects while the session is open
    }

    void close() {
        open = false;
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                LOG.debug("{}: disconnecting: {}", clientId, e.toString());
            }
        }
        Disposable d = deliveries;
        if (d != null) {
            d.dispose();
        }
        application.shutdown();
    }
}
