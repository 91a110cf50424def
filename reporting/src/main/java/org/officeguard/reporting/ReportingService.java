package org.officeguard.reporting;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.retry.Backoff;
import org.officeguard.reporting.closing.ReportFiles;
import org.officeguard.reporting.live.LatestStates;
import org.officeguard.reporting.mail.MailRoutes;
import org.officeguard.reporting.mail.ReportMailer;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.MailServer;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.RunningService;
import org.officeguard.runtime.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * reporting: stores every violation durably, serves the manager's daily report, the pages around it and the roll
 * call with the lock-up check, and mails each final report to the addresses its site names (when {@code serve} has
 * an SMTP server).
 */
public final class ReportingService implements OfficeService {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingService.class);

    public static final String NAME = "reporting";

    /** How long a day waits, once its close point has passed, for the last violations in flight. */
    private final Duration settle;
    private final Backoff mailRetry;

    public ReportingService() {
        this(Duration.ofSeconds(2));
    }

    public ReportingService(Duration settle) {
        this(settle, ReportMailer.RETRY);
    }

    /** @param mailRetry how a mail the SMTP server did not take is tried again */
    public ReportingService(Duration settle, Backoff mailRetry) {
        this.settle = settle;
        this.mailRetry = mailRetry;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutesBuilder routes(RunningService service) {
        ServiceContext context = service.context();
        AppConfig config = context.config();
        checkMail(config.sites(), config.mailServer());
        ReportStore store = ReportStore.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(),
                context.dataDir());
        Reports reports = new Reports(context, store, settle, config.retentionDays());
        reports.siteTimes().register(service.metrics());
        LatestStates latest = new LatestStates(context.sites(), context.topics().root(), context.clock());
        ReportingRoutes routes = new ReportingRoutes(service, reports,
                new HttpReports(reports, context.sitesById(), config.reportToken()),
                latest, new HttpPages(reports, context.sitesById(), latest, context.clock()));
        if (config.mailServer() == null) {
            service.healthDetails(reports::health);
            return routes;
        }
        ReportMailer mailer = new ReportMailer(store, new ReportFiles(context.dataDir()), context.sitesById(),
                context.clock(), mailRetry);
        service.healthDetails(() -> {
            Map<String, Object> health = reports.health();
            health.put("mail", mailer.health());
            return health;
        });
        LOG.info("Final reports are mailed through {}", config.mailServer());
        return routes.including(new MailRoutes(mailer, config.mailServer()));
    }

    /**
     * Refuses to start when a site names {@code report.mailTo} and no SMTP server is given: the mails would be owed
     * and never sent, and nobody would notice until a manager asks where the report is (SPEC §1: nothing starts
     * half-configured).
     */
    public static void checkMail(List<SiteConfig> sites, MailServer server) {
        List<String> mailing = sites.stream().filter(site -> site.report().mails()).map(SiteConfig::site).toList();
        if (server == null && !mailing.isEmpty()) {
            throw new IllegalArgumentException("site " + String.join(", ", mailing) + " mails its final reports"
                    + " (report.mailTo) but serve has no SMTP server: give --smtp-url smtp://host:port (or"
                    + " OFFICEGUARD_SMTP_URL), or remove report.mailTo from the site file");
        }
    }
}
