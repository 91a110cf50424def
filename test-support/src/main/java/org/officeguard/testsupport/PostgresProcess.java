package org.officeguard.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: a fresh cluster in a temporary folder, listening on a random
 * loopback port, stopped and deleted on close. Uses Debian's {@code postgresql} package (the test
 * command installs it). PostgreSQL refuses to run as root, so as root it runs as the {@code postgres}
 * user the package creates.
 */
public final class PostgresProcess implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;
    private final Process server;

    private PostgresProcess(Path dir, Path bin, int port, Process server) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.server = server;
    }

    public static PostgresProcess start() {
        Path bin = findBin();
        try {
            Path dir = Files.createTempDirectory("officeguard-pg-");
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            run(asUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "officeguard",
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")));
            int port = FreePort.next();
            ProcessBuilder pb = new ProcessBuilder(asUser(root, List.of(bin.resolve("postgres").toString(), "-D",
                    data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + dir, "-c", "fsync=off")))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile());
            Process server = pb.start();
            PostgresProcess pg = new PostgresProcess(dir, bin, port, server);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!server.isAlive()) {
                            throw new IllegalStateException("postgres exited: " + Files.readString(dir.resolve("postgres.log")));
                        }
                        try (var connection = DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "officeguard", "")) {
                            return connection.isValid(2);
                        }
                    });
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on this server; returns its JDBC URL. */
    public String createDatabase(String name) {
        try (var connection = DriverManager.getConnection(url("postgres"), "officeguard", "");
                var st = connection.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            return url(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "officeguard";
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(command);
        return out;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBin() {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparing(Path::toString));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException ignored) {
                // fall through
            }
        }
        throw new IllegalStateException("PostgreSQL server is not installed: run the project's test command"
                + " (./officeguard test), which installs Debian's postgresql package");
    }
}
