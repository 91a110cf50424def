package org.officeguard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import org.officeguard.camel.hivemq.MqttTls;
import org.officeguard.core.config.ConfigException;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Rule;
import org.officeguard.simulator.DeviceLayout;
import org.officeguard.simulator.DeviceOptions;
import org.officeguard.simulator.GroundTruth;
import org.officeguard.simulator.Lapse;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.Simulator;

/**
 * {@code ./officeguard simulate}: the office's devices alone, against any broker (SPEC §7). Plays one or
 * more days of a site file and writes the ground truth that {@code demo} (or {@code Verify}) compares
 * the reports with.
 */
final class SimulateCommand {

    static final String USAGE = """
              ./officeguard simulate --config SITE.yaml --broker URL --date YYYY-MM-DD [--days N] [--seed N]
                                     [--speed X|max] [--truth FILE] [--rates KIND=P,...]
                                     [--devices KINDS --site-out FILE] [--misconfigured-cards P]
                                     [--agent-poll-seconds N]
                  Plays simulated office days as the devices would (door readers, PC agents, exit panel,
                  reception, clock) against a broker where the services run with --clock event. A site file
                  that lists devices (esp-rfid, uhppoted, hass-agent) is played in the devices' own language,
                  for the device-bridge to translate.
            """;

    static final String OPTIONS_HELP = """
            Options for simulate:
              --config FILE        the site file (SPEC §1) whose people and doors are simulated
              --broker URL         the MQTT 5 broker, e.g. tcp://localhost:1883
              --date YYYY-MM-DD    the first simulated day (local date of the site)
              --days N             how many consecutive days (default 1)
              --seed N             the random seed: the same seed plays the same messages (default 1)
              --speed X|max        X times real time (1 = real time), or max: as fast as the broker takes it
                                   (default max)
              --truth FILE         write the ground truth (the violations the simulated lapses must cause)
              --rates KIND=P,...   lapse rates, e.g. tailgate=0.1,forgotten-lockup=0 (kinds: %s)
              --topic-root ROOT    topic prefix (default office)
              --mqtt-user USER     MQTT username (password from OFFICEGUARD_MQTT_PASSWORD); default anonymous
              --mqtt-ca FILE.pem   CA of an ssl:// broker's certificate (TLS)
              --devices KINDS      make the site's readers and PCs devices of these kinds, any of
                                   esp-rfid,uhppoted,hass-agent (readers alternate over the doors when both are
                                   named; uhppoted needs badges that are card numbers), for a site file without
                                   devices; the site file with them goes to --site-out, for serve to read
              --site-out FILE      where --devices writes the site file with its devices
              --misconfigured-cards P  the share of cards (0 to 1) a reader's own list has wrong: it lets them
                                   through where the site file refuses them (default %s)
              --agent-poll-seconds N   how often each HASS.Agent polls its sensors, 1 to %d (default %d)
            """.formatted(Lapse.keys(), DeviceOptions.DEFAULT_MISCONFIGURED_CARDS, DeviceOptions.MAX_AGENT_POLL_SECONDS,
                    DeviceOptions.DEFAULT_AGENT_POLL_SECONDS);

    static final Set<String> OPTIONS = Set.of("config", "broker", "date", "days", "seed", "speed", "truth", "rates",
            "topic-root", "mqtt-user", "mqtt-ca", "devices", "site-out", "misconfigured-cards", "agent-poll-seconds");

    private SimulateCommand() {}

    static int run(CommandLine cl) throws Exception {
        return run(cl, System.out, System.err, System.getenv());
    }

