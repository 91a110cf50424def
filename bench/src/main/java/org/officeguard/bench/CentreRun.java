package org.officeguard.bench;

import static org.officeguard.bench.Figures.grouped;
import static org.officeguard.bench.Figures.round;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the centre phase: {@code count} sites, each a simulated day of {@code --site-people} people worked out
 * before anything is timed ({@link SiteUpstream}), interleaved as a live centre receives them ({@link CentreStream})
 * and published at QoS 1 straight at the bench's broker to one central reporting in a JVM of its own, started as the
 * centre starts it ({@code ./officeguard serve --services reporting} with every site's file, {@link ServiceJvms}).
 * As fast as reporting takes them: at most {@link #AHEAD} inputs are published that it has not taken yet. First,
 * unmeasured, the days before at some of the sites ({@link #WARM_UP_SITE_DAYS}) warm reporting's JVM up. Measured:
 * the rate until every input is taken, until every day is final, and reporting's CPU per input (from /proc, its JIT
 * and its collector apart), over the whole day and over its second half ({@link ReportingProgress}); then every day's
 * final report is checked against what the sites' rules found ({@link CentreCheck}).
 */
final class CentreRun {

    /**
     * Inputs published ahead of what reporting has taken: many seconds of its work, so that it does not wait for the
     * bench, and bounded, so that the broker's queue for it stays small (the embedded broker's is in the bench's heap,
     * some 25 MB). Once that far ahead, the publisher waits until reporting is within half of it.
     */
    static final int AHEAD = 50_000;
    /**
     * How often the publisher asks reporting's {@code /health} what it has taken while it waits: seldom, since each
     * answer costs reporting milliseconds of CPU (measured after the run, {@link #pollCost}); at the end, more often.
     */
    private static final int POLL_MILLIS = 1000;
    private static final int LAST_POLL_MILLIS = 200;
    /** How long reporting may take nothing while inputs wait for it before the run fails. */
    private static final long STALL_SECONDS = 120;
    /** How long the last day may take to be final once every input is taken. */
    private static final int CLOSE_SECONDS = 300;
    /**
     * Where the later part of a run, measured apart, starts: half its inputs in. The JIT is still compiling long
     * after the warm-up on two busy cores; the later part shows what an input costs once more of it is compiled.
     */
    private static final double WARM_FROM = 0.5;
    /**
     * Site-days played before the measured day, to warm reporting's JVM up: the same at every number of sites (a day
     * before it at each of the first 20 sites; with fewer sites, more days each), some 50,000 inputs.
     */
    static final int WARM_UP_SITE_DAYS = 20;

    private final BenchRun run;
    private final int count;
    private final Map<String, Object> figures;
    private final String root;
    /** Each final report published (retained), by topic. */
    private final Map<String, byte[]> reports = new ConcurrentHashMap<>();
    private long healthPolls;
    private final ReportingProgress progress = new ReportingProgress();
    /** Reporting's JVM's CPU, read at each poll. */
    private CpuAccount cpu;
    /** The days whose final report the sites' inputs must bring about. */
    private int expectedDays;

    CentreRun(BenchRun run, int count, Map<String, Object> figures) {
        this.run = run;
        this.count = count;
        this.figures = figures;
        this.root = "bcentre" + count;
    }

    void run() throws Exception {
        figures.put("sites", count);
        figures.put("loadBefore", Machine.load());
        System.out.println("bench: centre, " + count + " sites: simulating their days … (load " + Machine.load() + ")");
        long prepared = System.nanoTime();
        List<SiteUpstream> sites = sites();
        expectedDays = sites.stream().mapToInt(site -> site.closingDays().size()).sum();
        List<SiteUpstream.Message> warmUp = CentreStream.interleave(sites.stream()
                .map(site -> site.messages().subList(0, site.firstOf(CentrePhase.DAY))).toList());
        List<SiteUpstream.Message> stream = CentreStream.interleave(sites.stream()
                .map(site -> site.messages().subList(site.firstOf(CentrePhase.DAY), site.messages().size())).toList());
        figures.put("prepareSeconds", round((System.nanoTime() - prepared) / 1e9));
        long decisions = stream.stream().filter(message -> message.topic().endsWith("/decision")).count();
        long violations = stream.stream().filter(message -> message.topic().contains("/violation/")).count();
        figures.put("warmUpInputs", warmUp.size());
        figures.put("inputs", stream.size());
        figures.put("decisions", decisions);
        figures.put("violations", violations);
        figures.put("lastExitRegistrationsAndTicks", stream.size() - decisions - violations);
        long peakMinute = CentreStream.peak(stream, Duration.ofMinutes(1));
        figures.put("livePeakInputsPerSecond", round(peakMinute / 60.0));
        figures.put("liveMeanInputsPerSecond", round(stream.size() / (24 * 3600.0)));
        List<Path> files = siteFiles(sites);
        List<String> serveOptions = run.options().jdbcUrl() == null ? List.of()
                : List.of("--jdbc-url", run.options().jdbcUrl());
        String url = run.brokerUrl();
        System.out.println("bench: centre, " + count + " sites: " + grouped(stream.size()) + " inputs; starting reporting");
        try (ServiceJvms centre = new ServiceJvms(run, root).start(List.of("reporting"), files, serveOptions);
                BenchClient reportSubscriber = BenchClient.connect(url, "bench-" + root + "-reports", 1,
                        (topic, payload) -> {
                            if (payload.length > 0) {
                                reports.put(topic, payload);
                            }
                        });
                BenchClient publisher = BenchClient.connect(url, "bench-" + root + "-pub", run.options().window(),
                        null)) {
            reportSubscriber.subscribe(root + "/+/report/+");
            ServiceJvms.ServiceJvm reporting = centre.get("reporting");
            figures.put("collector", reporting.collector());
            System.out.println("bench: centre, " + count + " sites: warming reporting up with " + grouped(warmUp.size())
                    + " inputs (days before the measured one)");
            long taken = ServiceHttp.reportingTaken(reporting.port());
            publishAll(warmUp, publisher, reporting.port(), taken);
            healthPolls = 0;
            Measured measured = measure(stream, publisher, reporting);
            double pollCost = pollCost(reporting);
            figures.put("healthPolls", healthPolls);
            figures.put("healthPollCpuMicros", round(pollCost));
            figures.put("reportingCpuMicrosPerInputOfHealthPolls", round(healthPolls * pollCost / stream.size()));
            CentreCheck.Outcome checked = new CentreCheck(root, sites, reports, reporting.port(), figures).check();
            figures.put("reportingMemory", Memory.ofProcess(reporting.process().pid()));
            figures.put("reportingHeapAfterFullGc", Memory.heapOf(reporting.process().pid(), true));
            figures.put("load", Machine.load());
            row(measured, checked);
        }
    }

    /**
     * The sites, each in a time zone of {@link CentrePhase#ZONES} in turn, each with a seed of its own; the first
     * ones with the days before the measured one that warm reporting up, {@link #WARM_UP_SITE_DAYS} in all.
     */
    private List<SiteUpstream> sites() {
        List<SiteUpstream> sites = new ArrayList<>(count);
        int warmSites = Math.min(count, WARM_UP_SITE_DAYS);
        int daysBefore = Math.floorDiv(WARM_UP_SITE_DAYS + warmSites - 1, warmSites);
        for (int index = 1; index <= count; index++) {
            int before = index <= warmSites ? daysBefore : 0;
            sites.add(SiteUpstream.generate(String.format("c%d-s%03d", count, index),
                    CentrePhase.ZONES.get((index - 1) % CentrePhase.ZONES.size()), run.options().sitePeople(),
                    CentrePhase.DAY.minusDays(before), before + 1, 22 + index, root));
        }
        return sites;
    }

    private List<Path> siteFiles(List<SiteUpstream> sites) throws Exception {
        Path dir = Files.createDirectories(run.work().resolve(root + "-sites"));
        List<Path> files = new ArrayList<>(sites.size());
        for (SiteUpstream site : sites) {
            files.add(Files.writeString(dir.resolve(site.id() + ".yaml"), site.yaml()));
        }
        return files;
    }

    /** What the timed part took, in time and in CPU. */
    private record Measured(double takenSeconds, double finalSeconds, double rate, Map<String, Double> byPart,
            Map<String, Double> overheads, double machine, double steal) {}

    /**
     * Publishes the stream as fast as reporting takes it, and waits until it has taken it all ({@code baseline}: what
     * it had taken before).
     */
    private void publishAll(List<SiteUpstream.Message> stream, BenchClient publisher, int port, long baseline)
            throws Exception {
        if (baseline < 0) {
            throw new IllegalStateException("reporting does not say what it has taken");
        }
        long taken = 0;
        for (int index = 0; index < stream.size(); index++) {
            if (index - taken >= AHEAD) {
                taken = awaitTaken(port, baseline, index - AHEAD / 2, POLL_MILLIS);
            }
            SiteUpstream.Message message = stream.get(index);
            publisher.publish(message.topic(), message.payload());
        }
        publisher.drain(60_000);
        awaitTaken(port, baseline, stream.size(), LAST_POLL_MILLIS);
    }

    /** Publishes the stream ({@link #publishAll}); measures until every input is taken and every day final. */
    private Measured measure(List<SiteUpstream.Message> stream, BenchClient publisher, ServiceJvms.ServiceJvm reporting)
            throws Exception {
        int port = reporting.port();
        long baseline = ServiceHttp.reportingTaken(port);
        cpu = new CpuAccount(Map.of("reporting", reporting.process().pid()));
        sample(baseline, baseline);
        double machineBefore = CpuAccount.machineBusySeconds();
        double stealBefore = CpuAccount.machineStealSeconds();
        Map<String, Double> cpuBefore = cpu.snapshot();
        Map<String, Double> overheadsBefore = cpu.overheads();
        System.out.println("bench: centre, " + count + " sites: publishing … (load " + Machine.load() + ")");
        long start = System.nanoTime();
        publishAll(stream, publisher, port, baseline);
        long allTaken = System.nanoTime();
        Waits.waitFor(() -> reports.size() >= expectedDays, CLOSE_SECONDS);
        long allFinal = System.nanoTime();
        int inputs = stream.size();
        Map<String, Double> byPart = CpuAccount.perInput(cpuBefore, cpu.snapshot(), inputs);
        Map<String, Double> overheads = CpuAccount.perInput(overheadsBefore, cpu.overheads(), inputs);
        overheads.remove("all");
        double machine = (CpuAccount.machineBusySeconds() - machineBefore) * 1e6 / inputs;
        double steal = CpuAccount.machineStealSeconds() - stealBefore;
        double takenSeconds = (allTaken - start) / 1e9;
        Measured measured = new Measured(takenSeconds, (allFinal - start) / 1e9, inputs / takenSeconds, byPart,
                overheads, machine, steal);
        figures.put("allTakenSeconds", round(measured.takenSeconds()));
        figures.put("allFinalSeconds", round(measured.finalSeconds()));
        figures.put("inputsPerSecond", round(measured.rate()));
        figures.put("cpuMicrosPerInputByPart", byPart);
        figures.put("reportingCpuMicrosPerInput", byPart.get("reporting"));
        figures.put("reportingJitMicrosPerInput", overheads.get("reporting JIT"));
        figures.put("reportingGcMicrosPerInput", overheads.get("reporting GC"));
        figures.put("reportingCpuMicrosPerInputWithoutJit",
                round(byPart.get("reporting") - overheads.get("reporting JIT")));
        figures.put("reportingGcShare", round(overheads.get("reporting GC") / byPart.get("reporting")));
        figures.put("machineCpuMicrosPerInput", round(machine));
        figures.put("stealSeconds", round(steal));
        progress.after(WARM_FROM, inputs).ifPresent(warm -> {
            Map<String, Object> second = new LinkedHashMap<>();
            second.put("inputs", warm.inputs());
            second.put("seconds", round(warm.seconds()));
            second.put("inputsPerSecond", round(warm.rate()));
            second.put("reportingCpuMicrosPerInput", round(warm.cpuMicros()));
            second.put("reportingJitMicrosPerInput", round(warm.jitMicros()));
            second.put("reportingGcMicrosPerInput", round(warm.gcMicros()));
            figures.put("secondHalf", second);
        });
        return measured;
    }

    /**
     * Waits until reporting has taken {@code target} inputs since {@code baseline}; returns what it has taken. Fails
     * when it takes nothing for {@link #STALL_SECONDS}.
     */
    private long awaitTaken(int port, long baseline, long target, int pollMillis) {
        long taken = -1;
        long lastMove = System.nanoTime();
        while (true) {
            healthPolls++;
            long now = ServiceHttp.reportingTaken(port) - baseline;
            sample(baseline, now + baseline);
            if (now >= target) {
                return now;
            }
            if (now != taken) {
                taken = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                throw new IllegalStateException("reporting took nothing for " + STALL_SECONDS + " s at " + taken
                        + " inputs of " + target);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
        }
    }

    /** Reporting's progress now: {@code taken} inputs in all, of which {@code baseline} before the run. */
    private void sample(long baseline, long taken) {
        if (cpu == null) {
            return; // warming up
        }
        Map<String, Double> overheads = cpu.overheads();
        progress.add(new ReportingProgress.Sample(System.nanoTime(), taken - baseline, cpu.snapshot().get("reporting"),
                overheads.get("reporting JIT"), overheads.get("reporting GC")));
    }

    /** Reporting's CPU per {@code /health} request, in µs: what the publisher's polls cost it, measured after the run. */
    private double pollCost(ServiceJvms.ServiceJvm reporting) {
        CpuAccount cpu = new CpuAccount(Map.of("reporting", reporting.process().pid()));
        double before = cpu.snapshot().get("reporting");
        int polls = 200;
        for (int poll = 0; poll < polls; poll++) {
            ServiceHttp.reportingTaken(reporting.port());
        }
        return (cpu.snapshot().get("reporting") - before) * 1e6 / polls;
    }

    /** The second half's rate and cost, for the row; empty without one. */
    @SuppressWarnings("unchecked")
    private String secondHalf() {
        Map<String, Object> second = (Map<String, Object>) figures.get("secondHalf");
        return second == null ? "" : "; second half " + grouped((Double) second.get("inputsPerSecond")) + "/s, "
                + second.get("reportingCpuMicrosPerInput") + " µs/input (JIT " + second.get("reportingJitMicrosPerInput")
                + ", GC " + second.get("reportingGcMicrosPerInput") + ")";
    }

    private void row(Measured measured, CentreCheck.Outcome checked) {
        Map<String, Double> byPart = measured.byPart();
        double reporting = byPart.get("reporting");
        run.report().row("centre: " + count + " sites × " + run.options().sitePeople()
                        + " people, one reporting JVM (-Xmx256m, " + figures.get("collector") + ")",
                grouped((Integer) figures.get("inputs")) + " inputs in " + round(measured.takenSeconds()) + " s = "
                        + grouped(measured.rate()) + "/s (live peak " + figures.get("livePeakInputsPerSecond")
                        + "/s); reporting " + reporting + " µs CPU/input (JIT "
                        + measured.overheads().get("reporting JIT") + ", GC " + measured.overheads().get("reporting GC")
                        + ", /health polls " + figures.get("reportingCpuMicrosPerInputOfHealthPolls")
                        + "); every day final after " + round(measured.finalSeconds()) + " s" + secondHalf(),
                "days final " + checked.daysFinal() + "/" + checked.daysExpected() + ", reports as expected "
                        + checked.reportsAsExpected() + "/" + checked.daysExpected() + "; nothing lost: "
                        + checked.nothingLost() + "; keeps up: " + (measured.rate() >= (Double) figures.get(
                                "livePeakInputsPerSecond") ? "yes" : "NO"));
    }
}
