package org.officeguard.bench;

import static org.officeguard.bench.Figures.grouped;
import static org.officeguard.bench.Figures.median;
import static org.officeguard.bench.Figures.ratio;
import static org.officeguard.bench.Figures.round;
import static org.officeguard.bench.Figures.spread;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.officeguard.core.model.Rule;

/**
 * The pipeline's day: everyone visits {@code visits - 1 + 2 × rounds} times (each visit is {@code people} × 7
 * inputs).
 * <ol>
 *   <li>{@code visits - 1} visits as fast as the pipeline takes them, to warm the JIT up (on two shared
 *       cores C2 is still compiling 60 s into a cold run); each visit's rate is recorded to show it;</li>
 *   <li>{@code rounds} times: one {@link PacedVisit} at a steady {@code pipelineRate} inputs/s, as devices would
 *       send them, then one visit as fast as the pipeline takes it, measured until reporting is level with it
 *       (every input decided, every decision and violation taken). The table gives the median round and the
 *       spread;</li>
 *   <li>after the last round, one clock tick an hour later releases every violation still waiting for a deadline,
 *       and the run waits until every violation is stored and the day's report shows every passage.</li>
 * </ol>
 * Then nothing may be lost: every decision, every violation by rule, every passage.
 */
final class PipelineRun {

    /** What a saturated visit took, in time and in CPU. */
    private record Saturated(double rate, double decidedRate, double cpuPerInput, Map<String, Double> byPart,
            Map<String, Double> overheads) {}

    private final BenchRun run;
    private final String root;
    private final int port;
    private final double raw;
    private final Map<String, Object> section;
    private final String label;
    /** Name → pid of each service JVM; empty when the services run in this JVM. */
    private final Map<String, Long> servicePids;
    private final CpuAccount cpu;
    private final Workload workload;
    /** Warm-up visits, then a paced and a saturated visit per round. */
    private final int warmUps;
    private final int rounds;
    private final int cycles;
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong violationsSeen = new AtomicLong();
    private final Semaphore undecided;
    /** When each visit was fully decided (nanoTime), and the decision count at which it is. */
    private final long[] visitDecidedAt;
    private final long[] visitLastDecision;
    /** Receipt time of each badge's decision, by input. */
    private final long[] decidedAt;

    /**
     * The pipeline of the services that serve {@code root}, reporting's HTTP on {@code port}; its figures go into
     * {@code section}, its rows into the table under {@code label}.
     */
    PipelineRun(BenchRun run, String root, int port, double raw, Map<String, Object> section, String label,
            Map<String, Long> servicePids) {
        this.run = run;
        this.root = root;
        this.port = port;
        this.raw = raw;
        this.section = section;
        this.label = label;
        this.servicePids = servicePids;
        this.cpu = new CpuAccount(servicePids);
        this.warmUps = run.options().visits() - 1;
        this.rounds = run.options().rounds();
        this.cycles = warmUps + 2 * rounds;
        this.workload = Workload.pipeline(root, Workload.SITE, run.options().people(), cycles);
        this.undecided = new Semaphore(run.options().e2eWindow());
        this.visitDecidedAt = new long[cycles];
        this.visitLastDecision = new long[cycles];
        for (int visit = 0; visit < cycles; visit++) {
            visitLastDecision[visit] = badgesBefore(visit + 1);
        }
        this.decidedAt = new long[workload.events.size()];
    }

    /** The first input of visit {@code visit}; the workload's size after the last. */
    private int firstInput(int visit) {
        return visit < cycles ? workload.cycleStart.get(visit) : workload.events.size();
    }

    /** The badges before visit {@code visit}; all of them after the last. */
    private long badgesBefore(int visit) {
        return visit < cycles ? workload.badgesBeforeCycle.get(visit) : workload.badges;
    }

