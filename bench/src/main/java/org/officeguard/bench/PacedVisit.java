package org.officeguard.bench;

import static org.officeguard.bench.Figures.millis;
import static org.officeguard.bench.Figures.percentile;
import static org.officeguard.bench.Figures.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One visit of everyone at a steady rate, as devices would send it: does the pipeline keep up? Each decision's
 * latency from its badge's intended send time (no coordinated omission), and reporting's backlog, sampled every
 * 100 ms. Kept up: doors answered well within an OSDP reader's 200 ms, and reporting was level with the decisions
 * within a second of the last input (a backlog growing through the visit would take longer).
 */
final class PacedVisit {

    /** The visit's verdict and what the table shows of it. */
    record Outcome(boolean keptUp, double offered, double caughtUpMs, long maxBacklog, double p50Ms, double p99Ms,
            double maxMs, double machineCpuMicrosPerInput) {}

    private final int rate;
    private final Workload workload;
    private final int from;
    private final int until;
    /** Receipt time of each badge's decision (nanoTime), by its input's index in the workload. */
    private final long[] decidedAt;
    private final int port;
    private final AtomicLong decisions;
    private final AtomicLong violationsSeen;
    private final List<Long> backlog = new CopyOnWriteArrayList<>();
    private final AtomicLong backlogUnanswered = new AtomicLong();

    /**
     * The workload's inputs from {@code from} until {@code until} at {@code rate} per second; the caller's decision
     * handler fills {@code decidedAt}, and counts the decisions and the violations it sees.
     */
    PacedVisit(int rate, Workload workload, int from, int until, long[] decidedAt, int port, AtomicLong decisions,
            AtomicLong violationsSeen) {
        this.rate = rate;
        this.workload = workload;
        this.from = from;
        this.until = until;
        this.decidedAt = decidedAt;
        this.port = port;
        this.decisions = decisions;
        this.violationsSeen = violationsSeen;
    }

    /**
     * Publishes the visit, waits until {@code decided} decisions are in and reporting is level, and puts what it
     * measured into {@code figures}.
     */
    Outcome play(BenchClient publisher, long decided, Map<String, Object> figures) throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-backlog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.round(1e9 / rate);
        double cpuBefore = CpuAccount.machineBusySeconds();
        long start = System.nanoTime() + 10_000_000L;
        long end;
        try {
            sampler.scheduleAtFixedRate(this::sampleBacklog, 0, 100, TimeUnit.MILLISECONDS);
            for (int input = from; input < until; input++) {
                Waits.sleepUntil(start + (input - from) * period);
                Workload.Event event = workload.events.get(input);
                publisher.publish(event.topic(), event.payload());
            }
            end = System.nanoTime();
            Waits.waitFor(() -> decisions.get() >= decided
                    && ServiceHttp.reportingBacklog(port, decisions, violationsSeen) <= 0, 300);
        } finally {
            sampler.shutdownNow();
        }
        long caughtUp = System.nanoTime();
        double cpuPerInput = round((CpuAccount.machineBusySeconds() - cpuBefore) * 1e6 / (until - from));
        figures.put("machineCpuMicrosPerInput", cpuPerInput);
        return outcome(figures, start, end, caughtUp, period, cpuPerInput);
    }

    private void sampleBacklog() {
        long inputs = ServiceHttp.reportingBacklog(port, decisions, violationsSeen);
        if (inputs == Long.MAX_VALUE) {
            backlogUnanswered.incrementAndGet(); // /health did not answer in time
        } else {
            backlog.add(inputs);
        }
    }

    private Outcome outcome(Map<String, Object> figures, long start, long end, long caughtUp, long period,
            double cpuPerInput) {
        List<Long> latencies = new ArrayList<>();
        List<List<Long>> bySecond = new ArrayList<>(); // a backlog that grows shows here as a rising latency
        for (int input = from; input < until; input++) {
            if (workload.events.get(input).badge()) {
                long offset = (input - from) * period;
                long latency = decidedAt[input] - (start + offset);
                latencies.add(latency);
                int second = (int) (offset / 1_000_000_000L);
                while (bySecond.size() <= second) {
                    bySecond.add(new ArrayList<>());
                }
                bySecond.get(second).add(latency);
            }
        }
        figures.put("decisionLatencyMaxMsBySecond", bySecond.stream()
                .map(inSecond -> millis(inSecond.stream().mapToLong(Long::longValue).max().orElse(0))).toList());
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long maxBacklog = backlog.stream().mapToLong(Long::longValue).max().orElse(-1);
        double offered = (until - from) / ((end - start) / 1e9);
        double caughtUpMs = (caughtUp - end) / 1e6;
        figures.put("targetInputsPerSecond", rate);
        figures.put("inputs", until - from);
        figures.put("offeredInputsPerSecond", round(offered));
        double p50 = millis(percentile(sorted, 0.50));
        double p99 = millis(percentile(sorted, 0.99));
        double max = millis(sorted[sorted.length - 1]);
        figures.put("decisionLatencyP50Ms", p50);
        figures.put("decisionLatencyP99Ms", p99);
        figures.put("decisionLatencyMaxMs", max);
        figures.put("reportingBacklogMaxInputs", maxBacklog);
        figures.put("reportingBacklogSamples", backlog.size());
        figures.put("reportingBacklogUnanswered", backlogUnanswered.get());
        figures.put("caughtUpMsAfterLastInput", round(caughtUpMs));
        figures.put("load", Machine.load());
        boolean keptUp = p99 < 200 && caughtUpMs < 1000 && offered >= 0.99 * rate;
        figures.put("keptUp", keptUp);
        return new Outcome(keptUp, offered, caughtUpMs, maxBacklog, p50, p99, max, cpuPerInput);
    }
}
