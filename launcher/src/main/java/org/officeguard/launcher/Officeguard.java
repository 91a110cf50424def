package org.officeguard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.officeguard.bridge.DeviceBridgeService;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.ConfigException;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.MailServer;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.runtime.UnrecoverableStateException;

/** {@code ./officeguard}: the one executable (SPEC §7). */
public final class Officeguard {

    static final String SERVE_USAGE = """
              ./officeguard serve --config SITE.yaml [--config ...] [--broker tcp://host:1883]
                                  [--http-port 8080] [--http-host 127.0.0.1] [--data DIR]
                                  [--clock wall|event] [--embedded-port 1883]
                                  [--services door-gateway,lockout-monitor,reporting,device-bridge]
                                  [--smtp-url smtp://host:587] [--mail-from ADDRESS]
                  Runs the services; the device-bridge runs when a site file lists devices (SPEC §8). Without
                  --broker an embedded MQTT broker listens on localhost:1883.
                  GET /health on --http-port answers 200 once every service is connected and ready.
            """;

    static final String SERVE_OPTIONS_HELP = """
            Options for serve:
              --config FILE        a site file (SPEC §1); repeat it to serve several sites in one process
              --broker URL         an MQTT 5 broker, e.g. tcp://mosquitto:1883
              --embedded-port N    without --broker: the embedded broker's port on 127.0.0.1 (default 1883)
              --http-port N        port of /health and the reports (default 8080)
              --http-host HOST     interface to bind (default 127.0.0.1: reports carry names)
              --data DIR           where state and reports are kept (default ./officeguard-data)
              --clock MODE         wall (default: real offices) or event (replays, simulations)
              --services LIST      which services to run (default: door-gateway, lockout-monitor, reporting,
                                   and device-bridge when a site file lists devices)
              --topic-root ROOT    topic prefix (default office)
              --client-id-prefix P prefix of every MQTT client id (default officeguard)
              --jdbc-url URL       reporting database, e.g. jdbc:postgresql://db/officeguard (default: embedded
                                   H2 under --data); user and password from OFFICEGUARD_JDBC_USER/_PASSWORD
              --mqtt-user USER     MQTT username (password from OFFICEGUARD_MQTT_PASSWORD); default anonymous
              --mqtt-ca FILE.pem   CA of an ssl:// broker's certificate (TLS)
              --report-token-file F  token required on /, /reports and /sites (or OFFICEGUARD_REPORT_TOKEN);
                                   mandatory when --http-host is not a loopback address
              --smtp-url URL       SMTP server of the report e-mail (a site file's report.mailTo), or
                                   OFFICEGUARD_SMTP_URL: smtp://host:port (STARTTLS when offered;
                                   ?starttls=required to insist) or smtps://host:port (TLS); login from
                                   OFFICEGUARD_SMTP_USER/_PASSWORD (then STARTTLS is required)
              --mail-from ADDRESS  sender of the report e-mail (or OFFICEGUARD_MAIL_FROM; default the SMTP
                                   user if it is an address, else officeguard@this host)
              --retention-days N   privacy: reporting deletes violations, passages, visitor registrations,
                                   mail records and report files of days older than N days (default 400)
            """;

    /** {@code --help}: every command, one paragraph each; {@code COMMAND --help} gives that command's options. */
    static final String USAGE = """
            officeguard — office physical-security rules over MQTT

            Usage:
            """ + DemoCommand.USAGE + SERVE_USAGE + SimulateCommand.USAGE + """
              ./officeguard test
                  Installs what the tests need (Mosquitto, PostgreSQL, Chromium) and runs every test.
              ./officeguard bench [--broker URL] [--quick]
                  The benchmark (BENCHMARKS.md): broker ceiling, door latency, full pipeline, reports, memory.
              ./officeguard --help
                  This text. ./officeguard COMMAND --help: that command's options.
              ./officeguard --version
                  The version.
            """;

    /** The embedded broker's port without {@code --embedded-port}: MQTT's. */
    static final int EMBEDDED_PORT = 1883;

    /** The services every site needs: what {@code serve} runs without {@code --services}, and {@code demo}. */
    static final List<String> ALL_SERVICES =
            List.of(DoorGatewayService.NAME, LockoutMonitorService.NAME, ReportingService.NAME);
    /** Every service {@code --services} may name: those, and the device-bridge of sites with devices (SPEC §8). */
    static final List<String> KNOWN_SERVICES = List.of(DoorGatewayService.NAME, LockoutMonitorService.NAME,
            ReportingService.NAME, DeviceBridgeService.NAME);

