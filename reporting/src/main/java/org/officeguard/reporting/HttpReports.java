package org.officeguard.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.DayData;
import org.officeguard.reporting.report.FinalReports;
import org.officeguard.runtime.AnswerHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /reports/{site}} and {@code GET /reports/{site}/{date}[.json|.csv|.html]} (SPEC §6). Reports
 * carry names: when a token is configured every request must present it, and no client or proxy may
 * keep a response ({@code Cache-Control: no-store}). The service itself keeps the bytes of final
 * reports in memory, since they never change.
 */
final class HttpReports {

    private static final Logger LOG = LoggerFactory.getLogger(HttpReports.class);

    /** The cookie that carries the token for a browser that came with {@code ?token=}. */
    private static final String COOKIE = "officeguard-report-token";
    /** What a cookie value may hold (RFC 6265 cookie-octets); a token with anything else gets no cookie. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");
    private static final Pattern FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\.(json|csv|html))?");

    /**
     * The headers a {@code /reports} answer may send, each set here; no other header leaves (see {@link
     * AnswerHeaders}). {@code Cache-Control: no-store} among them, which platform-http's own strategy would drop.
     */
    static final AnswerHeaders HEADERS = new AnswerHeaders(Exchange.CONTENT_TYPE, "Cache-Control",
            "X-Content-Type-Options", "Content-Disposition", "Content-Security-Policy", "WWW-Authenticate", "Set-Cookie");

    /** What a page may load: its own inline style and data: images, nothing else, and no script at all. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private final Reports reports;
    private final Map<String, SiteConfig> sites;
    private final byte[] token;
    private final FinalReports finals = new FinalReports(FINAL_REPORT_CACHE_BYTES);

    /** Memory for the bytes of final reports: a day of 100,000 violations is some 23 MiB of JSON. */
    static final long FINAL_REPORT_CACHE_BYTES = 64L << 20;

    HttpReports(Reports reports, Map<String, SiteConfig> sites, String token) {
        this.reports = reports;
        this.sites = sites;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        reports.onCorrected(finals::forget);
    }

