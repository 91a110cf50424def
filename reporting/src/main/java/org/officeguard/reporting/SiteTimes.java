package org.officeguard.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.runtime.ServiceMetrics;

/**
 * The newest event time reporting has had from each site's own inputs (decisions, violations, last-exit events,
 * visitor registrations, clock ticks; never its own wall-clock ticks), and how far each site is behind the site
 * furthest ahead. At the centre, a site whose line is cut stops moving while the others go on: its lag is how much of
 * its day has not reached the centre yet. Read by {@code /health} and {@code /metrics} on their own threads.
 *
 * <p>Behind the newest of all sites, not behind the wall clock: in event mode (simulations, replays, the centre's
 * reporting) event time has nothing to do with the system clock, and at real sites in wall mode the site furthest
 * ahead is about now. The gauge {@code officeguard_site_newest_event_seconds} gives the time itself, so that
 * Prometheus can compare it with its own clock ({@code time() - officeguard_site_newest_event_seconds}).
 */
final class SiteTimes {

    private final Map<String, ZoneId> zones = new LinkedHashMap<>();
    private final Map<String, Instant> newest = new ConcurrentHashMap<>();

    SiteTimes(List<SiteConfig> sites) {
        sites.forEach(site -> zones.put(site.site(), site.timezone()));
    }

    /** An input of {@code site} stamped {@code ts} came. */
    void seen(String site, Instant ts) {
        newest.merge(site, ts, (old, now) -> now.isAfter(old) ? now : old);
    }

    /** The newest event time of {@code site}; null before its first input. */
    Instant newest(String site) {
        return newest.get(site);
    }

    /** The newest event time of every site; null before any input. */
    Instant newestOfAll() {
        Instant all = null;
        for (Instant ts : newest.values()) {
            all = all == null || ts.isAfter(all) ? ts : all;
        }
        return all;
    }

    /** How far {@code site} is behind the newest of all sites; null before its first input. */
    Duration behind(String site) {
        Instant own = newest(site);
        Instant all = newestOfAll();
        return own == null || all == null ? null : Duration.between(own, all);
    }

    /** {@code /health}'s figures of {@code site}: {@code newestEvent} in its offset, {@code behindSeconds}. */
    Map<String, Object> health(String site) {
        Map<String, Object> figures = new LinkedHashMap<>();
        Instant own = newest(site);
        Duration behind = behind(site);
        figures.put("newestEvent", own == null ? null : TimeFormat.format(own, zones.get(site)));
        figures.put("behindSeconds", behind == null ? null : behind.toSeconds());
        return figures;
    }

    /** Registers each site's gauges: its newest event time and its lag, in seconds (NaN before its first input). */
    void register(ServiceMetrics metrics) {
        for (String site : zones.keySet()) {
            metrics.siteTime(site, () -> {
                Instant own = newest(site);
                return own == null ? Double.NaN : own.toEpochMilli() / 1000.0;
            }, () -> {
                Duration behind = behind(site);
                return behind == null ? Double.NaN : behind.toMillis() / 1000.0;
            });
        }
    }
}
