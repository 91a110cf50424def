package org.officeguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the machine, to say where a pipeline input's CPU goes: each service's own JVM,
 * a local Mosquitto, and this JVM split into the embedded broker's threads and the rest (the load generator, and
 * the services when they run in-process).
 */
final class CpuAccount {

    static final String BROKER_IN_BENCH = "embedded broker (bench JVM's hivemq threads)";
    static final String BENCH_REST = "bench JVM, the rest (load generator; in-process services)";
    static final String MOSQUITTO = "mosquitto";

    private final Map<String, Long> processes;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** {@code processes}: name → pid of each service JVM started by the bench. */
    CpuAccount(Map<String, Long> processes) {
        this.processes = processes;
    }

    /** CPU seconds so far, by part. */
    Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, pid) -> seconds.put(name, processSeconds(pid)));
        double mosquitto = mosquittoSeconds();
        if (mosquitto > 0) {
            seconds.put(MOSQUITTO, mosquitto);
        }
        double broker = 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int thread = 0; thread < ids.length; thread++) {
            if (infos[thread] != null && infos[thread].getThreadName().startsWith("hivemq")) {
                long nanos = threads.getThreadCpuTime(ids[thread]);
                broker += nanos > 0 ? nanos / 1e9 : 0;
            }
        }
        if (broker > 0) {
            seconds.put(BROKER_IN_BENCH, broker);
        }
        seconds.put(BENCH_REST, processSeconds(ProcessHandle.current().pid()) - broker);
        return seconds;
    }

    /**
     * Of each service JVM's CPU so far, in seconds: its JIT compilers' threads ("name JIT") and its garbage
     * collector's ("name GC": ZGC's Z* threads, G1's and Parallel's GC threads, and the VM thread, where Serial
     * collects). The rest is the service's own work.
     */
    Map<String, Double> overheads() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, pid) -> {
            double jit = 0;
            double gc = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        jit += seconds(stat);
                    } else if (comm.matches("Z[A-Z].*|GC Thread.*|G1 .*|VM Thread")) {
                        gc += seconds(stat);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process or one of its threads is gone: what was read so far
            }
            seconds.put(name + " JIT", jit);
            seconds.put(name + " GC", gc);
        });
        return seconds;
    }

    /** Microseconds of CPU per input between two snapshots, by part, and in all. */
    static Map<String, Double> perInput(Map<String, Double> before, Map<String, Double> after, long inputs) {
        Map<String, Double> micros = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> part : after.entrySet()) {
            double perInput = (part.getValue() - before.getOrDefault(part.getKey(), 0.0)) * 1e6 / inputs;
            micros.put(part.getKey(), Math.round(perInput * 10) / 10.0);
            total += perInput;
        }
        micros.put("all", Math.round(total * 10) / 10.0);
        return micros;
    }

    /**
     * CPU time the whole machine has spent busy since boot, all cores (user, nice, system, irq, softirq, steal): the
     * broker, the services and the load generator together.
     */
    static double machineBusySeconds() {
        return machineSeconds(1, 2, 3, 6, 7, 8);
    }

    /** Seconds the hypervisor gave this VM's vCPUs to others since boot (steal, all cores). */
    static double machineStealSeconds() {
        return machineSeconds(8);
    }

    /** The sum of the given fields of {@code /proc/stat}'s first line, in seconds (USER_HZ = 100); NaN if unreadable. */
    private static double machineSeconds(int... fields) {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int field : fields) {
                ticks += Long.parseLong(cpu[field]);
            }
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime from {@code /proc/<pid>/stat}, in seconds (USER_HZ = 100); 0 once the process is gone. */
    static double processSeconds(long pid) {
        try {
            return seconds(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line, in seconds. */
    private static double seconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // fields 14 and 15 of the whole line
    }

    private static double mosquittoSeconds() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("mosquitto");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToDouble(p -> processSeconds(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
