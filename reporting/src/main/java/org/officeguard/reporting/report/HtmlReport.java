package org.officeguard.reporting.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The manager's page. One self-contained document: inline CSS and SVG, no script, no external font,
 * image or style sheet, so that it opens from a file, prints on one A4 sheet per section and passes a
 * {@code default-src 'none'} content security policy. The markup is also well-formed XML.
 *
 * <p>The templates in {@code src/main/jte} ({@code report.jte} and the sections it calls) are compiled
 * to Java at build time by jte-maven-plugin; {@link ReportPage} gives them their values, {@link Texts}
 * their words, {@code report.css} (beside this class) their style, and {@link PageOutput} escapes every
 * value from the data.
 *
 * <p>Stable hooks: {@code #summary}, {@code table#totals} (a {@code tbody.habit} per habit, a
 * {@code tr.rule[data-rule]} per rule, {@code .zero} when none), {@code svg#trend} (a
 * {@code g.day[data-date]} per day, {@code .today} on the report's day), {@code section#people},
 * {@code ol#timeline} (an {@code li[data-id]} per violation listed: the first {@value #TIMELINE_ROWS}),
 * {@code p#timeline-more[data-more]} (how many more there are, when there are, with links to the CSV
 * and JSON of the day, relative to the page, which is where both the HTTP routes and the report files
 * put them). Those links, and the navigation ({@code nav#day-nav}: the month's index and the nearest days
 * before and after that have a report, when the page is given {@link DayLinks}), are the page's only
 * {@code href}s.
 */
final class HtmlReport {

    /** People listed by name; the rest are counted in a note. */
    static final int TOP_PEOPLE = 10;

    /**
     * Violations the timeline lists; the rest are counted in a note that points to the CSV and JSON
     * (which hold every one). Nobody reads a timeline of thousands of rows, and a page of 100,000 is
     * 35 MiB that takes seconds to build and a browser far longer to lay out.
     */
    static final int TIMELINE_ROWS = 1_000;

    /**
     * The page's style sheet, inlined into every page. System fonts only (Hiragino, Yu Gothic, Meiryo or
     * Noto CJK, whichever the reader has), no {@code url(...)}; it holds no {@code <} or {@code &}, so the
     * page stays well-formed XML. The habits' colours are defined there, once.
     */
    static final String CSS = resource("report.css");

    private static final TemplateEngine TEMPLATES = precompiled();

    private final ReportPage page;

    HtmlReport(ReportModel model, Lang lang, DayLinks links) {
        this.page = new ReportPage(model, lang, links);
    }

    String render() {
        return render("report.jte", page, 32_768);
    }

    /** Renders one of this module's templates with its one parameter, escaped by {@link PageOutput}. */
    static String render(String template, Object model, int sizeHint) {
        StringOutput out = new StringOutput(sizeHint);
        TEMPLATES.render(template, model, new PageOutput(out));
        return out.toString();
    }

    /** The same, written straight to UTF-8: no text of the whole page to copy into bytes (a roll call of megabytes). */
    static byte[] renderBytes(String template, Object model) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        TEMPLATES.render(template, model, new PageOutput(out));
        return out.toByteArray();
    }

    /**
     * The engine of the templates compiled with this module. It loads their classes through the context
     * class loader of the thread that creates it, which is set to this module's for the purpose: whichever
     * thread first renders a page (an HTTP worker, a Camel thread), the templates are found.
     */
    private static TemplateEngine precompiled() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HtmlReport.class.getClassLoader());
        try {
            return TemplateEngine.createPrecompiled(null, ContentType.Html, null, HtmlReport.class.getPackageName());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing beside " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
