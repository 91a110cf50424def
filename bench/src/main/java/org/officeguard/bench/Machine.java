package org.officeguard.bench;

import static org.officeguard.bench.Figures.mib;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What the bench says about the machine it ran on: its cores, memory, CPU, Java, and its load while it ran. */
final class Machine {

    private Machine() {}

    static Map<String, Object> facts() throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("nproc", Runtime.getRuntime().availableProcessors());
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal") || line.startsWith("MemAvailable")) {
                String[] nameAndValue = line.split(":\\s*");
                facts.put(nameAndValue[0], mib(Memory.kilobytes(nameAndValue[1]) * 1024));
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                facts.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                break;
            }
        }
        facts.put("kernel", KernelReclaim.kernel());
        facts.put("kernelReclaim", KernelReclaim.describe());
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("benchHeapMax", mib(Runtime.getRuntime().maxMemory()));
        facts.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        facts.put("startedAt", Instant.now().toString());
        return facts;
    }

    /** The load averages over 1, 5 and 15 minutes; "?" if unreadable. */
    static String load() {
        try {
            String[] averages = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return averages[0] + " " + averages[1] + " " + averages[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
