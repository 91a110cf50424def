package org.officeguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's own Mosquitto configuration ({@code deploy/mosquitto/mosquitto.conf} and {@code deploy/mosquitto/acl},
 * the files docker-compose mounts) running in a test: the configuration is copied with only its container paths and
 * listener ports rewritten (1883 and 8883 become free loopback ports, {@code /mosquitto/...} a temporary folder), the
 * ACL is used as shipped, the password file is made by {@code mosquitto_passwd} for every user the ACL names (each
 * with a random password), and the TLS listener gets a {@link TestCa} certificate. So what is tested is what ships.
 */
public final class DeployedMosquitto implements AutoCloseable {

    private static final Pattern USER_LINE = Pattern.compile("(?m)^\\s*user\\s+(\\S+)\\s*$");
    private static final List<Path> PASSWD_PLACES = List.of(Path.of("/usr/bin/mosquitto_passwd"),
            Path.of("/usr/local/bin/mosquitto_passwd"), Path.of("/usr/sbin/mosquitto_passwd"));

    private final MosquittoProcess process;
    private final Path dir;
    private final int plainPort;
    private final int tlsPort;
    private final TestCa ca;
    private final Map<String, String> passwords;
    private final String acl;

    private DeployedMosquitto(MosquittoProcess process, Path dir, int plainPort, int tlsPort, TestCa ca,
            Map<String, String> passwords, String acl) {
        this.process = process;
        this.dir = dir;
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.ca = ca;
        this.passwords = passwords;
        this.acl = acl;
    }

    /**
     * Starts Mosquitto with the shipped configuration and ACL, in a temporary folder of its own (the CA, the
     * passwords, the data), deleted on {@link #close()}.
     */
    public static DeployedMosquitto start() {
        Path deploy = projectRoot().resolve("deploy/mosquitto");
        try {
            Path dir = Files.createTempDirectory("officeguard-deployed-mosquitto-");
            Path config = Files.createDirectories(dir.resolve("config"));
            Path certs = Files.createDirectories(dir.resolve("certs"));
            Path data = Files.createDirectories(dir.resolve("data"));
            String acl = Files.readString(deploy.resolve("acl"), StandardCharsets.UTF_8);
            Files.writeString(config.resolve("acl"), acl, StandardCharsets.UTF_8);

            Map<String, String> passwords = new LinkedHashMap<>();
            SecureRandom random = new SecureRandom();
            for (String user : users(acl)) {
                byte[] secret = new byte[12];
                random.nextBytes(secret);
                passwords.put(user, HexFormat.of().formatHex(secret));
            }
            writePasswordFile(config.resolve("passwd"), passwords);

            TestCa ca = TestCa.create(certs);
            int plainPort = FreePort.next();
            int tlsPort = FreePort.next();
            String shipped = Files.readString(deploy.resolve("mosquitto.conf"), StandardCharsets.UTF_8);
            String rewritten = rewrite(shipped, dir, plainPort, tlsPort);
            Files.writeString(config.resolve("mosquitto.conf"), rewritten, StandardCharsets.UTF_8);
            // Mosquitto started as root (CI containers) drops to the user 'mosquitto' before it reads the password
            // file, the ACL and the certificates, and writes its persistence file as that user.
            openUp(dir, config, certs, data);
            MosquittoProcess process = MosquittoProcess.start(rewritten);
            return new DeployedMosquitto(process, dir, plainPort, tlsPort, ca, passwords, acl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the shipped Mosquitto configuration", e);
        }
    }

    /** The shipped plain listener (1883 in production). */
    public String plainUrl() {
        return "tcp://127.0.0.1:" + plainPort;
    }

    /** The shipped TLS listener (8883 in production), with a certificate for 127.0.0.1 and localhost. */
    public String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    public TestCa ca() {
        return ca;
    }

    /** The password of a user the ACL names. */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("the shipped ACL names no user '" + user + "' (it names " + passwords.keySet() + ")");
        }
        return password;
    }

    /** Every user the shipped ACL names, in its order. */
    public Set<String> users() {
        return passwords.keySet();
    }

    /** The shipped ACL's text. */
    public String acl() {
        return acl;
    }

    /** Mosquitto's log so far (refused connections and publishes are logged as notices). */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is not worth failing a test for
        }
    }

    /** The repository root: the first folder upwards from the working directory with {@code deploy/mosquitto/acl}. */
    public static Path projectRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("deploy/mosquitto/acl"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no deploy/mosquitto/acl above " + Path.of("").toAbsolutePath());
    }

    static Set<String> users(String acl) {
        Set<String> users = new LinkedHashSet<>();
        Matcher match = USER_LINE.matcher(acl);
        while (match.find()) {
            users.add(match.group(1));
        }
        return users;
    }

    /**
     * The shipped configuration with container paths and ports made local. Mosquitto options are global unless
     * {@code per_listener_settings} is on, so they also govern the plain listener {@link MosquittoProcess} adds for
     * its own start-up check.
     */
    static String rewrite(String shipped, Path dir, int plainPort, int tlsPort) {
        String config = shipped.replaceAll("(?m)^[ \t]*#.*\n", ""); // comments may name container paths too
        String unknown = config.replace("/mosquitto/config/", "").replace("/mosquitto/certs/", "")
                .replace("/mosquitto/data/", "").replaceAll("(?m)^listener (1883|8883)[ \t]*$", "");
        if (unknown.contains("/mosquitto/") || Pattern.compile("(?m)^listener ").matcher(unknown).find()) {
            throw new IllegalStateException("the shipped mosquitto.conf has a path or listener this test does not know:\n"
                    + config);
        }
        return config
                .replace("/mosquitto/config/", dir.resolve("config") + "/")
                .replace("/mosquitto/certs/", dir.resolve("certs") + "/")
                .replace("/mosquitto/data/", dir.resolve("data") + "/")
                .replaceAll("(?m)^listener 1883[ \t]*$", "listener " + plainPort + " 127.0.0.1")
                .replaceAll("(?m)^listener 8883[ \t]*$", "listener " + tlsPort + " 127.0.0.1");
    }

    static void openUp(Path dir, Path config, Path certs, Path data) throws IOException {
        try {
            for (Path folder : List.of(dir, config, certs)) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
            for (Path folder : List.of(config, certs)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // no users to drop to either
        }
    }

    static void writePasswordFile(Path file, Map<String, String> passwords) throws IOException {
        StringBuilder plain = new StringBuilder();
        passwords.forEach((user, password) -> plain.append(user).append(':').append(password).append('\n'));
        Files.writeString(file, plain, StandardCharsets.UTF_8);
        // -U hashes a file of user:password lines in place: one process for every user
        Path tool = PASSWD_PLACES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("mosquitto_passwd is not installed (it comes with Debian's mosquitto package;"
                        + " run scripts/test.sh or: apt-get install mosquitto)"));
        List<String> command = new ArrayList<>(List.of(tool.toString(), "-U", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (Files.readString(file).contains(":" + passwords.values().iterator().next())) {
            throw new IllegalStateException("mosquitto_passwd -U left a plain password in " + file);
        }
    }
}
