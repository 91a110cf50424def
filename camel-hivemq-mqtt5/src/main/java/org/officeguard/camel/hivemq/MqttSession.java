package org.officeguard.camel.hivemq;

import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientReconnector;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.reactivex.disposables.Disposable;
import io.reactivex.schedulers.Schedulers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.officeguard.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 session — one client id, one connection — that a service's consumer and producers share
 * (HiveMQ MQTT Client: Netty reads and writes the socket; nothing blocks per message). {@link HiveMqttComponent}
 * opens one per client id; it can also be used without Camel.
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
 * reuses packet identifiers — makes the client drop the connection. A broker that breaks the protocol again at once on
 * every reconnect has broken the session for good ({@link Disconnects}): the session starts afresh, which loses what
 * the broker held for it, and says so in the log and in {@link #sessionsDiscarded} (docs/decisions.md, "A broker
 * that sends more than it may").
 *
 * <p>When a connection ends, the session lets go of what the service still holds from it: the client acknowledges
 * those messages at once, which sends nothing (no PUBACK crosses a lost connection) but stops counting them against
 * the next connection's receive maximum, and the service's own acknowledgement later does nothing. The broker sends
 * them again on the next connection. Without that, the service's held messages and the broker's resend together could
 * exceed the receive maximum; and the service cannot finish them itself while disconnected, since their outputs wait
 * for PUBACKs on the same session.
 *
 * <p>Connecting fails fast (start-up stops with the reason); a connection lost later is re-established
 * with back-off (250 ms, doubling to 5 s), as long as the session is open.
 */
public final class MqttSession {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);

    /** The protocol's largest: a broker past it would have to reuse packet ids. See the class comment. */
    static final int RECEIVE_MAXIMUM = 65_535;
    private static final long TIMEOUT_SECONDS = 15;
    private static final Backoff RECONNECT = Backoff.of(250, 5_000);

    private final String clientId;
    private final MqttSettings settings;
    private final ExecutorService application;
    private final Mqtt5AsyncClient client;
    private final Disconnects disconnects;
    /**
     * Messages delivered to the service on this connection and not yet acknowledged by it, in delivery order (the
     * client counts them against its receive maximum). Guarded by itself, never by this session's lock, which a
     * delivery holds while it waits for room.
     */
    private final ArrayDeque<Mqtt5Publish> held = new ArrayDeque<>();
    /** Held messages let go when their connection ended, until the service acknowledges them. Guarded by held. */
    private final Set<Mqtt5Publish> letGo = Collections.newSetFromMap(new IdentityHashMap<>());
    /** From the end of a connection to the next CONNACK, what is delivered belongs to the ended one. Guarded by held. */
    private boolean betweenConnections;
    /** Connected once and not closed: a lost connection is re-established. */
    private volatile boolean open;
    /** The flow of every delivered message; disposed on close (it holds the client's Netty threads). */
    private volatile Disposable deliveries;

    /** Where delivered messages go; until there is a consumer they wait, unacknowledged, in delivery order. */
    private Consumer<Mqtt5Publish> handler; // guarded by this
    private final ArrayDeque<Mqtt5Publish> waiting = new ArrayDeque<>(); // guarded by this

    /** A session that connects when {@link #open} is called. */
    public MqttSession(String clientId, MqttSettings settings) {
        this.clientId = clientId;
        this.settings = settings;
        this.disconnects = new Disconnects(clientId, settings.brokerUrl());
        // Two threads: deliveries run one at a time (in order) while publishes complete on the other. What comes
        // after close (a reconnect that was under way delivering) is dropped: it is not acknowledged.
        this.application = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "officeguard-mqtt-" + clientId);
            thread.setDaemon(true);
            return thread;
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
                .addDisconnectedListener(this::disconnected);
        if (settings.user() != null) {
            builder = builder.simpleAuth().username(settings.user())
                    .password(settings.password() == null ? new byte[0]
                            : settings.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
    }

    public String clientId() {
        return clientId;
    }

    /** Connects, or throws with the broker's reason. Messages the broker kept for the session start coming at once. */
    public void open() {
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

    /**
     * {@code cleanStart}: the CONNECT asked for a fresh session (only a reconnect after the broker has broken the
     * session for good does: {@link Disconnects}).
     */
    private void connected(boolean cleanStart) {
        disconnects.connected(System.nanoTime());
        synchronized (held) {
            betweenConnections = false;
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
     * A connection ended (or an attempt to make one failed) while the session is open: lets go of what the service
     * holds from it, and reconnects, afresh if the broker has broken the session for good.
     */
    private void disconnected(MqttClientDisconnectedContext context) {
        if (!open) {
            return; // never connected (start-up reports it), or closed
        }
        int letGoNow = letGoOfHeld();
        int attempt = context.getReconnector().getAttempts();
        long delay = RECONNECT.delayAfter(attempt + 1).toMillis();
        boolean fresh = disconnects.disconnected(System.nanoTime(), context.getSource(), context.getCause(), attempt,
                delay);
        if (letGoNow > 0) {
            LOG.info("{}: let go of the {} messages the service held from the ended connection; the broker sends them"
                    + " again", clientId, letGoNow);
        }
        // Every reconnect says which session it wants: the reconnector keeps the last CONNECT it sent.
        ((Mqtt5ClientReconnector) context.getReconnector())
                .reconnect(true).republishIfSessionExpired(true).resubscribeIfSessionExpired(true)
                .connectWith().cleanStart(fresh).applyConnect()
                .delay(fresh ? 0 : delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Acknowledges to the client, at once, every message the service holds from the connection that ended; returns how
     * many. No PUBACK goes out (the client sends none for an earlier connection, and the broker sends them again), but
     * the client stops counting them against the next connection's receive maximum. The acknowledgements run on the
     * client's event loop before the reconnect does. The service's own acknowledgements of them, later, do nothing.
     */
    private int letGoOfHeld() {
        synchronized (held) {
            betweenConnections = true;
            int count = held.size();
            for (Mqtt5Publish message : held) {
                message.acknowledge();
                letGo.add(message);
            }
            held.clear();
            return count;
        }
    }

    /** How often another client took this session over. */
    public long sessionsTakenOver() {
        return disconnects.sessionsTakenOver();
    }

    /** How often this session was started afresh because the broker kept breaking the protocol. */
    public long sessionsDiscarded() {
        return disconnects.sessionsDiscarded();
    }

    /** When the session was last started afresh, and why; null if it never was. */
    public SessionDiscard lastDiscard() {
        return disconnects.lastDiscard();
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    /** Subscribes at QoS 1, or throws if the broker refuses one of the filters. Not on the application thread. */
    public void subscribe(List<String> filters) {
        List<Mqtt5Subscription> subscriptions = filters.stream()
                .map(filter -> Mqtt5Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build())
                .toList();
        Mqtt5SubAck ack;
        try {
            ack = client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subscriptions).build())
                    .get(2 * TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException(clientId + " could not subscribe to " + filters + ": " + e, e);
        }
        for (int index = 0; index < ack.getReasonCodes().size(); index++) {
            if (ack.getReasonCodes().get(index).isError()) {
                throw new IllegalStateException("the broker refused " + clientId + " the subscription to "
                        + filters.get(index) + " (" + ack.getReasonCodes().get(index) + ")");
            }
        }
    }

    /**
     * Hands every delivered message to {@code consumer}, first those that waited for it. Delivery waits while the
     * consumer takes them (under this session's lock: a message delivered meanwhile comes after them).
     */
    public synchronized void attach(Consumer<Mqtt5Publish> consumer) {
        while (!waiting.isEmpty()) {
            consumer.accept(waiting.pollFirst());
        }
        handler = consumer;
    }

    /** Delivered messages wait again (unacknowledged: the broker sends them again to the next session). */
    public synchronized void detach() {
        handler = null;
    }

    /**
     * Acknowledges a delivered message (the client sends the PUBACKs in delivery order; one meant for an earlier
     * connection is dropped). Every delivered message must be acknowledged through here.
     */
    public void acknowledge(Mqtt5Publish message) {
        synchronized (held) {
            if (held.peekFirst() == message) {
                held.pollFirst();
            } else if (letGo.remove(message)) {
                return; // let go when its connection ended: already acknowledged to the client
            } else if (!removeLater(message)) {
                throw new IllegalStateException(clientId + ": acknowledged a message it does not hold: "
                        + message.getTopic());
            }
            message.acknowledge();
        }
    }

    /** An acknowledgement out of delivery order (the consumer never gives one; a caller of the session may). */
    private boolean removeLater(Mqtt5Publish message) {
        for (Iterator<Mqtt5Publish> it = held.iterator(); it.hasNext(); ) {
            if (it.next() == message) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** One message at a time, in delivery order (the client's delivery is serial; the lock orders it with attach). */
    private synchronized void delivered(Mqtt5Publish message) {
        synchronized (held) {
            if (betweenConnections) {
                // Its connection has ended: acknowledging it sends nothing, and the broker sends it again.
                message.acknowledge();
                return;
            }
            held.addLast(message);
        }
        if (handler != null) {
            handler.accept(message);
        } else {
            waiting.addLast(message);
        }
    }

    /** Publishes at QoS 1; completes, on the application thread, once the broker has acknowledged it. */
    public CompletableFuture<Mqtt5PublishResult> publish(Outbound out) {
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

    /** Disconnects (what is in flight stays with the broker's session) and ends the session's threads. */
    public void close() {
        open = false;
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                LOG.debug("{}: disconnecting: {}", clientId, e.toString());
            }
        }
        Disposable flow = deliveries;
        if (flow != null) {
            flow.dispose();
        }
        application.shutdown();
    }
}
