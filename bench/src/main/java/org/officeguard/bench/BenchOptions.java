package org.officeguard.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bench's command line. {@code --quick} shrinks every default to a run of a few minutes; any option given
 * overrides its default either way.
 *
 * @param broker the broker to measure, or null for an embedded HiveMQ CE
 * @param window publishes a load generator's client may have unacknowledged
 * @param e2eWindow badges a saturating load generator may have undecided
 * @param settleSeconds at 500 badges/s before the latency is measured, reported apart (the JIT adapting after
 *     saturation)
 * @param visits the pipeline's visits of everyone before it is measured, plus one: {@code visits - 1} warm-up visits
 * @param pipelineRate the paced visits' rate, inputs per second
 * @param rounds how many times the latency at 500 badges/s and the pipeline's paced and saturated visits are
 *     measured: the table gives the median and the spread, since one run's figure on a shared VM is not a figure
 * @param pairs gateway bursts measured between raw-relay bursts, for the bracketed ratio
 * @param startupDays simulated days the services take before their start-up is measured ({@link StartupPhase})
 * @param startupPeople people of the sample office in those days
 * @param sites the centre phase's numbers of sites, one run each
 * @param sitePeople people at each of the centre phase's sites
 * @param jdbcUrl the centre phase's reporting database (an empty one), or null for H2 under its data folder
 */
record BenchOptions(String broker, Path out, boolean quick, int people, int violations, List<String> only,
        int window, int e2eWindow, double measureSeconds, double warmupSeconds, double latencySeconds,
        double settleSeconds, int visits, int pipelineRate, int rounds, int pairs, int startupDays, int startupPeople,
        List<Integer> sites, int sitePeople, String jdbcUrl) {

    static final String USAGE = "usage: Bench [--broker tcp://host:port] [--out target/bench.json] [--quick]"
            + " [--people 10000] [--violations 100000] [--only raw,gateway,pipeline,report,processes]"
            + " [--window 1000] [--e2e-window 1000] [--warmup 10] [--measure 10] [--latency-seconds 20] [--visits 3]"
            + " [--pipeline-rate 5000] [--rounds 3]"
            + "\n       start-up after a history (not in the default phases: --only startup): [--startup-days 90]"
            + " [--startup-people 200]"
            + "\n       the centre (not in the default phases: --only centre): [--sites 10,50,100 (default 100)]"
            + " [--site-people 200] [--jdbc-url jdbc:postgresql://… (an empty database; default H2)]";

    /** The options of {@code args}; empty when they ask for the usage ({@code --help}). */
    static Optional<BenchOptions> parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int index = 0; index < args.length; index++) {
            String arg = args[index];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            if (name.equals("quick")) {
                given.put(name, "true");
            } else if (name.equals("help")) {
                return Optional.empty();
            } else if (index + 1 < args.length) {
                given.put(name, args[++index]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return Optional.of(of(given));
    }

    private static BenchOptions of(Map<String, String> given) {
        boolean quick = given.containsKey("quick");
        return new BenchOptions(
                given.get("broker"),
                Path.of(given.getOrDefault("out", "target/bench.json")),
                quick,
                Integer.parseInt(given.getOrDefault("people", quick ? "500" : "10000")),
                Integer.parseInt(given.getOrDefault("violations", quick ? "5000" : "100000")),
                List.of(given.getOrDefault("only", "raw,gateway,pipeline,report,processes").split(",")),
                Integer.parseInt(given.getOrDefault("window", "1000")),
                Integer.parseInt(given.getOrDefault("e2e-window", "1000")),
                Double.parseDouble(given.getOrDefault("measure", quick ? "2" : "10")),
                // long enough for the JIT: 3 s leave C2 compiling with a third of the CPU when the measurement starts
                Double.parseDouble(given.getOrDefault("warmup", quick ? "1" : "10")),
                Double.parseDouble(given.getOrDefault("latency-seconds", quick ? "3" : "20")),
                quick ? 1 : 10,
                Integer.parseInt(given.getOrDefault("visits", quick ? "2" : "3")),
                Integer.parseInt(given.getOrDefault("pipeline-rate", quick ? "1000" : "5000")),
                Integer.parseInt(given.getOrDefault("rounds", quick ? "1" : "3")),
                Integer.parseInt(given.getOrDefault("pairs", "5")),
                Integer.parseInt(given.getOrDefault("startup-days", quick ? "10" : "90")),
                Integer.parseInt(given.getOrDefault("startup-people", "200")),
                Stream.of(given.getOrDefault("sites", quick ? "3" : "100").split(",")).map(Integer::valueOf).toList(),
                Integer.parseInt(given.getOrDefault("site-people", "200")),
                given.get("jdbc-url"));
    }

    /** Whether {@code --only} includes the phase. */
    boolean runs(String phase) {
        return only.contains(phase);
    }
}