    /** The options each command takes. */
    static final Map<String, Set<String>> OPTIONS = Map.of(
                "serve", Set.of("config", "broker", "http-port", "http-host", "data", "clock", "services",
                        "topic-root", "client-id-prefix", "jdbc-url", "report-token-file", "mqtt-user", "mqtt-ca",
                        "smtp-url", "mail-from", "embedded-port", "retention-days"),
                "demo", DemoCommand.OPTIONS,
                "simulate", SimulateCommand.OPTIONS);

    private Officeguard() {}

    public static void main(String[] args) {
        String logFormat = System.getenv("OFFICEGUARD_LOG_FORMAT");
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            // before anything logs: logback would otherwise log nowhere, silently
            System.err.println("officeguard: OFFICEGUARD_LOG_FORMAT must be text or json, not '" + logFormat + "'");
            System.exit(2);
        }
        int code;
        try {
            code = run(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("officeguard: " + e.getMessage());
            System.err.println("Run ./officeguard --help for the usage.");
            code = 2;
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("officeguard: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            code = failed(e, System.err);
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Says why the command failed and returns its exit code: a rule state that cannot be rebuilt in one line (what is
     * wrong and what to do), anything else with its stack trace.
     */
    static int failed(Exception failure, PrintStream err) {
        UnrecoverableStateException unrecoverable = UnrecoverableStateException.in(failure);
        if (unrecoverable != null) {
            err.println("officeguard: cannot start: " + unrecoverable.getMessage());
        } else {
            err.println("officeguard: " + failure);
            failure.printStackTrace(err);
        }
        return 1;
    }

    static int run(String[] args) throws Exception {
        CommandLine cl = CommandLine.parse(args, OPTIONS, DemoCommand.FLAGS);
        if (cl.command.equals("version")) {
            System.out.println("officeguard " + version());
            return 0;
        }
        if (cl.command.equals("help")) {
            System.out.print(USAGE);
            return 0;
        }
        if (cl.has("help")) {
            System.out.print(switch (cl.command) {
                case "serve" -> "Usage:\n" + SERVE_USAGE + "\n" + SERVE_OPTIONS_HELP;
                case "demo" -> "Usage:\n" + DemoCommand.USAGE + "\n" + DemoCommand.OPTIONS_HELP;
                default -> "Usage:\n" + SimulateCommand.USAGE + "\n" + SimulateCommand.OPTIONS_HELP;
            });
            return 0;
        }
        return switch (cl.command) {
            case "serve" -> serve(cl);
            case "demo" -> DemoCommand.run(cl);
            case "simulate" -> SimulateCommand.run(cl);
            default -> throw new CommandLine.UsageException("unknown command '" + cl.command + "'");
        };
    }

    static List<OfficeService> availableServices() {
        return List.of(new DoorGatewayService(), new LockoutMonitorService(), new ReportingService(),
                new DeviceBridgeService());
    }

    /** What {@code serve} runs without {@code --services}: every site's services, and the bridge for devices. */
    static List<String> defaultServices(List<SiteConfig> sites) {
        if (sites.stream().noneMatch(site -> !site.devices().isEmpty())) {
            return ALL_SERVICES;
        }
        List<String> services = new ArrayList<>(ALL_SERVICES);
        services.add(DeviceBridgeService.NAME);
        return List.copyOf(services);
    }

    static AppConfig appConfig(CommandLine cl, Map<String, String> env) {
        List<String> files = cl.all("config");
        if (files.isEmpty()) {
            throw new CommandLine.UsageException("serve needs at least one --config SITE.yaml");
        }
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isReadable(p)) {
                throw new ConfigException(f + ": no such file (or not readable)");
            }
            paths.add(p);
        }
        List<SiteConfig> sites = SiteConfigLoader.loadAll(paths);
        List<String> services = cl.has("services")
                ? Arrays.stream(cl.get("services", "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : defaultServices(sites);
        if (services.isEmpty()) {
            throw new CommandLine.UsageException("--services names no service (known: "
                    + String.join(", ", KNOWN_SERVICES) + ")");
        }
        for (String s : services) {
            if (!KNOWN_SERVICES.contains(s)) {
                throw new CommandLine.UsageException("unknown service '" + s + "' (known: "
                        + String.join(", ", KNOWN_SERVICES) + ")");
            }
            if (services.indexOf(s) != services.lastIndexOf(s)) {
                throw new CommandLine.UsageException("--services names " + s + " twice");
            }
        }
        MailServer mail = MailServer.parse(cl.get("smtp-url", env.get("OFFICEGUARD_SMTP_URL")),
                env.get("OFFICEGUARD_SMTP_USER"), env.get("OFFICEGUARD_SMTP_PASSWORD"),
                cl.get("mail-from", env.get("OFFICEGUARD_MAIL_FROM")));
        if (services.contains(ReportingService.NAME)) {
            ReportingService.checkMail(sites, mail);
        }
        return new AppConfig(sites, cl.get("broker", null), cl.get("http-host", "127.0.0.1"),
                cl.integer("http-port", 8080), reportToken(cl, env), ClockMode.parse(cl.get("clock", "wall")),
                cl.get("topic-root", "office"), cl.get("client-id-prefix", "officeguard"),
                Path.of(cl.get("data", "officeguard-data")), services,
                cl.get("jdbc-url", env.get("OFFICEGUARD_JDBC_URL")),
                env.get("OFFICEGUARD_JDBC_USER"), env.get("OFFICEGUARD_JDBC_PASSWORD"),
                cl.get("mqtt-user", env.get("OFFICEGUARD_MQTT_USER")), env.get("OFFICEGUARD_MQTT_PASSWORD"),
                cl.has("mqtt-ca") ? Path.of(cl.get("mqtt-ca", null)) : null, mail, retentionDays(cl));
    }

    /** {@code --retention-days}: a whole number of days from 1 (a mistake on the command line otherwise). */
    private static int retentionDays(CommandLine cl) {
        int days = cl.integer("retention-days", AppConfig.DEFAULT_RETENTION_DAYS);
        if (days < 1 || days > AppConfig.MAX_RETENTION_DAYS) {
            throw new CommandLine.UsageException("--retention-days must be a whole number of days from 1 to "
                    + AppConfig.MAX_RETENTION_DAYS + ", not " + days);
        }
        return days;
    }

    /** The reports' access token: from a file (--report-token-file) or OFFICEGUARD_REPORT_TOKEN; never on the command line. */
    private static String reportToken(CommandLine cl, Map<String, String> env) {
        String file = cl.get("report-token-file", null);
        if (file != null) {
            String token;
            try {
                token = Files.readString(Path.of(file)).trim();
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read the report token: " + e.getMessage());
            }
            if (token.isEmpty()) { // an empty token would open the reports to ?token= with no value
                throw new ConfigException(file + ": the report token file is empty");
            }
            return token;
        }
        String token = env.get("OFFICEGUARD_REPORT_TOKEN");
        return token == null || token.isBlank() ? null : token.trim();
    }

    /** The embedded broker's port, refused in one line when another process holds it (a broker already running). */
    static int embeddedPort(CommandLine cl) {
        if (cl.has("embedded-port") && cl.has("broker")) {
            throw new CommandLine.UsageException("--embedded-port is for the embedded broker: not with --broker");
        }
        int port = cl.has("embedded-port") ? cl.integer("embedded-port", EMBEDDED_PORT) : EMBEDDED_PORT;
        if (port < 1 || port > 65535) {
            throw new CommandLine.UsageException("--embedded-port must be 1 to 65535, not " + port);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException taken) {
            throw new IllegalArgumentException("port " + port + " on 127.0.0.1 is already taken (another MQTT broker?):"
                    + " give the embedded broker another with --embedded-port N, or use that broker with --broker"
                    + " tcp://127.0.0.1:" + port);
        }
        return port;
    }

    /** This build's version, from the jar's manifest ({@code dev} when run from classes). */
    static String version() {
        String version = Officeguard.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private static int serve(CommandLine cl) throws Exception {
        AppConfig config = appConfig(cl, System.getenv());
        EmbeddedBroker broker = null;
        if (config.brokerUrl() == null) {
            int port = embeddedPort(cl);
            broker = EmbeddedBroker.start("127.0.0.1", port);
            config = config.withBroker(broker.url());
            System.out.println("Embedded MQTT broker on " + broker.url());
        }
        try (OfficeguardApp app = OfficeguardApp.start(config, availableServices())) {
            System.out.printf("officeguard serving %s with %s (clock %s); health: http://%s:%d/health%n",
                    config.sites().stream().map(SiteConfig::site).toList(), config.services(),
                    config.clockMode().name().toLowerCase(), config.httpHost(), config.httpPort());
            app.awaitShutdown();
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        return 0;
    }
}
