package org.officeguard.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The many-site deployment in a test: the centre's Mosquitto ({@code deploy/central}) and one Mosquitto per site
 * ({@code deploy/site}), each site bridged to the centre as {@code deploy/add-site.sh} generates it. The script runs
 * on a copy of the deploy folder, and the generated files are used with only container paths and ports rewritten
 * (as {@link DeployedMosquitto} does), plus the bridge's address, which is the site's own {@link TcpProxy} (its
 * "line") to the centre's TLS listener, and its {@code restart_timeout}, so that a restored line is redialled within
 * a second. One {@link TestCa} signs the centre's and the sites' certificates; every user any of the ACLs names has
 * one random password, the same in every broker's password file (made with {@code mosquitto_passwd}).
 */
public final class BridgedSites implements AutoCloseable {

    /** The name of the centre's broker in {@link #log(String)}. */
    public static final String CENTRAL = "central";

    private static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** The deploy files add-site.sh reads and changes: copied, so that the original stays as shipped. */
    private static final List<String> DEPLOY_FILES = List.of("add-site.sh", "site/mosquitto.conf",
            "site/bridge.conf.template", "site/acl.template", "site/docker-compose.yml", "central/mosquitto.conf",
            "central/acl", "central/acl-site.template", "central/docker-compose.yml");
    private static final Duration BRIDGES_UP = Duration.ofSeconds(30);
    private static final String STATE_TOPICS = "$SYS/broker/connection/+/state";

    private final Path dir;
    private final Map<String, Broker> brokers;
    private final Map<String, TcpProxy> lines;
    private final Map<String, String> passwords;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final TestCa ca;
    private TestMqttClient stateWatcher;

    /** A running broker: its process and its two listeners (1883 and 8883 in the shipped files). */
    private record Broker(MosquittoProcess process, int plainPort, int tlsPort) {}

    private BridgedSites(Path dir, TestCa ca, Map<String, String> passwords) {
        this.dir = dir;
        this.ca = ca;
        this.passwords = passwords;
        this.brokers = new LinkedHashMap<>();
        this.lines = new LinkedHashMap<>();
    }