    static int run(CommandLine cl, PrintStream out, PrintStream err, Map<String, String> env) throws Exception {
        String config = require(cl, "config");
        String broker = require(cl, "broker");
        LocalDate date = date(require(cl, "date"));
        Path file = Path.of(config);
        if (!Files.isReadable(file)) {
            throw new ConfigException(config + ": no such file (or not readable)");
        }
        SiteConfig site = withDevices(cl, SiteConfigLoader.load(file), file, out);
        int days = positive(cl, "days", 1);
        long seed = seed(cl);
        double speed = speed(cl.get("speed", "max"));
        LapseRates rates = rates(cl);
        DeviceOptions devices = deviceOptions(cl, site);
        String root = cl.get("topic-root", "office");

        Scenario scenario = Scenario.generate(site, date, days, seed, rates, root, devices);
        out.printf("officeguard simulate: site %s, %d day(s) from %s, seed %d, %d device messages, speed %s%n",
                site.site(), days, date, seed, scenario.messages().size(), speed <= 0 ? "max" : speed + "x");
        if (!site.devices().isEmpty()) {
            out.println("  " + devices(site, devices));
        }
        writeTruth(cl, scenario.truth(), out);

        String password = env.get("OFFICEGUARD_MQTT_PASSWORD");
        String clientId = "officeguard-simulator-" + site.site() + "-" + UUID.randomUUID().toString().substring(0, 8);
        SSLSocketFactory tls = cl.has("mqtt-ca") ? MqttTls.trusting(Path.of(cl.get("mqtt-ca", null))) : null;
        try (Simulator sim = Simulator.connect(broker, clientId, root, site.site(), cl.get("mqtt-user", env.get("OFFICEGUARD_MQTT_USER")),
                password == null ? null : password.toCharArray(), tls)) {
            Simulator.Options options = Simulator.Options.maxSpeed().withSpeed(speed).withProgress(err)
                    .withDayCloseHook(day -> {
                        if (speed <= 0) {
                            Thread.sleep(500); // give the services a moment before the day's close point passes
                        }
                    });
            Simulator.Result r = sim.play(scenario, options);
            report(out, r);
        }
        return 0;
    }

    /**
     * The site, with the devices {@code --devices} makes of its readers and PCs, written to {@code --site-out} for
     * the services to serve; the site as it is without {@code --devices}.
     */
    static SiteConfig withDevices(CommandLine cl, SiteConfig site, Path file, PrintStream out) throws IOException {
        if (!cl.has("devices")) {
            if (cl.has("site-out")) {
                throw new CommandLine.UsageException("--site-out writes the site file that --devices makes; give --devices");
            }
            return site;
        }
        if (!site.devices().isEmpty()) {
            throw new CommandLine.UsageException("--devices makes devices for a site file without them, and " + file
                    + " lists " + site.devices().size() + ": leave --devices out to play those");
        }
        String target = cl.get("site-out", null);
        if (target == null || target.isBlank()) {
            throw new CommandLine.UsageException("--devices needs --site-out FILE: the services must serve the site"
                    + " file with those devices");
        }
        Set<Device.Kind> kinds = deviceKinds(cl);
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        yaml = (yaml.endsWith("\n") ? yaml : yaml + "\n") + DeviceLayout.yaml(site, kinds);
        Path siteOut = Path.of(target);
        SiteConfig withDevices = SiteConfigLoader.parse(yaml, siteOut.toString());
        Path parent = siteOut.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(siteOut, yaml, StandardCharsets.UTF_8);
        out.println("Site file with its devices: " + siteOut + " (serve --config " + siteOut + ")");
        return withDevices;
    }

    static Set<Device.Kind> deviceKinds(CommandLine cl) {
        try {
            return DeviceLayout.kinds(cl.get("devices", ""));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException("--devices: " + e.getMessage());
        }
    }

