package org.officeguard.bench;

import static org.officeguard.bench.Figures.mib;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory a JVM took: from {@code /proc}, from this JVM's memory pools, or from {@code jcmd} for another JVM. */
final class Memory {

    /** G1 prints one "total …K, used …K" line; Serial and Parallel one per generation. */
    private static final Pattern GENERATION = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern Z_HEAP = Pattern.compile("ZHeap\\s+used (\\d+)M, capacity (\\d+)M");

    private Memory() {}

    /** The peak and current resident set, and the proportional set size, of a process. */
    static Map<String, Object> ofProcess(long pid) throws IOException {
        Map<String, Object> memory = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) {
                String[] nameAndValue = line.split(":\\s*");
                memory.put(nameAndValue[0], mib(kilobytes(nameAndValue[1]) * 1024));
            }
        }
        // ZGC maps its heap three times, and RSS counts a page once per mapping; PSS counts it once
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                memory.put("Pss", mib(kilobytes(line.substring(4)) * 1024));
            }
        }
        return memory;
    }

    /** A {@code /proc} value such as " 1234 kB", in kB. */
    static long kilobytes(String value) {
        return Long.parseLong(value.replace(" kB", "").trim());
    }

    /** Starts this JVM's peaks of heap use afresh. */
    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** This JVM's heap since {@link #resetPeaks}, and its process's memory. */
    static Map<String, Object> inProcess() throws IOException {
        Map<String, Object> memory = new LinkedHashMap<>();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        memory.put("note", "all three services, the bench's clients and (embedded) the broker share this JVM");
        memory.put("heapPeakSumOfPools", mib(peak));
        memory.put("heapUsedAfterGc", mib(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
        memory.put("heapMax", mib(Runtime.getRuntime().maxMemory()));
        memory.putAll(ofProcess(ProcessHandle.current().pid()));
        return memory;
    }

    /** Another JVM's heap, "used of capacity", as {@code jcmd} reports it; after a full GC if {@code gcFirst}. */
    static String heapOf(long pid, boolean gcFirst) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        if (gcFirst) {
            exec(jcmd, Long.toString(pid), "GC.run");
        }
        String heapInfo = exec(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher generation = GENERATION.matcher(heapInfo);
        long total = 0;
        long used = 0;
        while (generation.find()) {
            total += Long.parseLong(generation.group(1));
            used += Long.parseLong(generation.group(2));
        }
        if (total > 0) {
            return mib(used * 1024) + " of " + mib(total * 1024);
        }
        Matcher zHeap = Z_HEAP.matcher(heapInfo);
        return zHeap.find() ? zHeap.group(1) + " MiB of " + zHeap.group(2) + " MiB" : "?";
    }

    private static String exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