    /**
     * The centre's broker and one broker per site, from deploy/central and deploy/site as generated for these sites;
     * each site's bridge dials the centre's TLS listener through a TcpProxy of its own (its "line"). Returns once
     * every bridge is connected and carries messages both ways: a probe published at each site (not retained, on its
     * dead-letter topic, which no service reads) has reached the centre, so the bridge's subscriptions at the centre,
     * sent before anything it carries up, are in place too.
     */
    public static BridgedSites start(List<String> sites) {
        if (sites.isEmpty() || sites.contains(CENTRAL) || sites.stream().distinct().count() != sites.size()) {
            throw new IllegalArgumentException("sites must be distinct, not '" + CENTRAL + "', at least one: " + sites);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("officeguard-bridged-sites-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BridgedSites bridged = null;
        try {
            SecureRandom random = new SecureRandom();
            Map<String, String> bridgePasswords = new LinkedHashMap<>();
            for (String site : sites) {
                bridgePasswords.put("bridge-" + site, randomPassword(random));
            }
            Path deploy = generateDeploy(dir.resolve("deploy"), sites, "127.0.0.1", bridgePasswords);

            Map<String, String> passwords = new LinkedHashMap<>(bridgePasswords);
            List<Path> acls = new ArrayList<>(List.of(deploy.resolve("central/acl")));
            sites.forEach(site -> acls.add(deploy.resolve("site/" + site + "/acl")));
            for (Path acl : acls) {
                for (String user : DeployedMosquitto.users(Files.readString(acl, StandardCharsets.UTF_8))) {
                    passwords.computeIfAbsent(user, u -> randomPassword(random));
                }
            }
            Path passwd = dir.resolve("passwd");
            DeployedMosquitto.writePasswordFile(passwd, passwords);
            TestCa ca = TestCa.create(Files.createDirectories(dir.resolve("ca")));

            bridged = new BridgedSites(dir, ca, Map.copyOf(passwords));
            Broker central = bridged.startBroker(CENTRAL, deploy.resolve("central/mosquitto.conf"),
                    deploy.resolve("central/acl"), passwd, null);
            bridged.stateWatcher = TestMqttClient.connect(bridged.centralUrl(), "bridged-sites-state-watcher",
                    "officeguard", bridged.password("officeguard"), null);
            bridged.opened.add(bridged.stateWatcher);
            bridged.stateWatcher.subscribe(STATE_TOPICS);
            for (String site : sites) {
                TcpProxy line = TcpProxy.to(central.tlsPort());
                bridged.lines.put(site, line);
                bridged.opened.add(line);
                String bridge = rewriteBridge(Files.readString(deploy.resolve("site/" + site + "/bridge.conf")),
                        line.port());
                bridged.startBroker(site, deploy.resolve("site/mosquitto.conf"), deploy.resolve("site/" + site + "/acl"),
                        passwd, bridge);
            }
            bridged.awaitBridgesCarry(sites);
            return bridged;
        } catch (IOException e) {
            closeAfterFailure(bridged, dir);
            throw new UncheckedIOException("cannot prepare the bridged brokers in " + dir, e);
        } catch (RuntimeException | Error e) {
            closeAfterFailure(bridged, dir);
            throw e;
        }
    }

    /**
     * Copies the deploy files to {@code target} and runs the copy of {@code add-site.sh} there for each site, with
     * the given passwords of the users {@code bridge-SITE}; returns {@code target}, the generated deploy folder.
     */
    public static Path generateDeploy(Path target, List<String> sites, String centralHost,
            Map<String, String> bridgePasswords) {
        Path shipped = DeployedMosquitto.projectRoot().resolve("deploy");
        try {
            for (String file : DEPLOY_FILES) {
                Path copy = target.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(shipped.resolve(file), copy, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the deploy files to " + target, e);
        }
        for (String site : sites) {
            String password = bridgePasswords.get("bridge-" + site);
            if (password == null) {
                throw new IllegalArgumentException("no password for bridge-" + site);
            }
            addSite(target, site, centralHost, password);
        }
        return target;
    }

    /** Runs {@code add-site.sh SITE CENTRAL_HOST} of the deploy folder {@code deploy} (a copy: it changes it). */
    public static void addSite(Path deploy, String site, String centralHost, String bridgePassword) {
        if (!SITE_NAME.matcher(site).matches()) {
            throw new IllegalArgumentException("not a site name add-site.sh takes: " + site);
        }
        run(deploy, Map.of("BRIDGE_PASSWORD", bridgePassword), "bash", deploy.resolve("add-site.sh").toString(), site,
                centralHost);
    }

    /** tcp://127.0.0.1:PORT, the centre's plain listener (1883 in production). */
    public String centralUrl() {
        return "tcp://127.0.0.1:" + brokers.get(CENTRAL).plainPort();
    }

    /** ssl://127.0.0.1:PORT, the centre's TLS listener (8883 in production), straight, not through a site's line. */
    public String centralTlsUrl() {
        return "ssl://127.0.0.1:" + brokers.get(CENTRAL).tlsPort();
    }

    /** tcp://127.0.0.1:PORT, the site's plain listener (1883 in production). */
    public String siteUrl(String site) {
        return "tcp://127.0.0.1:" + broker(site).plainPort();
    }

    /** ssl://127.0.0.1:PORT, the site's TLS listener for its devices (8883 in production). */
    public String siteTlsUrl(String site) {
        return "ssl://127.0.0.1:" + broker(site).tlsPort();
    }

    /** The CA of every broker's certificate (the sites' {@code central-ca.pem} too). */
    public TestCa ca() {
        return ca;
    }

    /**
     * The password of a user: every user any of the ACLs names (officeguard, simulator, reception, display,
     * exit-panel, bridge-SITE, ...) has one, the same in every broker's password file.
     */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no ACL names the user '" + user + "' (they name " + passwords.keySet() + ")");
        }
        return password;
    }

    /** The site's line to the centre: cut() breaks the site's bridge connection, restore() lets it reconnect. */
    public TcpProxy line(String site) {
        TcpProxy line = lines.get(site);
        if (line == null) {
            throw new IllegalArgumentException("no site '" + site + "' (the sites are " + lines.keySet() + ")");
        }
        return line;
    }

    /**
     * Whether the site's bridge is connected to the centre, as the centre last said on the bridge's retained state
     * topic ({@code $SYS/broker/connection/bridge-SITE/state}: "1" once connected, "0" as its last will).
     */
    public boolean bridgeConnected(String site) {
        line(site);
        List<TestMqttClient.Received> states = stateWatcher.received("$SYS/broker/connection/bridge-" + site + "/state");
        return !states.isEmpty() && states.get(states.size() - 1).text().equals("1");
    }

    /**
     * Stops a site's broker (SIGTERM: with the shipped {@code persistence true} it saves its sessions, its retained
     * messages and the bridge's queue) and starts it again on the same ports with the same files; returns once it
     * accepts connections. Its bridge then dials the centre again if the line is up.
     */
    public void restartSite(String site) {
        line(site);
        broker(site).process().restart();
    }

    /** A broker's log so far: {@link #CENTRAL} or a site's name; for failure messages. */
    public String log(String brokerName) {
        return broker(brokerName).process().log();
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(opened);
        Collections.reverse(all);
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing everything else matters more
            }
        }
        deleteRecursively(dir);
    }

