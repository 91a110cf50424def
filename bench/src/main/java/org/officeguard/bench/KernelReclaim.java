package org.officeguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The kernel's proactive reclaim (DAMON's {@code kdamond} threads), which the latency figures depend on: on a kernel
 * without preemption (PREEMPT_NONE), a kdamond's access sampling holds a CPU for 6–35 ms at a time, and on two cores
 * a decision waiting for that CPU waits as long (docs/benchmarks-history.md, issue 24). The bench says whether it ran
 * and how much CPU it took, so that every latency figure carries the condition it was measured under.
 */
final class KernelReclaim {

    private static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
    private static final Path PREEMPTION = Path.of("/sys/kernel/debug/sched/preempt");

    private KernelReclaim() {}

    /**
     * {@code off} when no kdamond runs, else each running one's monitoring, e.g. {@code on: paddr, sampled every
     * 500 ms, 1024–8192 regions}.
     */
    static String describe() {
        return describe(KDAMONDS);
    }

    /** {@link #describe()} of the kdamonds under {@code kdamonds} (DAMON's sysfs folder of that name). */
    static String describe(Path kdamonds) {
        List<String> running = new ArrayList<>();
        for (Path kdamond : kdamonds(kdamonds)) {
            if ("on".equals(read(kdamond.resolve("state")))) {
                Path context = kdamond.resolve("contexts/0");
                Path attributes = context.resolve("monitoring_attrs");
                running.add(read(context.resolve("operations")) + ", sampled every "
                        + millis(read(attributes.resolve("intervals/sample_us"))) + " ms, "
                        + read(attributes.resolve("nr_regions/min")) + "–" + read(attributes.resolve("nr_regions/max"))
                        + " regions");
            }
        }
        return running.isEmpty() ? "off" : "on: " + String.join("; ", running);
    }

    /** CPU seconds the running kdamonds have taken so far; 0 when none runs. */
    static double cpuSeconds() {
        double seconds = 0;
        for (Path kdamond : kdamonds(KDAMONDS)) {
            String pid = read(kdamond.resolve("pid"));
            if (pid.matches("\\d+") && !pid.equals("0")) {
                seconds += CpuAccount.processSeconds(Long.parseLong(pid));
            }
        }
        return seconds;
    }

    /**
     * The kernel's release and its preemption model: the one in force where debugfs tells it (e.g. {@code none
     * (voluntary) full}, the chosen one in brackets), else the build's default and any {@code preempt=} it booted
     * with.
     */
    static String kernel() {
        String release = read(Path.of("/proc/sys/kernel/osrelease"));
        String model = read(PREEMPTION);
        if (model.isEmpty()) {
            model = builtPreemption();
            String booted = read(Path.of("/proc/cmdline")).replaceAll(".*\\b(preempt=\\S+).*|.*", "$1");
            model = booted.isEmpty() ? model : model + ", booted with " + booted;
        }
        return model.isEmpty() ? release : release + ", preemption " + model;
    }

    /** The build's default preemption model from {@code /proc/config.gz}; empty when the kernel does not say. */
    private static String builtPreemption() {
        try (BufferedReader config = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Path.of("/proc/config.gz"))), StandardCharsets.US_ASCII))) {
            return config.lines()
                    .filter(line -> line.matches("CONFIG_PREEMPT(_NONE|_VOLUNTARY|_LAZY)?=y"))
                    .map(line -> line.equals("CONFIG_PREEMPT=y") ? "full"
                            : line.substring("CONFIG_PREEMPT_".length(), line.length() - 2).toLowerCase())
                    .findFirst().map(model -> model + " (the build's default)").orElse("");
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static List<Path> kdamonds(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+")).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of(); // no DAMON in this kernel, or not ours to read
        }
    }

    private static String millis(String micros) {
        return micros.matches("\\d+") ? String.valueOf(Long.parseLong(micros) / 1000) : "?";
    }

    /** A sysfs or procfs value, trimmed; empty when it cannot be read. */
    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
