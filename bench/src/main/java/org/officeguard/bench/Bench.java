package org.officeguard.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.slf4j.LoggerFactory;

/**
 * {@code java -cp … org.officeguard.bench.Bench [--broker tcp://host:port] [--out FILE] [--quick]
 * [--people N] [--violations N] [--only raw,gateway,pipeline,report,processes,startup,centre] [--sites 10,50,100]}
 *
 * <p>One run, one broker (embedded HiveMQ unless {@code --broker}): the broker's raw QoS 1 relay rate
 * ({@link RawRelayPhase}), the door-gateway's saturation throughput and latency at 500 badges/s
 * ({@link GatewayPhase}), the full pipeline on a generated site ({@link PipelinePhase}), the report endpoint on a
 * day of many violations ({@link ReportPhase}), and then each service as its own JVM (-Xmx256m and the options
 * {@code ./officeguard} gives it): the gateway's saturation and latency again, the pipeline with where each
 * service's CPU went (its work, its JIT, its collector), and each service's memory ({@link ProcessesPhase}). Only
 * when {@code --only} names them: the journaled services' start-up after months of history ({@link StartupPhase}),
 * and many sites' days at one central reporting ({@link CentrePhase}).
 * The figures go into a JSON file and a table ({@link BenchReport}).
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Optional<BenchOptions> parsed = BenchOptions.parse(args);
        if (parsed.isEmpty()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options = parsed.get();
        Path work = Files.createTempDirectory("officeguard-bench-");
        EmbeddedBroker embedded = null;
        String url = options.broker();
        if (url == null) {
            embedded = EmbeddedBroker.start("127.0.0.1", 0);
            url = embedded.url();
        }
        BenchReport report = new BenchReport();
        int status = 0;
        try {
            run(new BenchRun(options, url, work, report), embedded == null ? "external " + url
                    : "embedded HiveMQ CE " + url);
        } catch (Exception | Error e) {
            // the phases measured so far are still written below; the run says why it stopped, and exits 1
            status = 1;
            report.put("failed", String.valueOf(e));
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
        } finally {
            if (embedded != null) {
                report.put("brokerDroppedMessages", embedded.droppedMessages());
                embedded.close();
            }
            report.write(options.out());
            report.printTable();
            System.out.println("JSON: " + options.out().toAbsolutePath());
            if (Boolean.getBoolean("bench.keepWork")) {
                System.out.println("work folder kept (-Dbench.keepWork=true): " + work);
            } else {
                deleteQuietly(work);
            }
        }
        System.exit(status); // also when it failed: Camel / HiveMQ leave non-daemon threads behind
    }

    /** The phases {@code --only} names, in their order; a later phase compares with the broker's ceiling. */
    private static void run(BenchRun run, String broker) throws Exception {
        BenchOptions options = run.options();
        run.report().put("broker", broker);
        run.report().put("machine", Machine.facts());
        run.report().put("quick", options.quick());
        String siteYaml = Workload.siteYaml(Workload.SITE, options.people());
        SiteConfig site = SiteConfigLoader.parse(siteYaml, "bench-site.yaml");
        Path siteFile = run.work().resolve("bench-site.yaml");
        Files.writeString(siteFile, siteYaml);
        double raw = Double.NaN;
        if (options.runs("raw")) {
            raw = new RawRelayPhase(run).run();
        }
        if (options.runs("gateway")) {
            new GatewayPhase(run).inProcess(site, raw);
        }
        if (options.runs("pipeline")) {
            new PipelinePhase(run).inProcess(site, raw);
        }
        if (options.runs("report")) {
            new ReportPhase(run).run(site);
        }
        if (options.runs("processes")) {
            new ProcessesPhase(run).run(siteFile, raw);
        }
        if (options.runs("startup")) {
            new StartupPhase(run).run();
        }
        if (options.runs("centre")) {
            new CentrePhase(run).run();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