    // ------------------------------------------------------------------ starting

    private Broker broker(String name) {
        Broker broker = brokers.get(name);
        if (broker == null) {
            throw new IllegalArgumentException("no broker '" + name + "' (they are " + brokers.keySet() + ")");
        }
        return broker;
    }

    /**
     * Starts one broker from a generated configuration in a folder of its own: config (mosquitto.conf, acl,
     * passwd, conf.d/bridge.conf), certs (the test CA's files, also as central-ca.pem) and data.
     */
    private Broker startBroker(String name, Path conf, Path acl, Path passwd, String bridge) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path config = Files.createDirectories(home.resolve("config"));
        Path certs = Files.createDirectories(home.resolve("certs"));
        Path data = Files.createDirectories(home.resolve("data"));
        Files.copy(acl, config.resolve("acl"));
        Files.copy(passwd, config.resolve("passwd"));
        Files.copy(ca.caPem(), certs.resolve("ca.pem"));
        Files.copy(ca.caPem(), certs.resolve("central-ca.pem"));
        Files.copy(ca.serverCertPem(), certs.resolve("server.pem"));
        Files.copy(ca.serverKeyPem(), certs.resolve("server.key"));
        if (bridge != null) {
            Path confD = Files.createDirectories(config.resolve("conf.d"));
            Files.writeString(confD.resolve("bridge.conf"), bridge.replace("/mosquitto/certs/", certs + "/"),
                    StandardCharsets.UTF_8);
        }
        int plainPort = FreePort.next();
        int tlsPort = FreePort.next();
        String rewritten = DeployedMosquitto.rewrite(Files.readString(conf, StandardCharsets.UTF_8), home, plainPort,
                tlsPort);
        Files.writeString(config.resolve("mosquitto.conf"), rewritten, StandardCharsets.UTF_8);
        // Mosquitto started as root reads the password file, the ACL and the certificates as the user mosquitto
        openUpFolder(dir);
        DeployedMosquitto.openUp(home, config, certs, data);
        if (bridge != null) {
            openUpFolder(config.resolve("conf.d"));
        }
        MosquittoProcess process = MosquittoProcess.start(rewritten);
        opened.add(process);
        Broker broker = new Broker(process, plainPort, tlsPort);
        brokers.put(name, broker);
        return broker;
    }

    /**
     * The generated bridge.conf with the centre's address made the site's line and a constant one-second
     * {@code restart_timeout} (the shipped one backs off to a minute, too slow for a test of a restored line);
     * the rest is as generated.
     */
    static String rewriteBridge(String generated, int linePort) {
        String bridge = generated.replaceAll("(?m)^[ \t]*#.*\n", "");
        for (String option : List.of("address", "restart_timeout", "bridge_cafile")) {
            if (!Pattern.compile("(?m)^" + option + " ").matcher(bridge).find()) {
                throw new IllegalStateException("the generated bridge.conf has no " + option + " line:\n" + bridge);
            }
        }
        return bridge.replaceAll("(?m)^address .*$", "address 127.0.0.1:" + linePort)
                .replaceAll("(?m)^restart_timeout .*$", "restart_timeout 1");
    }

    /**
     * Waits until every site's bridge is connected and a probe published at the site has reached the centre:
     * the bridge subscribes at the centre before it forwards anything, so then its subscriptions are in place too.
     */
    private void awaitBridgesCarry(List<String> sites) {
        try (TestMqttClient centre = TestMqttClient.connect(centralUrl(), "bridged-sites-probe-centre", "officeguard",
                password("officeguard"), null).subscribe("office/+/deadletter")) {
            for (String site : sites) {
                try {
                    await().atMost(BRIDGES_UP).until(() -> bridgeConnected(site));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the bridge of " + site + " did not connect to the centre\n--- "
                            + site + " ---\n" + log(site) + "\n--- central ---\n" + log(CENTRAL), e);
                }
                String probe = "{\"probe\":\"the bridge of " + site + " is up\"}";
                try (TestMqttClient local = TestMqttClient.connect(siteUrl(site), "bridged-sites-probe-" + site,
                        "officeguard", password("officeguard"), null)) {
                    local.publish("office/" + site + "/deadletter", probe);
                }
                centre.awaitOne("office/" + site + "/deadletter", received -> received.text().equals(probe));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String randomPassword(SecureRandom random) {
        byte[] secret = new byte[12];
        random.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The folder traversable and its files readable by all (its sub-folders are left as they are). */
    private static void openUpFolder(Path folder) throws IOException {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // no users to drop to either
        }
    }

    private static void run(Path workDir, Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static void closeAfterFailure(BridgedSites bridged, Path dir) {
        if (bridged != null) {
            bridged.close();
        } else {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is not worth failing a test for
        }
    }
}
