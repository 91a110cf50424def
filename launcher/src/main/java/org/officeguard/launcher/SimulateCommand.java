package org.officeguard.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import org.officeguard.camel.hivemq.MqttTls;
import org.officeguard.core.config.ConfigException;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Rule;
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
                  Plays simulated office days as the devices would (door readers, PC agents, exit panel,
                  reception, clock) against a broker where the services run with --clock event.
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
            """.formatted(Lapse.keys());

    static final Set<String> OPTIONS = Set.of("config", "broker", "date", "days", "seed", "speed", "truth", "rates",
            "topic-root", "mqtt-user", "mqtt-ca");

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
        SiteConfig site = SiteConfigLoader.load(file);
        int days = positive(cl, "days", 1);
        long seed = seed(cl);
        double speed = speed(cl.get("speed", "max"));
        LapseRates rates = rates(cl);
        String root = cl.get("topic-root", "office");

        Scenario scenario = Scenario.generate(site, date, days, seed, rates, root);
        out.printf("officeguard simulate: site %s, %d day(s) from %s, seed %d, %d device messages, speed %s%n",
                site.site(), days, date, seed, scenario.messages().size(), speed <= 0 ? "max" : speed + "x");
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

    static void report(PrintStream out, Simulator.Result r) {
        double secs = Math.max(0.001, r.took().toMillis() / 1000.0);
        out.printf("Published %d messages in %.1f s (%.0f msg/s); %d of %d door decisions as the model expected"
                + " (%.1f ms per decision)%n", r.published(), secs, r.published() / secs, r.decisionsAsExpected(),
                r.badges(), r.badges() == 0 ? 0.0 : r.waitingForDecisions().toNanos() / 1e6 / r.badges());
        if (r.decisionTimeouts() > 0) {
            out.printf("  %d badge(s) got no decision in time%n", r.decisionTimeouts());
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