    /** {@code --misconfigured-cards} and {@code --agent-poll-seconds}, which only a site with devices has a use for. */
    static DeviceOptions deviceOptions(CommandLine cl, SiteConfig site) {
        if (site.devices().isEmpty() && (cl.has("misconfigured-cards") || cl.has("agent-poll-seconds"))) {
            throw new CommandLine.UsageException("--misconfigured-cards and --agent-poll-seconds are for a site with"
                    + " devices (--devices KINDS)");
        }
        String share = cl.get("misconfigured-cards", Double.toString(DeviceOptions.DEFAULT_MISCONFIGURED_CARDS));
        try {
            return new DeviceOptions(Double.parseDouble(share),
                    cl.integer("agent-poll-seconds", DeviceOptions.DEFAULT_AGENT_POLL_SECONDS));
        } catch (NumberFormatException e) {
            throw new CommandLine.UsageException("--misconfigured-cards must be a number from 0 to 1, not '" + share + "'");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
    }

    /** One line on what the site's devices are and how they behave. */
    static String devices(SiteConfig site, DeviceOptions options) {
        Map<Device.Kind, Long> byKind = new EnumMap<>(Device.Kind.class);
        site.devices().forEach(device -> byKind.merge(device.kind(), 1L, Long::sum));
        StringBuilder line = new StringBuilder("devices:");
        byKind.forEach((kind, count) -> line.append(' ').append(count).append(' ').append(kind).append(','));
        line.append(String.format(Locale.ROOT, " misconfigured cards %.2f, HASS.Agent polls every %d s",
                options.misconfiguredCards(), options.agentPollSeconds()));
        return line.toString();
    }

    static void report(PrintStream out, Simulator.Result r) {
        double secs = Math.max(0.001, r.took().toMillis() / 1000.0);
        out.printf("Published %d messages in %.1f s (%.0f msg/s); %d of %d door decisions as the model expected"
                + " (%.1f ms per decision)%n", r.published(), secs, r.published() / secs, r.decisionsAsExpected(),
                r.badges(), r.badges() == 0 ? 0.0 : r.waitingForDecisions().toNanos() / 1e6 / r.badges());
        if (r.decisionTimeouts() > 0) {
            out.printf("  %d badge(s) got no decision in time%n", r.decisionTimeouts());
        }
        if (r.translationTimeouts() > 0) {
            out.printf("  %d HASS.Agent message(s) got no PC state from the device-bridge in time%n", r.translationTimeouts());
        }
        r.unexpectedDecisions().stream().limit(10).forEach(u -> out.println("  unexpected decision: " + u));
    }

    static void writeTruth(CommandLine cl, GroundTruth truth, PrintStream out) {
        String file = cl.get("truth", null);
        if (file != null) {
            truth.write(Path.of(file));
            StringBuilder byRule = new StringBuilder();
            for (Rule rule : Rule.values()) {
                long n = truth.count(rule);
                if (n > 0) {
                    byRule.append(byRule.length() == 0 ? "" : ", ").append(rule.name()).append(' ').append(n);
                }
            }
            out.printf("Ground truth: %s (%d violations expected%s)%n", file, truth.violations().size(),
                    byRule.length() == 0 ? "" : ": " + byRule);
        }
    }

    static String require(CommandLine cl, String name) {
        String v = cl.get(name, null);
        if (v == null || v.isBlank()) {
            throw new CommandLine.UsageException(cl.command + " needs --" + name);
        }
        return v;
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.UsageException("--date must be YYYY-MM-DD, not '" + text + "'");
        }
    }

    static int positive(CommandLine cl, String name, int dflt) {
        int v = cl.integer(name, dflt);
        if (v < 1) {
            throw new CommandLine.UsageException("--" + name + " must be at least 1, not " + v);
        }
        return v;
    }

    static long seed(CommandLine cl) {
        String v = cl.get("seed", "1");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CommandLine.UsageException("--seed must be a whole number, not '" + v + "'");
        }
    }

    /** {@code max} (or 0): as fast as the broker takes it, returned as 0; else a positive real-time factor. */
    static double speed(String text) {
        if (text.equalsIgnoreCase("max")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new CommandLine.UsageException("--speed must be a positive number (1 = real time) or max, not '" + text + "'");
    }

    static LapseRates rates(CommandLine cl) {
        try {
            return LapseRates.defaults().parse(cl.get("rates", null));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException("--rates: " + e.getMessage());
        }
    }
}
