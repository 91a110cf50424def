package org.officeguard.reporting.closing;

import java.time.LocalDate;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.reporting.store.ExpiredData;
import org.officeguard.reporting.store.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what reporting keeps of a site's days before a horizon (a privacy setting, {@code serve --retention-days};
 * docs/decisions.md "Retention"): in the database each day in a transaction of its own, oldest first, then the
 * visitor registrations made before the horizon's local midnight, then the report files. A failure stops the run
 * there; the next run deletes what is left, as every statement only deletes what is older than its horizon.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final ExpiredData expired;
    private final ReportFiles files;

    public Retention(ReportStore store, ReportFiles files) {
        this.expired = store.expired();
        this.files = files;
    }

    /** Deletes {@code site}'s data and files of the days before {@code horizon}; returns the days that had data. */
    public List<LocalDate> deleteBefore(SiteConfig site, LocalDate horizon) {
        List<LocalDate> days = expired.daysBefore(site.site(), horizon);
        long rows = 0;
        for (LocalDate day : days) {
            rows += expired.deleteDay(site.site(), day);
        }
        long registrations = expired.deleteRegistrations(site.site(),
                horizon.atStartOfDay(site.timezone()).toInstant().toEpochMilli());
        int removed = files.deleteBefore(site.site(), horizon);
        if (!days.isEmpty() || registrations > 0 || removed > 0) {
            LOG.info("Retention: deleted {} days of {} before {} ({} rows, {} visitor registrations, {} report files)",
                    days.size(), site.site(), horizon, rows, registrations, removed);
        }
        return days;
    }
}
