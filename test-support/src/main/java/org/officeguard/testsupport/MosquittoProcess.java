package org.officeguard.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Mosquitto broker for a test: its own process with a generated configuration in a temporary folder,
 * listening on a random loopback port, killed and deleted on {@link #close()}. Uses Debian's {@code mosquitto}
 * package, which the project's test command ({@code scripts/test.sh}) installs.
 *
 * <p>Unlike Mosquitto's defaults (1000 queued messages per client, then silent drops), the queue is large enough
 * that a slow subscriber in a test never loses a QoS 1 message.
 */
public final class MosquittoProcess implements AutoCloseable {

    /** Where to look besides PATH; Debian installs the broker in /usr/sbin, which is often not on PATH. */
    private static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/sbin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"));

    /**
     * The configuration line for {@link #start(String)} that makes Mosquitto log every packet, each PUBLISH it
     * receives with its sender's client id: what {@link #publishersOf} reads. A log line per packet: for small tests.
     */
    public static final String LOG_EVERY_PACKET = "log_type debug";

    /** Mosquitto 2's debug line for a PUBLISH it receives: client id, flags, message id, topic, size. */
    private static final Pattern RECEIVED_PUBLISH = Pattern.compile(
            "Received PUBLISH from (\\S+) \\(d\\d, q\\d, r\\d, m\\d+, '(.*)', \\.\\.\\. \\(\\d+ bytes\\)\\)");

    private static final String HOST = "127.0.0.1";
    private static final int PORT_ATTEMPTS = 3;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private volatile Process process;
    private final Path dir;
    private final int port;
    private final Thread killOnExit;

    private MosquittoProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        // Do not leave a broker behind if the test JVM exits without closing this one.
        this.killOnExit = new Thread(() -> this.process.destroyForcibly(), "kill-mosquitto-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Stops the broker (SIGTERM: with {@code persistence true} it saves its sessions and queues) and starts
     * it again on the same port with the same configuration; returns once it accepts connections.
     */
    public void restart() {
        stop(process);
        try {
            Path executable = locate(candidates());
            process = new ProcessBuilder(executable.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart mosquitto", e);
        }
        await().atMost(STARTUP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited on restart:\n" + log());
                    }
                    return accepts(port);
                });
    }

    /** Starts Mosquitto and returns once it accepts connections. */
    public static MosquittoProcess start() {
        return start("");
    }

    /**
     * Starts Mosquitto with {@code extraConfigLines} appended to the generated configuration: after the
     * {@code listener} line, so listener options ({@code certfile}, {@code require_certificate}, ...) apply to it,
     * and after {@code allow_anonymous true}, which a later {@code allow_anonymous false} overrides. Relative paths
     * in them are resolved against Mosquitto's working directory, the temporary folder; prefer absolute ones.
     */
    public static MosquittoProcess start(String extraConfigLines) {
        Path executable = locate(candidates());
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                return startOn(executable, port, extraConfigLines);
            } catch (PortTakenException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw new IllegalStateException("mosquitto could not bind a free port: " + e.getMessage());
                }
            }
        }
    }

    /**
     * The installed broker's version ({@code mosquitto -h} prints it on its first line), as numbers: {@code [2, 0, 11]}.
     * For tests of a defect that only some versions have.
     */
    public static int[] version() {
        Path executable = locate(candidates());
        try {
            Process help = new ProcessBuilder(executable.toString(), "-h").redirectErrorStream(true).start();
            String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            help.waitFor(5, TimeUnit.SECONDS);
            Matcher match = Pattern.compile("mosquitto version (\\d+)\\.(\\d+)\\.(\\d+)")
                    .matcher(out);
            if (!match.find()) {
                throw new IllegalStateException(executable + " -h did not print its version:\n" + out);
            }
            return new int[] {Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)),
                    Integer.parseInt(match.group(3))};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable + " -h", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + executable + " its version", e);
        }
    }

    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Everything Mosquitto has logged so far (connections, refusals, errors). */
    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The client id of every PUBLISH to {@code topic} the broker has received so far, in order, one per message (a
     * client's resend of the same message too). Needs {@link #LOG_EVERY_PACKET}; without it, always empty.
     */
    public List<String> publishersOf(String topic) {
        List<String> publishers = new ArrayList<>();
        Matcher line = RECEIVED_PUBLISH.matcher(log());
        while (line.find()) {
            if (line.group(2).equals(topic)) {
                publishers.add(line.group(1));
            }
        }
        return publishers;
    }

    /** Stops Mosquitto (SIGTERM, then SIGKILL after 5 s), waits for it to exit and deletes its folder. */
    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to undo
        }
        deleteRecursively(dir);
    }

    private static MosquittoProcess startOn(Path executable, int port, String extraConfigLines) {
        Path dir;
        try {
            dir = Files.createTempDirectory("officeguard-mosquitto-");
            Files.writeString(dir.resolve("mosquitto.conf"), config(port, extraConfigLines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mosquitto configuration", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
        } catch (IOException e) {
            deleteRecursively(dir);
            throw new UncheckedIOException("cannot run " + executable, e);
        }
        MosquittoProcess mosquitto = new MosquittoProcess(process, dir, port);
        try {
            await().atMost(STARTUP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("mosquitto exited with code " + process.exitValue());
                        }
                        return accepts(port);
                    });
            return mosquitto;
        } catch (RuntimeException e) {
            String log = mosquitto.log();
            mosquitto.close();
            if (log.contains("Address already in use")) {
                throw new PortTakenException(port);
            }
            throw new IllegalStateException("mosquitto did not start on port " + port + ": " + e.getMessage()
                    + "\n--- mosquitto.log ---\n" + log, e);
        }
    }

    static String config(int port, String extraConfigLines) {
        return """
                # generated by officeguard's MosquittoProcess
                persistence false
                log_dest stderr
                log_type error
                log_type warning
                log_type notice
                log_type information
                log_timestamp_format %%Y-%%m-%%dT%%H:%%M:%%S
                # Per client: QoS 1/2 messages queued beyond those in flight (the default, 1000, drops the rest).
                max_queued_messages 1000000
                # Unacknowledged QoS 1/2 messages per client; for MQTT 5 also the receive maximum told to clients.
                max_inflight_messages 100
                listener %d %s
                allow_anonymous true
                """.formatted(port, HOST) + extraConfigLines + "\n";
    }

    /** The first executable candidate; fails with what to do when there is none. */
    static Path locate(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "mosquitto is not installed (looked in PATH and " + USUAL_PLACES + "). Run the project's test command, "
                        + "scripts/test.sh, which installs it, or: apt-get install mosquitto"));
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry, "mosquitto"));
            }
        }
        candidates.addAll(USUAL_PLACES);
        return candidates;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is not worth failing a test for
        }
    }

    /** The randomly chosen port was taken between choosing it and Mosquitto binding it. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(int port) {
            super("port " + port + " already in use");
        }
    }
}
