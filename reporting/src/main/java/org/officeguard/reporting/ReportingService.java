package org.officeguard.reporting;

import java.time.Duration;
import org.apache.camel.RoutesBuilder;
import org.officeguard.reporting.live.LatestStates;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.RunningService;
import org.officeguard.runtime.ServiceContext;

/**
 * reporting: stores every violation durably and serves the manager's daily report, the pages around it, and the roll
 * call with the lock-up check.
 */
public final class ReportingService implements OfficeService {

    public static final String NAME = "reporting";

    /** How long a day waits, once its close point has passed, for the last violations in flight. */
    private final Duration settle;

    public ReportingService() {
        this(Duration.ofSeconds(2));
    }

    public ReportingService(Duration settle) {
        this.settle = settle;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutesBuilder routes(RunningService service) {
        ServiceContext context = service.context();
        AppConfig config = context.config();
        ReportStore store = ReportStore.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), context.dataDir());
        Reports reports = new Reports(context, store, settle);
        service.healthDetails(reports::health);
        LatestStates latest = new LatestStates(context.sites(), context.topics().root(), context.clock());
        return new ReportingRoutes(service, reports, new HttpReports(reports, context.sitesById(), config.reportToken()),
                latest, new HttpPages(reports, context.sitesById(), latest, context.clock()));
    }
}
