package org.officeguard.bench;

import static org.officeguard.bench.Figures.grouped;
import static org.officeguard.bench.Figures.ratio;
import static org.officeguard.bench.Figures.round;

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
 * The pipeline's day: everyone visits {@code visits + 1} times (each visit is {@code people} × 7 inputs).
 * <ol>
 *   <li>{@code visits - 1} visits as fast as the pipeline takes them, to warm the JIT up (on two shared
 *       cores C2 is still compiling 60 s into a cold run); each visit's rate is recorded to show it;</li>
 *   <li>one {@link PacedVisit} at a steady {@code pipelineRate} inputs/s, as devices would send them;</li>
 *   <li>the last visit as fast as the pipeline takes it: the saturation rate, measured until every
 *       violation is stored and the day's report shows every passage.</li>
 * </ol>
 * Then nothing may be lost: every decision, every violation by rule, every passage.
 */
final class PipelineRun {

    /** What the measured visit took, in time and in CPU. */
    private record Saturated(double rate, double decidedRate, double cpuPerInput, Map<String, Double> byPart,
            Map<String, Double> overheads, List<Double> perVisit, long stored) {}

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
    private final int visits;
    private final int pacedFrom;
    private final int measuredFrom;
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong violationsSeen = new AtomicLong();
    private final Semaphore undecided;
    /** When each visit was fully decided (nanoTime), and the decision count at which it is. */
    private final long[] visitDecidedAt;
    private final long[] visitLastDecision;
    /** Receipt time of each paced badge's decision. */
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
        this.visits = run.options().visits();
        this.workload = Workload.pipeline(root, Workload.SITE, run.options().people(), visits + 1);
        this.pacedFrom = workload.cycleStart.get(visits - 1);
        this.measuredFrom = workload.cycleStart.get(visits);
        this.undecided = new Semaphore(run.options().e2eWindow());
        this.visitDecidedAt = new long[visits + 1];
        this.visitLastDecision = new long[visits + 1];
        for (int visit = 0; visit <= visits; visit++) {
            visitLastDecision[visit] = visit < visits ? workload.badgesBeforeCycle.get(visit + 1) : workload.badges;
        }
        this.decidedAt = new long[measuredFrom - pacedFrom];
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
            for (int input = 0; input < pacedFrom; input++) {
                publishSaturating(publisher, workload.events.get(input));
            }
            Waits.waitFor(() -> decisions.get() >= workload.badgesBeforeCycle.get(visits - 1)
                    && ServiceHttp.reportingBacklog(port, decisions, violationsSeen) <= 0, 300);
            Map<String, Object> pacedFigures = new LinkedHashMap<>();
            section.put("paced", pacedFigures);
            PacedVisit.Outcome paced = new PacedVisit(run.options().pipelineRate(), workload, pacedFrom, measuredFrom,
                    decidedAt, port, decisions, violationsSeen)
                    .play(publisher, workload.badgesBeforeCycle.get(visits), pacedFigures);
            Saturated saturated = measuredVisit(publisher, start);
            boolean nothingLost = nothingLost(saturated.stored());
            rows(pacedFigures, paced, saturated, nothingLost);
        }
    }

    /** The decision and violation subscriber's handler. */
    private void received(String topic, byte[] payload) {
        if (topic.endsWith("/decision")) {
            long now = System.nanoTime();
            int input = Workload.inputIndex(payload);
            if (input >= pacedFrom && input < measuredFrom) {
                decidedAt[input - pacedFrom] = now;
            }
            long decided = decisions.incrementAndGet();
            for (int visit = 0; visit <= visits; visit++) {
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

    /** The last visit as fast as it is taken, until every violation is stored and every passage reported. */
    private Saturated measuredVisit(BenchClient publisher, long start) throws Exception {
        double machineBefore = CpuAccount.machineBusySeconds();
        Map<String, Double> cpuBefore = cpu.snapshot();
        Map<String, Double> overheadsBefore = cpu.overheads();
        long warm = System.nanoTime();
        for (int input = measuredFrom; input < workload.events.size(); input++) {
            publishSaturating(publisher, workload.events.get(input));
        }
        publisher.drain(60_000);
        long published = System.nanoTime();
        // one tick an hour later releases every deadline still held (LEFT_PC_UNLOCKED's grace, the reorder margin)
        publisher.publish(root + "/" + Workload.SITE + "/clock", Workload.clockPayload(workload.lastTs.plusSeconds(3600)));
        Waits.waitFor(() -> decisions.get() >= workload.badges, 300);
        long decided = System.nanoTime();
        long stored = awaitStored();
        long reported = System.nanoTime();
        int inputs = workload.events.size() - measuredFrom;
        double cpuPerInput = (CpuAccount.machineBusySeconds() - machineBefore) * 1e6 / inputs;
        section.put("machineCpuMicrosPerInput", round(cpuPerInput));
        Map<String, Double> byPart = CpuAccount.perInput(cpuBefore, cpu.snapshot(), inputs);
        section.put("cpuMicrosPerInputByPart", byPart);
        Map<String, Double> overheads = CpuAccount.perInput(overheadsBefore, cpu.overheads(), inputs);
        overheads.remove("all");
        section.put("cpuMicrosPerInputOfServicesJitAndGc", overheads);
        double rate = inputs / ((reported - warm) / 1e9);
        double decidedRate = inputs / ((decided - warm) / 1e9);
        section.put("inputsPerSecondWarm", round(rate));
        section.put("inputsPerSecondUntilAllDecided", round(decidedRate));
        section.put("inputsPerSecondWholeRun", round(workload.events.size() / ((reported - start) / 1e9)));
        section.put("publishSeconds", round((published - start) / 1e9));
        section.put("allDecisionsSeconds", round((decided - start) / 1e9));
        section.put("allViolationsStoredSeconds", round((reported - start) / 1e9));
        List<Double> perVisit = warmUpRates(start);
        section.put("warmUpVisitsDecidedPerSecond", perVisit);
        section.put("decisionsReceived", decisions.get());
        section.put("violationsPublishedSeen", violationsSeen.get());
        section.put("violationsStored", stored);
        section.put("load", Machine.load());
        return new Saturated(rate, decidedRate, cpuPerInput, byPart, overheads, perVisit, stored);
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
        for (int visit = 0; visit < visits - 1; visit++) {
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

    private void rows(Map<String, Object> pacedFigures, PacedVisit.Outcome paced, Saturated saturated,
            boolean nothingLost) {
        section.put("ratioToCeiling", round(saturated.rate() / raw));
        int pipelineRate = run.options().pipelineRate();
        run.report().row(label + ": at a steady " + grouped(pipelineRate) + " inputs/s",
                (paced.keptUp() ? "kept up" : "fell behind") + " (offered " + grouped(paced.offered()) + "/s, "
                        + pacedFigures.get("machineCpuMicrosPerInput") + " µs CPU/input): decision p50 / p99 / max "
                        + pacedFigures.get("decisionLatencyP50Ms") + " / " + pacedFigures.get("decisionLatencyP99Ms")
                        + " / " + pacedFigures.get("decisionLatencyMaxMs") + " ms; reporting level "
                        + Math.round(paced.caughtUpMs()) + " ms after the last input (backlog ≤ " + paced.maxBacklog()
                        + ")",
                "nothing lost: " + nothingLost + "; target: keeps up with ≥ 5,000/s → "
                        + (paced.keptUp() && nothingLost && pipelineRate >= 5000 ? "MET" : "NOT MET"));
        run.report().row(label + ": saturated", grouped(saturated.rate()) + " inputs/s until all stored ("
                        + round(saturated.cpuPerInput()) + " µs CPU/input; decided at " + grouped(saturated.decidedRate())
                        + "/s; warm-up visits "
                        + saturated.perVisit().stream().map(Figures::grouped).collect(Collectors.joining(", ")) + "/s)",
                ratio(saturated.rate(), raw) + " of ceiling; nothing lost: " + nothingLost);
        if (!servicePids.isEmpty()) {
            cpuRow(saturated.byPart(), saturated.overheads());
        }
    }

    /** Where the CPU of the measured visit went: what the services would take without the others. */
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
