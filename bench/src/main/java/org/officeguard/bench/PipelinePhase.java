package org.officeguard.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.OfficeguardApp;

/**
 * Phase 3, the full pipeline in this JVM: door-gateway, lockout-monitor and reporting on a generated site
 * ({@link PipelineRun}), then whether a session was started afresh and the memory this JVM took. Phase 5 runs
 * the pipeline again with each service in a JVM of its own.
 */
final class PipelinePhase {

    private static final List<String> SERVICES = List.of("door-gateway", "lockout-monitor", "reporting");

    private final BenchRun run;

    PipelinePhase(BenchRun run) {
        this.run = run;
    }

    void inProcess(SiteConfig site, double raw) throws Exception {
        Map<String, Object> section = run.report().section("pipelineInProcess");
        String root = "bpipe";
        Memory.resetPeaks();
        int port = ServiceHttp.freePort();
        try (OfficeguardApp app = run.startApp(site, root, run.work().resolve("pipe"), port, SERVICES,
                List.of(new DoorGatewayService(), new LockoutMonitorService(),
                        new ReportingService(Duration.ofMillis(500))))) {
            new PipelineRun(run, root, port, raw, section,
                    "3 full pipeline, in-process (" + run.options().people() + " people)", Map.of()).run();
            Map<String, Object> discarded = new LinkedHashMap<>();
            for (String service : SERVICES) {
                discarded.put(service, ServiceHttp.sessionsDiscarded(port, service));
            }
            section.put("sessionsDiscarded", discarded);
            System.gc();
            section.put("memory", Memory.inProcess());
        }
    }
}
