package org.officeguard.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.OfficeguardApp;

/**
 * What the phases of one bench run share: its options, the broker, a work folder, and the report they add to.
 *
 * @param work a folder of this run's own, removed when it ends
 */
record BenchRun(BenchOptions options, String brokerUrl, Path work, BenchReport report) {

    /** Services in this JVM on a port of their own, each client id and topic under {@code root}; once ready. */
    OfficeguardApp startApp(SiteConfig site, String root, Path data, List<String> names, List<OfficeService> services)
            throws Exception {
        return startApp(site, root, data, ServiceHttp.freePort(), names, services);
    }

    OfficeguardApp startApp(SiteConfig site, String root, Path data, int port, List<String> names,
            List<OfficeService> services) throws Exception {
        OfficeguardApp app = OfficeguardApp.start(AppConfig.defaults(List.of(site), brokerUrl, data, names)
                .withHttp("127.0.0.1", port, null).withClientIdPrefix(root).withTopicRoot(root), services);
        Waits.waitFor(app::ready, 60);
        return app;
    }

    /** {@link Saturation#measure} with the run's warm-up and measuring time. */
    double saturate(Saturation.Step step, AtomicLong received, Map<String, Object> section) throws Exception {
        return Saturation.measure(step, received, section, options.warmupSeconds(), options.measureSeconds());
    }
}
