package org.officeguard.reporting;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.reporting.live.LatestStates;
import org.officeguard.reporting.live.RollCall;
import org.officeguard.reporting.live.RollCallJson;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.ManagerPages;
import org.officeguard.reporting.report.MonthIndex;
import org.officeguard.reporting.report.ReportDays;

/**
 * The manager's and the keyholder's pages around the reports (SPEC §6): {@code GET /} (the sites served),
 * {@code GET /reports/{site}.html[?month=YYYY-MM]} (a month of a site's reports) and {@code GET /sites/{site}/now} (JSON)
 * or {@code now.html} (the roll call and lock-up check). Each in Japanese or English ({@code ?lang=}); the routes put
 * {@link HttpReports#authorize} in front of every one, as in front of the reports.
 */
final class HttpPages {

    private final Reports reports;
    private final Map<String, SiteConfig> sites;
    private final LatestStates latest;
    private final Clock wall;

    HttpPages(Reports reports, Map<String, SiteConfig> sites, LatestStates latest, Clock wall) {
        this.reports = reports;
        this.sites = sites;
        this.latest = latest;
        this.wall = wall;
    }

    /** {@code GET /}. */
    void sites(Exchange e) {
        DailyReport.Lang lang = lang(e);
        if (lang == null) {
            return;
        }
        List<ManagerPages.SiteLine> lines = new ArrayList<>(sites.size());
        for (SiteConfig site : sites.values()) {
            lines.add(new ManagerPages.SiteLine(site, reports.today(site), latest.rollCall(site.site())));
        }
        HttpReports.page(e, ManagerPages.sites(lines, lang));
    }

    /** {@code GET /reports/{site}.html}: the month asked for, else the site's current month. */
    void month(Exchange e) {
        String id = e.getMessage().getHeader("site", String.class);
        SiteConfig site = site(e, id.substring(0, id.length() - ".html".length()));
        DailyReport.Lang lang = site == null ? null : lang(e);
        if (lang == null) {
            return;
        }
        ReportDays days = reports.reportDays(site);
        String asked = e.getMessage().getHeader("month", String.class);
        YearMonth month;
        try {
            month = asked == null ? YearMonth.from(days.today()) : YearMonth.parse(asked);
        } catch (DateTimeException ex) {
            HttpReports.answer(e, 400, "text/plain; charset=utf-8", "month must be YYYY-MM\n");
            return;
        }
        LocalDate first = month.atDay(1);
        MonthIndex index = MonthIndex.of(site, month, days, reports.store().totals(site.site(), first, month.atEndOfMonth()),
                day -> reports.isFinal(site, day));
        HttpReports.page(e, ManagerPages.month(index, lang));
    }

    /** {@code GET /sites/{site}/now}, {@code now.json} or {@code now.html}. */
    void now(Exchange e) {
        SiteConfig site = site(e, e.getMessage().getHeader("site", String.class));
        if (site == null) {
            return;
        }
        String page = e.getMessage().getHeader("page", String.class);
        RollCall call = latest.rollCall(site.site());
        Instant now = wall.instant();
        if ("now".equals(page) || "now.json".equals(page)) {
            HttpReports.answer(e, 200, "application/json; charset=utf-8", RollCallJson.write(call, now));
        } else if ("now.html".equals(page)) {
            DailyReport.Lang lang = lang(e);
            if (lang != null) {
                HttpReports.page(e, ManagerPages.rollCall(call, now, reports.today(site), lang));
            }
        } else {
            HttpReports.answer(e, 404, "text/plain; charset=utf-8", "expected /sites/" + site.site()
                    + "/now[.json|.html]\n");
        }
    }

    /** The site of this id, or null after answering 404. */
    private SiteConfig site(Exchange e, String id) {
        SiteConfig site = sites.get(id);
        if (site == null) {
            HttpReports.answer(e, 404, "text/plain; charset=utf-8", "no site '" + id + "' here\n");
        }
        return site;
    }

    /** The page's language, or null after answering 400. */
    private static DailyReport.Lang lang(Exchange e) {
        try {
            return DailyReport.Lang.parse(e.getMessage().getHeader("lang", String.class));
        } catch (IllegalArgumentException ex) {
            HttpReports.answer(e, 400, "text/plain; charset=utf-8", "lang must be ja or en\n");
            return null;
        }
    }
}