    /**
     * Stops the exchange with 401 unless the request carries the token: {@code Authorization: Bearer}, {@code ?token=}
     * (a browser's address), or the cookie a browser got for coming with {@code ?token=}. That cookie (HttpOnly,
     * same-site, for the whole service: {@code /}, {@code /reports} and {@code /sites}) is what lets the pages' own
     * links — a report's CSV and JSON, the index's sites, months and days, the roll call — open in the browser without
     * the token in them. Every page and report of reporting is guarded by this one check.
     */
    void authorize(Exchange e) {
        Message m = e.getMessage();
        HEADERS.forgetRequestValues(m);
        String query = m.getHeader("token", String.class);
        if (token == null) {
            return;
        }
        String auth = m.getHeader("Authorization", String.class);
        boolean bearer = auth != null && auth.startsWith("Bearer ");
        String given = bearer ? auth.substring(7).trim() : query != null ? query : cookie(m.getHeader("Cookie", String.class));
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            answer(e, 401, "text/plain; charset=utf-8", "a valid report token is required\n");
            m.setHeader("WWW-Authenticate", "Bearer");
            e.setRouteStop(true);
        } else if (!bearer && query != null && COOKIE_VALUE.matcher(query).matches()) {
            m.setHeader("Set-Cookie", COOKIE + "=" + query + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    /** The value of the token cookie in a {@code Cookie} request header; null if there is none. */
    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(COOKIE)) {
                return pair.substring(eq + 1).trim();
            }
        }
        return null;
    }

    void dates(Exchange e) {
        SiteConfig site = site(e);
        if (site == null) {
            return;
        }
        var o = Payloads.JSON.createObjectNode();
        o.put("site", site.site());
        var list = o.putArray("dates");
        LocalDate horizon = reports.horizon(site);
        for (LocalDate d : reports.store().days(site.site())) {
            if (d.isBefore(horizon)) {
                continue; // deleted, or about to be: older than the retention
            }
            var item = list.addObject();
            item.put("date", d.toString());
            item.put("final", reports.isFinal(site, d));
        }
        answer(e, 200, "application/json; charset=utf-8", Payloads.bytes(o));
    }

    void day(Exchange e) {
        SiteConfig site = site(e);
        if (site == null) {
            return;
        }
        String file = e.getMessage().getHeader("file", String.class);
        Matcher m = FILE.matcher(file == null ? "" : file);
        LocalDate date;
        try {
            if (!m.matches()) {
                throw new DateTimeException(file);
            }
            date = LocalDate.parse(m.group(1));
        } catch (DateTimeException ex) {
            answer(e, 400, "text/plain; charset=utf-8", "expected /reports/" + site.site()
                    + "/YYYY-MM-DD[.json|.csv|.html], not '" + file + "'\n");
            return;
        }
        if (date.isBefore(reports.horizon(site))) {
            answer(e, 404, "text/plain; charset=utf-8", "no report of " + site.site() + " " + date
                    + ": reports are kept " + reports.retentionDays() + " days (--retention-days)\n");
            return;
        }
        String format = m.group(2) == null ? "json" : m.group(2);
        DailyReport.Lang lang = null;
        if (!format.equals("json")) {
            try {
                lang = DailyReport.Lang.parse(e.getMessage().getHeader("lang", String.class));
            } catch (IllegalArgumentException ex) {
                answer(e, 400, "text/plain; charset=utf-8", "lang must be ja or en\n");
                return;
            }
        }
        byte[] body = render(site, date, format, lang);
        switch (format) {
            case "csv" -> {
                answer(e, 200, "text/csv; charset=utf-8", body);
                e.getMessage().setHeader("Content-Disposition",
                        "attachment; filename=\"officeguard-" + site.site() + "-" + date + ".csv\"");
            }
            case "html" -> page(e, body);
            default -> answer(e, 200, "application/json; charset=utf-8", body);
        }
    }

    /**
     * The report's bytes. A final day's are those written when it closed or was last rewritten (kept in memory once
     * read): the report served is the one published. Made from the database only if the file is gone.
     */
    private byte[] render(SiteConfig site, LocalDate date, String format, DailyReport.Lang lang) {
        long generation = finals.generation();
        boolean fin = reports.isFinal(site, date);
        FinalReports.Key key = new FinalReports.Key(site.site(), date, format, lang);
        if (fin) {
            byte[] cached = finals.get(key);
            if (cached != null) {
                return cached;
            }
            try {
                byte[] written = Files.readAllBytes(reports.reportFile(site.site(), date, format, lang));
                finals.put(key, written, generation);
                return written;
            } catch (IOException gone) {
                LOG.warn("The final report file for {} {} cannot be read ({}); making it again from the database",
                        site.site(), date, gone.toString());
            }
        }
        DayData data = reports.dayData(site, date, fin);
        byte[] body = switch (format) {
            case "csv" -> DailyReport.csv(data, lang);
            case "html" -> DailyReport.htmlBytes(data, lang, reports.reportDays(site).links(date));
            default -> DailyReport.jsonBytes(data);
        };
        if (fin) {
            finals.put(key, body, generation);
        }
        return body;
    }

    private SiteConfig site(Exchange e) {
        String id = e.getMessage().getHeader("site", String.class);
        SiteConfig site = sites.get(id);
        if (site == null) {
            answer(e, 404, "text/plain; charset=utf-8", "no site '" + id + "' here\n");
        }
        return site;
    }

    /** A page: HTML under the pages' content security policy (no script, nothing from elsewhere). */
    static void page(Exchange e, byte[] body) {
        answer(e, 200, "text/html; charset=utf-8", body);
        e.getMessage().setHeader("Content-Security-Policy", PAGE_POLICY);
    }

    static void answer(Exchange e, int status, String type, Object body) {
        Message m = e.getMessage();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, type);
        m.setHeader("Cache-Control", "no-store");
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setBody(body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : body);
    }
}
