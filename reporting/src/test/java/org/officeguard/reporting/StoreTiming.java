package org.officeguard.reporting;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.testsupport.ExampleDay;

/**
 * A timing check of reporting's cost per stored input, without Camel or MQTT: violations and decisions, alternating,
 * through {@link Reports} into the embedded H2 database, with a group commit every {@value #GROUP} inputs as the
 * acknowledger makes them. Not a test (surefire does not run it); run its {@code main} with the test class path:
 * {@code java -cp ... org.officeguard.reporting.StoreTiming [inputs] [runs]}. Each run stores into a fresh
 * database; the first run warms the JIT and is not counted.
 */
public final class StoreTiming {

    private static final Topics TOPICS = new Topics("office");
    private static final int GROUP = 1_000;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z"); // 09:00 in Tokyo

    private StoreTiming() {}

    public static void main(String[] args) throws Exception {
        int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SiteConfig site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        List<Envelope> day = inputs(site, inputs);
        for (int run = 0; run <= runs; run++) {
            double[] micros = timeOneRun(site, day);
            System.out.printf("%s %,d inputs, per input: wall %.2f µs, storing thread's CPU %.2f µs,"
                    + " process CPU %.2f µs, allocated %.0f bytes%n", run == 0 ? "warm-up" : "run " + run, inputs, micros[0], micros[1],
                    micros[2], micros[3]);
        }
    }

    /**
     * Wall time, the storing thread's CPU time and the process's CPU time in µs per input, and the bytes the storing
     * thread allocated per input (which the machine's load does not change).
     */
    private static double[] timeOneRun(SiteConfig site, List<Envelope> day) throws Exception {
        Path dir = Files.createTempDirectory("officeguard-store-timing-");
        try {
            ServiceContext context = new ServiceContext(List.of(site), TOPICS, ClockMode.EVENT, Clock.systemUTC(),
                    "store-timing", dir, null);
            ReportStore store = ReportStore.open(null, null, null, dir);
            try {
                Reports reports = new Reports(context, store, Duration.ofSeconds(2));
                long t0 = System.nanoTime();
                long thread0 = THREADS.getCurrentThreadCpuTime();
                long process0 = PROCESS.getProcessCpuTime();
                long allocated0 = THREADS.getCurrentThreadAllocatedBytes();
                int handled = 0;
                for (Envelope in : day) {
                    if (in.kind() == Topics.Kind.VIOLATION) {
                        reports.violation(in);
                    } else {
                        reports.decision(in);
                    }
                    if (++handled % GROUP == 0) {
                        reports.commit();
                    }
                }
                reports.commit();
                double perInput = 1_000.0 * day.size();
                return new double[] {(System.nanoTime() - t0) / perInput,
                        (THREADS.getCurrentThreadCpuTime() - thread0) / perInput,
                        (PROCESS.getProcessCpuTime() - process0) / perInput,
                        (THREADS.getCurrentThreadAllocatedBytes() - allocated0) / (double) day.size()};
            } finally {
                store.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Half violations, half decisions, 100 ms apart: some five and a half hours of one busy day. */
    private static List<Envelope> inputs(SiteConfig site, int count) {
        List<Envelope> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant ts = START.plusMillis(100L * i);
            if (i % 2 == 0) {
                Violation v = new Violation("timing-v" + i, "hq", Rule.PC_LEFT_ON, ts, "E001", "pc:PC-01", Map.of(),
                        List.of("timing-src-" + i));
                out.add(envelope(site, TOPICS.violation("hq", Rule.PC_LEFT_ON), Payloads.write(v, site.timezone())));
            } else {
                Decision d = new Decision("timing-d" + i, ts, "hq", "front", "E001", Direction.IN, "outside", "lobby",
                        true, Decision.OK);
                out.add(envelope(site, TOPICS.decision("hq", "front"), Payloads.write(d, site.timezone())));
            }
        }
        return out;
    }

    private static Envelope envelope(SiteConfig site, String topic, byte[] payload) {
        return new Envelope(topic, TOPICS.parse(topic).orElseThrow(), site, payload, null, null, Instant.now());
    }
}
