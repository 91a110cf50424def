package org.officeguard.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 5, each service as its own JVM, as a site runs it: the door-gateway alone (saturation and latency again,
 * {@link GatewayPhase#measure}), then the three services' pipeline with where each one's CPU went
 * ({@link PipelineRun}), and each service's memory.
 */
final class ProcessesPhase {

    private static final List<String> SERVICES = List.of("door-gateway", "lockout-monitor", "reporting");

    private final BenchRun run;

    ProcessesPhase(BenchRun run) {
        this.run = run;
    }

    void run(Path siteFile, double raw) throws Exception {
        Map<String, Object> section = run.report().section("processes");
        String gatewayRoot = "bgwproc";
        try (ServiceJvms gateway = new ServiceJvms(run, gatewayRoot)) {
            gateway.start(List.of("door-gateway"), siteFile);
            Map<String, Object> figures = new LinkedHashMap<>();
            section.put("gateway", figures);
            new GatewayPhase(run).measure(gatewayRoot, raw, figures,
                    " (own JVM, " + gateway.get("door-gateway").collector() + ")");
        }
        String root = "bproc";
        try (ServiceJvms services = new ServiceJvms(run, root)) {
            services.start(SERVICES, siteFile);
            Map<String, Object> collectors = new LinkedHashMap<>();
            Map<String, Long> pids = new LinkedHashMap<>();
            services.all().forEach((name, jvm) -> {
                collectors.put(name, jvm.collector());
                pids.put(name, jvm.process().pid());
            });
            section.put("collectors", collectors);
            new PipelineRun(run, root, services.get("reporting").port(), raw, section,
                    "3 full pipeline, one JVM per service, -Xmx256m", pids).run();
            Map<String, Object> memory = new LinkedHashMap<>();
            for (Map.Entry<String, ServiceJvms.ServiceJvm> service : services.all().entrySet()) {
                memory.put(service.getKey(), memory(service.getKey(), service.getValue()));
            }
            section.put("memory", memory);
        }
    }

    /** The memory the service's JVM took, and whether it ran within its heap; a row of the table. */
    private Map<String, Object> memory(String service, ServiceJvms.ServiceJvm jvm) throws Exception {
        Process process = jvm.process();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("alive", process.isAlive());
        memory.put("pid", process.pid());
        memory.put("sessionsDiscarded", ServiceHttp.sessionsDiscarded(jvm.port(), service));
        memory.putAll(Memory.ofProcess(process.pid()));
        memory.put("heapBeforeGc", Memory.heapOf(process.pid(), false));
        memory.put("heapAfterFullGc", Memory.heapOf(process.pid(), true));
        long discarded = (long) memory.get("sessionsDiscarded");
        run.report().row("5 " + service + " (own JVM, -Xmx256m, " + jvm.collector()
                        + ") RSS peak / PSS / heap used→after GC",
                memory.get("VmHWM") + " / " + memory.get("Pss") + " / " + memory.get("heapBeforeGc") + " → "
                        + memory.get("heapAfterFullGc")
                        + (discarded > 0 ? "; MQTT session started afresh " + discarded + "×, its backlog lost" : ""),
                "≤ 256 MiB heap → " + (process.isAlive() ? "MET (ran within -Xmx256m)" : "NOT MET (died)"));
        return memory;
    }
}
