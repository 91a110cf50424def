package org.officeguard.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.runtime.RunningService;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.DeviceOptions;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.Simulator;
import org.officeguard.simulator.Verify;
import org.slf4j.LoggerFactory;

/**
 * {@code ./officeguard demo} (SPEC §7): the embedded broker, the three services and the device simulator
 * on the built-in sample site, in one process; plays the days at full speed, waits for each day's final
 * report, and prints where the reports are and how they compare with the simulator's ground truth.
 */
final class DemoCommand {

    static final String USAGE = """
              ./officeguard demo [--days N] [--seed N] [--people N] [--date YYYY-MM-DD] [--data DIR]
                                 [--http-port N] [--keep-running] [--devices KINDS]
                  An office day on an embedded broker: the services, the simulated devices of a sample site,
                  the day's report (JSON, CSV, HTML) and how it compares with the simulator's ground truth.
                  With --devices esp-rfid,uhppoted,hass-agent the readers and PCs speak their own language
                  and the device-bridge translates.
            """;

    /** Declared before the help text that shows it: a static field is null until its initialiser has run. */
    static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 11, 25);

    static final String OPTIONS_HELP = """
            Options for demo:
              --days N             consecutive days to play (default 1)
              --seed N             random seed of the simulated office (default 1)
              --people N           size of the sample site: N people and PCs, 5 zones, 8 doors (default 50)
              --date YYYY-MM-DD    the first day (default %s)
              --data DIR           where the database, the reports and the truth go (default ./officeguard-data/demo);
                                   emptied first, so it must be a folder demo made (or a new one)
              --http-port N        port of /reports and /health (default: a free port)
              --keep-running       keep the services and the HTTP server up after the run, until Ctrl-C
              --rates KIND=P,...   lapse rates, as for simulate
              --devices KINDS      the sample site's readers and PCs are devices of these kinds, any of
                                   esp-rfid,uhppoted,hass-agent (readers alternate over the doors when both are
                                   named; badges are card numbers with uhppoted); the device-bridge runs too
              --misconfigured-cards P  with --devices, as for simulate (default %s)
              --agent-poll-seconds N   with --devices, as for simulate (default %d)
            """.formatted(DemoCommand.DEFAULT_DATE, DeviceOptions.DEFAULT_MISCONFIGURED_CARDS,
                    DeviceOptions.DEFAULT_AGENT_POLL_SECONDS);

    static final Set<String> OPTIONS = Set.of("days", "seed", "people", "date", "data", "http-port", "keep-running",
            "rates", "devices", "misconfigured-cards", "agent-poll-seconds");
    static final Set<String> FLAGS = Set.of("keep-running");

    /** The device-bridge's name on {@code --services} (SPEC §7), which runs where a site lists devices (SPEC §8). */
    static final String DEVICE_BRIDGE = "device-bridge";

    static final String DEFAULT_DATA = "officeguard-data/demo";
    private static final String MARKER = ".officeguard-demo";
    private static final Duration SETTLE = Duration.ofMillis(300);

    /** What one demo run produced. */
    record Outcome(Verify.Result verify, List<Path> reportFiles, Path truthFile, Duration took, long lateInMonitor) {}

    private DemoCommand() {}

    static int run(CommandLine cl) throws Exception {
        return run(cl, System.out, System.err);
    }

    static int run(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        quietLogs();
        Outcome outcome = play(cl, out, err);
        return outcome.verify().perfect() ? 0 : 1;
    }

    static Outcome play(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        long started = System.nanoTime();
        int days = SimulateCommand.positive(cl, "days", 1);
        long seed = SimulateCommand.seed(cl);
        int people = SimulateCommand.positive(cl, "people", SampleSite.DEFAULT_PEOPLE);
        if (people < 3) {
            throw new CommandLine.UsageException("--people must be at least 3, not " + people);
        }
        LocalDate date = cl.has("date") ? SimulateCommand.date(cl.get("date", null)) : DEFAULT_DATE;
        LapseRates rates = SimulateCommand.rates(cl);
        Path data = Path.of(cl.get("data", DEFAULT_DATA));
        int httpPort = cl.has("http-port") ? cl.integer("http-port", 0) : freePort();
        boolean keepRunning = cl.has("keep-running");

        Set<Device.Kind> kinds = cl.has("devices") ? SimulateCommand.deviceKinds(cl) : Set.of();
        if (kinds.isEmpty() && (cl.has("misconfigured-cards") || cl.has("agent-poll-seconds"))) {
            throw new CommandLine.UsageException("--misconfigured-cards and --agent-poll-seconds go with --devices");
        }
        List<OfficeService> services = services(!kinds.isEmpty(), Officeguard.availableServices());

        prepare(data);
        String yaml = SampleSite.yaml(people, date, kinds);
        Path siteFile = data.resolve("sample-site.yaml");
        Files.writeString(siteFile, yaml, StandardCharsets.UTF_8);
        SiteConfig site = SiteConfigLoader.parse(yaml, siteFile.toString());
        DeviceOptions devices = SimulateCommand.deviceOptions(cl, site);
        Scenario scenario = Scenario.generate(site, date, days, seed, rates, "office", devices);
        Path truthFile = data.resolve("truth.json");
        scenario.truth().write(truthFile);
        long badges = scenario.messages().stream().filter(m -> m.kind() == DeviceMessage.Kind.BADGE).count();

        out.printf("officeguard demo: site %s (%d people, %d zones, %d doors, %d PCs), %d day(s) from %s, seed %d%n",
                site.site(), site.people().size(), site.zones().size(), site.doors().size(), site.pcs().size(), days,
                date, seed);
        if (!kinds.isEmpty()) {
            out.println("  " + SimulateCommand.devices(site, devices) + "; site file " + siteFile);
        }
        List<String> names = services.stream().map(OfficeService::name).toList();

        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0);
        OfficeguardApp app = null;
        try {
            AppConfig config = AppConfig.defaults(List.of(site), broker.url(), data, names)
                    .withHttp("127.0.0.1", httpPort, null)
                    .withClientIdPrefix("officeguard-demo")
                    .withClock(ClockMode.EVENT);
            app = OfficeguardApp.start(config, services);
            OfficeguardApp running = app;
            waitFor(running::ready, Duration.ofSeconds(60), "the services did not connect to the embedded broker");
            out.printf("  embedded MQTT broker %s; %s (clock: event)%n", broker.url(), String.join(", ", names));
            out.printf("  simulating %d device messages (%d badges) at full speed...%n", scenario.messages().size(),
                    badges);

            Simulator.Result played;
            try (Simulator sim = Simulator.connect(broker.url(), "officeguard-demo-simulator", "office", site.site(),
                    null, null)) {
                Simulator.Options options = Simulator.Options.maxSpeed().withProgress(err)
                        .withDayCloseHook(day -> catchUp(running, scenario, day));
                played = sim.play(scenario, options);
            }
            SimulateCommand.report(out, played);
            out.printf("  inputs applied out of ts order (late, SPEC §4): door-gateway %d, lockout-monitor %d%n",
                    late(running.service(DoorGatewayService.NAME)), late(running.service(LockoutMonitorService.NAME)));

            Path reports = data.resolve("reports").resolve(site.site());
            List<Path> files = new ArrayList<>();
            for (LocalDate d : scenario.dates()) {
                files.add(reports.resolve(d + ".json"));
            }
            waitFor(() -> files.stream().allMatch(DemoCommand::isFinalReport), Duration.ofSeconds(60 + 10L * days),
                    "the final reports did not appear under " + reports);
            List<JsonNode> json = new ArrayList<>();
            for (Path f : files) {
                json.add(Payloads.JSON.readTree(f.toFile()));
            }
            Verify.Result verify = Verify.compare(scenario.truth(), json);

            out.println();
            out.println("Reports (final), " + reports.toAbsolutePath().normalize() + ":");
            for (LocalDate d : scenario.dates()) {
                out.printf("  %s.json  %s.csv  %s.html  %s.en.csv  %s.en.html%n", d, d, d, d, d);
            }
            out.println();
            out.println("Verify: the reports against the simulator's ground truth (" + truthFile + "):");
            out.print(Verify.table(verify).indent(2));
            out.println(verify.perfect() ? "  Every rule: precision 1.000, recall 1.000."
                    : "  MISMATCH: see the missed/spurious lines above.");
            LocalDate last = scenario.dates().get(scenario.dates().size() - 1);
            Path html = reports.resolve(last + ".html").toAbsolutePath().normalize();
            out.println();
            out.println("HTML report of " + last + (days > 1 ? " (with the " + Math.min(days, 7) + "-day trend)" : "") + ":");
            out.println("  " + html.toUri());
            String url = "http://127.0.0.1:" + httpPort + "/reports/" + site.site() + "/" + last + ".html";
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (keepRunning) {
                out.println("  " + url + "   (?lang=en for English; Ctrl-C stops the services)");
                out.printf("Done in %.1f s; the services keep running.%n", took.toMillis() / 1000.0);
                out.flush();
                app.awaitShutdown();
            } else {
                out.println("  " + url + "   (served only with --keep-running)");
                out.printf("Done in %.1f s.%n", took.toMillis() / 1000.0);
            }
            return new Outcome(verify, files, truthFile, took, late(running.service(LockoutMonitorService.NAME)));
        } finally {
            if (app != null) {
                app.close();
            }
            broker.close();
        }
    }

    /**
     * The services demo runs: door-gateway, lockout-monitor and reporting, and with {@code devices} the device-bridge
     * (SPEC §8), taken from {@code available} by its name.
     */
    static List<OfficeService> services(boolean devices, List<OfficeService> available) {
        List<OfficeService> services = new ArrayList<>(List.of(new DoorGatewayService(), new LockoutMonitorService(),
                new ReportingService(SETTLE)));
        if (devices) {
            services.add(available.stream().filter(service -> service.name().equals(DEVICE_BRIDGE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("demo --devices needs the " + DEVICE_BRIDGE
                            + " service (SPEC §8), which this build does not have")));
        }
        return services;
    }

    /**
     * Before a day's close point passes: the gateway and the monitor have taken everything sent before it (the SPEC §2
     * inputs, which the device-bridge makes of the devices' own messages).
     */
    private static void catchUp(OfficeguardApp app, Scenario scenario, LocalDate day) throws InterruptedException {
        Instant close = scenario.closesAt(day);
        long gateway = 0;
        long monitor = 0;
        for (DeviceMessage m : scenario.nativeEquivalent()) {
            if (m.ts().isAfter(close)) {
                break;
            }
            switch (m.kind()) {
                case BADGE -> {
                    gateway++;
                    monitor++; // its decision
                }
                case PC_STATE -> monitor++;
                case LAST_EXIT, CLOCK -> {
                    gateway++;
                    monitor++;
                }
                case VISITOR_REGISTER -> gateway++;
                case AGENT_STATE, AGENT_INFO -> throw new IllegalStateException("not a SPEC §2 input: " + m);
            }
        }
        RunningService g = app.service(DoorGatewayService.NAME);
        RunningService m = app.service(LockoutMonitorService.NAME);
        long wantG = gateway;
        long wantM = monitor;
        waitFor(() -> g.metrics().takenCount() >= wantG && m.metrics().takenCount() >= wantM, Duration.ofSeconds(60),
                "the services did not take the day's messages in time");
    }

    /** The "late" counters of a service's /health details, summed over its sites. */
    static long late(RunningService service) {
        return sumLate(service.healthDetails());
    }

    private static long sumLate(Object node) {
        long late = 0;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if ("late".equals(entry.getKey()) && entry.getValue() instanceof Number count) {
                    late += count.longValue();
                } else {
                    late += sumLate(entry.getValue());
                }
            }
        }
        return late;
    }

    private static boolean isFinalReport(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Payloads.JSON.readTree(file.toFile()).path("final").asBoolean();
        } catch (IOException e) {
            return false; // being written
        }
    }

    /** The data folder: created, or emptied when an earlier demo made it (marker file); anything else is refused. */
    static void prepare(Path data) throws IOException {
        if (Files.isDirectory(data)) {
            boolean empty;
            try (Stream<Path> s = Files.list(data)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(data.resolve(MARKER))) {
                throw new IllegalArgumentException("--data " + data + " holds files that demo did not make; "
                        + "give demo a new or empty folder");
            }
            // everything: the services' journals would replay an earlier run into this one
            try (Stream<Path> s = Files.list(data)) {
                for (Path child : s.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve(MARKER), "made by ./officeguard demo: emptied at every run\n");
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration atMost, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within " + atMost.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo prints its own story; the services' INFO lines would bury it (OFFICEGUARD_LOG_LEVEL overrides). */
    private static void quietLogs() {
        if (System.getenv("OFFICEGUARD_LOG_LEVEL") != null) {
            return;
        }
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger logback) {
            logback.setLevel(Level.WARN);
        }
    }
}
