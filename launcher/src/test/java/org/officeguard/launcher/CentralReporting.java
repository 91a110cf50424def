package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;

/**
 * Reporting at the centre: one JVM serving every site's reports on PostgreSQL, started as an operator starts it
 * ({@code serve --config A --config B --services reporting}), so that a test can kill it with SIGKILL and start it
 * again on the same data, database, port and MQTT session.
 */
final class CentralReporting implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private volatile Process process;

    private CentralReporting(List<String> command, Map<String, String> environment, Path log, int port) {
        this.command = command;
        this.environment = environment;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts reporting for {@code siteFiles} on the broker {@code brokerUrl} (as user officeguard) and the database
     * {@code jdbcUrl}; returns at once, while the JVM starts ({@link #awaitHealthy()}).
     */
    static CentralReporting start(List<Path> siteFiles, String brokerUrl, String mqttPassword, String jdbcUrl,
            String jdbcUser, Path dir, String clientIdPrefix) {
        int port = FreePort.next();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small JVM that starts quickly: the test's machine is shared and its cores are few
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Officeguard.class.getName(), "serve"));
        for (Path file : siteFiles) {
            command.addAll(List.of("--config", file.toString()));
        }
        command.addAll(List.of("--broker", brokerUrl, "--mqtt-user", "officeguard", "--clock", "event",
                "--services", "reporting", "--jdbc-url", jdbcUrl, "--http-port", Integer.toString(port),
                "--data", dir.resolve("central-data").toString(), "--client-id-prefix", clientIdPrefix));
        CentralReporting reporting = new CentralReporting(List.copyOf(command), Map.of(
                "OFFICEGUARD_MQTT_PASSWORD", mqttPassword, "OFFICEGUARD_JDBC_USER", jdbcUser,
                "OFFICEGUARD_JDBC_PASSWORD", ""), dir.resolve("central-reporting.log"), port);
        reporting.launch();
        return reporting;
    }

    /** Starts the process again as it was started first; returns once {@code /health} answers 200. */
    void restart() {
        launch();
        awaitHealthy();
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the central reporting", e);
        }
    }

    /** Waits until {@code /health} answers 200: reporting is connected and has subscribed. */
    void awaitHealthy() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("central reporting exited with " + process.exitValue() + ":\n" + log());
            }
            return LocalHttp.get(port, "/health").statusCode() == 200;
        });
    }

    /** SIGKILL: no shutdown hook, no last commit, no goodbye to the broker. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    JsonNode health() throws IOException, InterruptedException {
        return LocalHttp.json(port, "/health");
    }

    /** Reporting's event time for {@code site}, or null before its first input. */
    Instant watermark(String site) throws IOException, InterruptedException {
        String watermark = health().at("/services/reporting/sites/" + site + "/watermark").asText(null);
        return watermark == null ? null : OffsetDateTime.parse(watermark).toInstant();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            kill9();
        }
    }
}
