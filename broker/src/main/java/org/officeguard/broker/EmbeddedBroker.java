package org.officeguard.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The MQTT 5 broker (HiveMQ Community Edition, embedded) that officeguard starts when no external broker is
 * given. Anonymous access, in-memory persistence, one TCP listener; its configuration lives in a temporary
 * folder that {@link #close()} deletes.
 *
 * <p>With HiveMQ's defaults a subscriber that falls behind its publishers silently loses QoS 1 messages (of 20,000
 * published in ~4 s, 4,000 to 7,000 arrive). {@link #MAX_QUEUE_SIZE} stops the loss; {@link #INFLIGHT_WINDOW}
 * removes the throughput ceiling that made the subscriber fall behind.
 *
 * <p>Logging: this class does not configure logging, and HiveMQ's own logging bootstrap is switched off, so the
 * application's logback configuration applies. HiveMQ logs under {@code com.hivemq}, {@code migrations},
 * {@code event.*} and (via its dependencies) {@code io.netty}, {@code oshi}, {@code jetbrains.exodus}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * Per-client queue of QoS 1/2 messages waiting to be sent. HiveMQ's default is 1000 with strategy
     * {@code discard}: every message that arrives while 1000 are waiting for a subscriber is dropped, visible only
     * in the {@code com.hivemq.messages.dropped.count} metric and a DEBUG line on logger
     * {@code event.message-dropped}. A queued badge-sized message costs about 300 bytes of heap, so this bound is
     * roughly 300 MB for a subscriber that stops reading altogether.
     */
    static final long MAX_QUEUE_SIZE = 1_000_000;

    /**
     * Unacknowledged messages HiveMQ sends to one subscriber (still capped by the client's receive maximum).
     * HiveMQ sends a subscriber's queue in batches of this size and fetches the next batch only when every message
     * of the previous one is acknowledged. A client without TCP_NODELAY (Paho's default) sends all but the first
     * PUBACK of a batch only after the broker's delayed TCP ACK (40 ms on Linux): with HiveMQ's 50 such a
     * subscriber gets at most ~1,100 messages/s however fast it is, and anything faster piles up in the queue
     * above. 1000 lifts that ceiling past what a single publisher produces. It also bounds a subscriber that
     * acknowledges in groups: reporting commits and acknowledges every 100 ms, so it takes at most a window per
     * 100 ms (with 200, the benchmark's pipeline saturated at 3,300 inputs/s instead of 12,000-14,000). This knob is
     * not in config.xml; it is a static field of HiveMQ's internals, so it applies to every HiveMQ in this JVM.
     */
    static final int INFLIGHT_WINDOW = 1_000;

    /** HiveMQ's own in-flight window (50), captured before this class changes it. */
    private static final int HIVEMQ_INFLIGHT_WINDOW = InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES;

    /**
     * How long HiveMQ's persistence keeps accepting work after shutdown began (HiveMQ: 2000 ms). The state is in
     * memory and thrown away anyway; shortening it makes {@link #close()} take ~2 s instead of ~4 s (the other
     * 2 s are Netty's quiet period, which HiveMQ does not let us change).
     */
    private static final int SHUTDOWN_GRACE_MILLIS = 100;

    /** Name of HiveMQ's counter of messages it dropped, for whatever reason. */
    private static final String DROPPED_METRIC = "com.hivemq.messages.dropped.count";

    /** How often port 0 is retried when the free port we picked is taken before HiveMQ binds it. */
    private static final int PORT_ATTEMPTS = 3;

    /** Broker settings; {@link #HIVEMQ_DEFAULTS} exists so that tests can show what the tuning fixes. */
    enum Tuning { LOSSLESS, HIVEMQ_DEFAULTS }

    private final EmbeddedHiveMQ hiveMQ;
    private final Path home;
    private final String host;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(EmbeddedHiveMQ hiveMQ, Path home, String host, int port) {
        this.hiveMQ = hiveMQ;
        this.home = home;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts a broker listening on {@code host:port} and returns once it accepts connections.
     *
     * @param host the address to bind, e.g. {@code localhost} or {@code 0.0.0.0}
     * @param port the TCP port, or 0 for a free one on that host
     * @throws IllegalStateException if the broker cannot start (for instance, the port is in use)
     */
    public static EmbeddedBroker start(String host, int port) {
        return start(host, port, Tuning.LOSSLESS);
    }

    static EmbeddedBroker start(String host, int port, Tuning tuning) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        int attempts = port == 0 ? PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? freePort(host) : port;
            try {
                return startOn(host, chosen, tuning);
            } catch (IllegalStateException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.debug("Port {} was taken before the broker could bind it; trying another", chosen, e);
            }
        }
    }

    private static EmbeddedBroker startOn(String host, int port, Tuning tuning) {
        Path home = createHome(host, port, tuning);
        // Internal settings that config.xml does not cover; HiveMQ reads them when it starts (or, for the
        // window, whenever it polls a queue).
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES =
                tuning == Tuning.LOSSLESS ? INFLIGHT_WINDOW : HIVEMQ_INFLIGHT_WINDOW;
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(SHUTDOWN_GRACE_MILLIS);
        EmbeddedHiveMQ hiveMQ = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                .withoutLoggingBootstrap() // leave logback to the application
                .build();
        try {
            // Completes once the TCP listener is bound, i.e. the broker accepts connections.
            hiveMQ.start().join();
        } catch (RuntimeException e) {
            closeQuietly(hiveMQ);
            deleteRecursively(home);
            throw new IllegalStateException(
                    "Embedded MQTT broker could not start on " + host + ":" + port + " (port in use?)", e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(hiveMQ, home, host, port);
        log.info("Embedded MQTT broker listening on {}", broker.url());
        return broker;
    }

    /** {@code tcp://host:port}; a wildcard bind address is given as {@code localhost}. */
    public String url() {
        String address = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return "tcp://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Messages HiveMQ has dropped since it started (full queues and the like); 0 is the only good answer. */
    public long droppedMessages() {
        return hiveMQ.getMetricRegistry().counter(DROPPED_METRIC).getCount();
    }

    /** Stops the broker, disconnecting its clients, and deletes its temporary folders. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(hiveMQ);
            deleteRecursively(home);
            log.info("Embedded MQTT broker on port {} stopped", port);
        }
    }

    /** Writes conf/config.xml and creates the data and extensions folders HiveMQ expects. */
    private static Path createHome(String host, int port, Tuning tuning) {
        try {
            Path home = Files.createTempDirectory("officeguard-broker-");
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            Files.writeString(home.resolve("conf").resolve("config.xml"), configXml(host, port, tuning));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded broker's folders", e);
        }
    }

    static String configXml(String host, int port, Tuning tuning) {
        String mqtt = tuning == Tuning.HIVEMQ_DEFAULTS ? "" : """
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                """.formatted(MAX_QUEUE_SIZE);
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                %s    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, xmlEscape(host), mqtt);
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + host, e);
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ hiveMQ) {
        try {
            hiveMQ.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Embedded MQTT broker did not stop cleanly", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