    void run() throws Exception {
        section.put("people", run.options().people());
        section.put("inputs", workload.events.size());
        section.put("badges", workload.badges);
        section.put("pcStates", workload.pcStates);
        section.put("expectedViolations", workload.totalViolations());
        try (BenchClient subscriber = BenchClient.connect(run.brokerUrl(), "bench-" + root + "-sub", 1, this::received);
                BenchClient publisher = BenchClient.connect(run.brokerUrl(), "bench-" + root + "-pub",
                        run.options().window(), null)) {
            subscriber.subscribe(root + "/+/door/+/decision", root + "/+/violation/#");
            long start = System.nanoTime();
            for (int input = 0; input < firstInput(warmUps); input++) {
                publishSaturating(publisher, workload.events.get(input));
            }
            awaitLevel(badgesBefore(warmUps));
            List<Double> warmUpRates = warmUpRates(start);
            section.put("warmUpVisitsDecidedPerSecond", warmUpRates);
            List<Map<String, Object>> pacedFigures = new ArrayList<>();
            List<PacedVisit.Outcome> paced = new ArrayList<>();
            List<Saturated> saturated = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int pacedVisit = warmUps + 2 * round;
                Map<String, Object> figures = new LinkedHashMap<>();
                pacedFigures.add(figures);
                paced.add(new PacedVisit(run.options().pipelineRate(), workload, firstInput(pacedVisit),
                        firstInput(pacedVisit + 1), decidedAt, port, decisions, violationsSeen)
                        .play(publisher, badgesBefore(pacedVisit + 1), figures));
                saturated.add(saturatedVisit(publisher, pacedVisit + 1));
            }
            section.put("paced", pacedFigures);
            long stored = awaitEverythingStored(publisher, start);
            boolean nothingLost = nothingLost(stored);
            rows(paced, saturated, warmUpRates, nothingLost);
        }
    }

    /** The decision and violation subscriber's handler. */
    private void received(String topic, byte[] payload) {
        if (topic.endsWith("/decision")) {
            long now = System.nanoTime();
            decidedAt[Workload.inputIndex(payload)] = now;
            long decided = decisions.incrementAndGet();
            for (int visit = 0; visit < cycles; visit++) {
                if (decided == visitLastDecision[visit]) {
                    visitDecidedAt[visit] = now;
                }
            }
            undecided.release();
        } else {
            violationsSeen.incrementAndGet();
        }
    }

    /** Publishes one input, with at most {@code e2e-window} badges not yet decided. */
    private void publishSaturating(BenchClient publisher, Workload.Event event) throws Exception {
        if (event.badge()) {
            undecided.acquire();
        }
        publisher.publish(event.topic(), event.payload());
    }

    /** Every input so far decided ({@code badges} decisions) and reporting level with what was published. */
    private void awaitLevel(long badges) {
        Waits.waitFor(() -> decisions.get() >= badges
                && ServiceHttp.reportingBacklog(port, decisions, violationsSeen) <= 0, 300);
    }

    /** Visit {@code visit} as fast as it is taken, until reporting is level with it. */
    private Saturated saturatedVisit(BenchClient publisher, int visit) throws Exception {
        double machineBefore = CpuAccount.machineBusySeconds();
        Map<String, Double> cpuBefore = cpu.snapshot();
        Map<String, Double> overheadsBefore = cpu.overheads();
        long warm = System.nanoTime();
        int from = firstInput(visit);
        int until = firstInput(visit + 1);
        for (int input = from; input < until; input++) {
            publishSaturating(publisher, workload.events.get(input));
        }
        Waits.waitFor(() -> decisions.get() >= badgesBefore(visit + 1), 300);
        long decided = System.nanoTime();
        awaitLevel(badgesBefore(visit + 1));
        long level = System.nanoTime();
        int inputs = until - from;
        double cpuPerInput = round((CpuAccount.machineBusySeconds() - machineBefore) * 1e6 / inputs);
        Map<String, Double> byPart = CpuAccount.perInput(cpuBefore, cpu.snapshot(), inputs);
        Map<String, Double> overheads = CpuAccount.perInput(overheadsBefore, cpu.overheads(), inputs);
        overheads.remove("all");
        return new Saturated(round(inputs / ((level - warm) / 1e9)), round(inputs / ((decided - warm) / 1e9)),
                cpuPerInput, byPart, overheads);
    }

    /**
     * After the last round: one tick an hour later releases every deadline still held (LEFT_PC_UNLOCKED's grace,
     * the reorder margin); then every violation stored and every passage reported. Returns the violations stored.
     */
    private long awaitEverythingStored(BenchClient publisher, long start) throws Exception {
        publisher.drain(60_000);
        publisher.publish(root + "/" + Workload.SITE + "/clock", Workload.clockPayload(workload.lastTs.plusSeconds(3600)));
        Waits.waitFor(() -> decisions.get() >= workload.badges, 300);
        long stored = awaitStored();
        long reported = System.nanoTime();
        section.put("inputsPerSecondWholeRun", round(workload.events.size() / ((reported - start) / 1e9)));
        section.put("allViolationsStoredSeconds", round((reported - start) / 1e9));
        section.put("decisionsReceived", decisions.get());
        section.put("violationsPublishedSeen", violationsSeen.get());
        section.put("violationsStored", stored);
        section.put("load", Machine.load());
        return stored;
    }

    /**
     * Waits until reporting has stored every violation and taken every input (asked over HTTP, one
     * {@code /health} a poll and not too often: each answer is reporting's CPU), and until the report shows every
     * passage (the last input taken may still be in its transaction); returns the violations stored.
     */
    private long awaitStored() {
        long[] stored = {0};
        long inputsForReporting = workload.badges + workload.totalViolations() + 1; // decisions, violations, the tick
        Waits.waitFor(() -> {
            JsonNode health = ServiceHttp.reporting(port);
            stored[0] = health.path("violationsStored").asLong(-1);
            return stored[0] >= workload.totalViolations() && health.path("taken").asLong(-1) >= inputsForReporting;
        }, 600, Waits.HTTP_POLL_MILLIS);
        Waits.waitFor(() -> ServiceHttp.passages(port) >= workload.badges, 60, Waits.HTTP_POLL_MILLIS);
        return stored[0];
    }

    /** Each warm-up visit's inputs per second, until it was decided. */
    private List<Double> warmUpRates(long start) {
        List<Double> perVisit = new ArrayList<>();
        for (int visit = 0; visit < warmUps; visit++) {
            int inputs = workload.cycleStart.get(visit + 1) - workload.cycleStart.get(visit);
            long visitStart = visit == 0 ? start : visitDecidedAt[visit - 1];
            perVisit.add(round(inputs / ((visitDecidedAt[visit] - visitStart) / 1e9)));
        }
        return perVisit;
    }

    /** Every decision stored as a passage, every violation by rule. */
    private boolean nothingLost(long stored) throws Exception {
        JsonNode report = ServiceHttp.report(port);
        long passages = ServiceHttp.passages(report);
        Map<String, Object> byRule = new LinkedHashMap<>();
        boolean rulesOk = true;
        for (Rule rule : Rule.values()) {
            long got = report.path("totals").path("byRule").path(rule.name()).asLong();
            int expected = workload.expected.get(rule);
            byRule.put(rule.name(), got + "/" + expected);
            rulesOk &= got == expected;
        }
        section.put("violationsByRuleStoredVsExpected", byRule);
        section.put("passagesStored", passages);
        boolean nothingLost = decisions.get() == workload.badges && stored == workload.totalViolations() && rulesOk
                && passages == workload.badges;
        section.put("nothingLost", nothingLost);
        return nothingLost;
    }

    private void rows(List<PacedVisit.Outcome> paced, List<Saturated> saturated, List<Double> warmUpRates,
            boolean nothingLost) {
        List<Double> rates = saturated.stream().map(Saturated::rate).toList();
        double rate = median(rates);
        Saturated middle = saturated.stream().filter(one -> one.rate() == rate).findFirst().orElseThrow();
        section.put("inputsPerSecondWarm", rate);
        section.put("inputsPerSecondWarmByRound", rates);
        section.put("inputsPerSecondUntilAllDecidedByRound", saturated.stream().map(Saturated::decidedRate).toList());
        section.put("machineCpuMicrosPerInput", middle.cpuPerInput());
        section.put("machineCpuMicrosPerInputByRound", saturated.stream().map(Saturated::cpuPerInput).toList());
        section.put("cpuMicrosPerInputByPart", middle.byPart());
        section.put("cpuMicrosPerInputOfServicesJitAndGc", middle.overheads());
        section.put("ratioToCeiling", round(rate / raw));
        int pipelineRate = run.options().pipelineRate();
        long keptUp = paced.stream().filter(PacedVisit.Outcome::keptUp).count();
        List<Double> p99s = paced.stream().map(PacedVisit.Outcome::p99Ms).toList();
        List<Double> maxima = paced.stream().map(PacedVisit.Outcome::maxMs).toList();
        List<Double> caughtUp = paced.stream().map(PacedVisit.Outcome::caughtUpMs).toList();
        run.report().row(label + ": at a steady " + grouped(pipelineRate) + " inputs/s, " + rounds + " rounds",
                "kept up in " + keptUp + " of " + rounds + " (offered " + paced.stream()
                        .map(outcome -> grouped(outcome.offered())).collect(Collectors.joining(" / ")) + "/s, "
                        + median(paced.stream().map(PacedVisit.Outcome::machineCpuMicrosPerInput).toList())
                        + " µs CPU/input): decision p50 " + median(paced.stream().map(PacedVisit.Outcome::p50Ms).toList())
                        + ", p99 " + median(p99s) + " ms (" + spread(p99s) + "), max " + median(maxima) + " ms ("
                        + spread(maxima) + "); reporting level " + Math.round(median(caughtUp)) + " ms after the last"
                        + " input (" + spread(caughtUp) + "; backlog ≤ " + paced.stream()
                                .mapToLong(PacedVisit.Outcome::maxBacklog).max().orElse(-1) + ")",
                "nothing lost: " + nothingLost + "; target: keeps up with ≥ 5,000/s → "
                        + (keptUp == rounds && nothingLost && pipelineRate >= 5000 ? "MET" : "NOT MET"));
        run.report().row(label + ": saturated, " + rounds + " rounds",
                grouped(rate) + " inputs/s until reporting was level (" + rates.stream().map(Figures::grouped)
                        .collect(Collectors.joining(" / ")) + "; " + middle.cpuPerInput() + " µs CPU/input; decided at "
                        + grouped(middle.decidedRate()) + "/s; warm-up visits " + warmUpRates.stream()
                                .map(Figures::grouped).collect(Collectors.joining(", ")) + "/s)",
                ratio(rate, raw) + " of ceiling; nothing lost: " + nothingLost);
        if (!servicePids.isEmpty()) {
            cpuRow(middle.byPart(), middle.overheads());
        }
    }

    /** Where the CPU of the median saturated visit went: what the services would take without the others. */
    private void cpuRow(Map<String, Double> byPart, Map<String, Double> overheads) {
        double services = servicePids.keySet().stream().mapToDouble(byPart::get).sum();
        double broker = byPart.getOrDefault(CpuAccount.MOSQUITTO, 0.0)
                + byPart.getOrDefault(CpuAccount.BROKER_IN_BENCH, 0.0);
        double cores = Runtime.getRuntime().availableProcessors();
        section.put("servicesCpuMicrosPerInput", round(services));
        section.put("inputsPerSecondIfServicesHadTheCores", round(cores * 1e6 / services));
        section.put("inputsPerSecondIfServicesAndBrokerHadTheCores", round(cores * 1e6 / (services + broker)));
        run.report().row(label + ": CPU per input, saturated", servicePids.keySet().stream()
                        .map(name -> name + " " + byPart.get(name) + " (JIT " + overheads.get(name + " JIT") + ", GC "
                                + overheads.get(name + " GC") + ")")
                        .collect(Collectors.joining(", "))
                        + " µs (services " + round(services) + "); broker " + round(broker) + "; load generator "
                        + byPart.get(CpuAccount.BENCH_REST) + "; all " + byPart.get("all"),
                "on " + (int) cores + " cores: services alone " + grouped(cores * 1e6 / services) + "/s, with the broker "
                        + grouped(cores * 1e6 / (services + broker)) + "/s");
    }
}
