package org.officeguard.reporting.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.reporting.live.RollCall;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The pages around the daily report, made with its templates, words and style sheet: {@code GET /} (the sites served),
 * {@code GET /reports/{site}.html} (a month of a site's reports) and {@code GET /sites/{site}/now.html} (the roll call
 * and lock-up check). Like the report, each is one self-contained document: inline CSS ({@code report.css}, then
 * {@code pages.css} for what only these pages have), no script, nothing loaded from elsewhere, well-formed XML; the
 * links are relative to the page. The roll call reloads itself with {@code <meta http-equiv="refresh">}.
 */
public final class ManagerPages {

    /** How often the roll call reloads itself: the retained state changes at most once a second. */
    public static final int REFRESH_SECONDS = 15;

    /** The style of these pages only, after report.css; it holds no {@code <} or {@code &}, as report.css. */
    static final String CSS = HtmlReport.resource("pages.css");

    /** A site on the index: its current local date (its report is always there) and its roll call. */
    public record SiteLine(SiteConfig site, LocalDate today, RollCall rollCall) {}

    private ManagerPages() {}

    /** {@code GET /}: the sites served, each with its month index, today's report and its roll call. */
    public static byte[] sites(List<SiteLine> sites, Lang lang) {
        return bytes(HtmlReport.render("sites.jte", new SitesPage(sites, lang), 8_192));
    }

    /** {@code GET /reports/{site}.html?month=}: the month's days, linked to their reports. */
    public static byte[] month(MonthIndex index, Lang lang) {
        return bytes(HtmlReport.render("month.jte", new MonthPage(index, lang), 32_768));
    }

    /**
     * {@code GET /sites/{site}/now.html}: the roll call as of {@code now} (wall time: the data's age counts from it);
     * {@code today} is the site's current day, whose report the page links to.
     */
    public static byte[] rollCall(RollCall call, Instant now, LocalDate today, Lang lang) {
        return HtmlReport.renderBytes("now.jte", new RollCallPage(call, now, today, lang));
    }

    private static byte[] bytes(String page) {
        return page.getBytes(StandardCharsets.UTF_8);
    }
}
