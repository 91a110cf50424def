package org.officeguard.reporting.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The final report as the morning e-mail (SPEC §6, E-mail): its subject, and its body, the report's page laid out for
 * mail clients with every style inline ({@link MailPage}, {@code mail.jte}): no style sheet, script, image, link or
 * SVG, so that it renders without anything from outside the message. Pure functions of {@link DayData}.
 */
public final class MailReport {

    private static final TemplateEngine TEMPLATES = precompiled();

    private MailReport() {}

    /** The mail's HTML body in {@code lang}. */
    public static String html(DayData data, Lang lang) {
        ReportModel model = new ReportModel(data);
        ReportPage page = new ReportPage(model, lang, null); // a mail links nowhere: its reader is not on the service
        MailPage mail = new MailPage(page, subject(data.site().site(), data.date(), model.total(), lang));
        StringOutput out = new StringOutput(65_536);
        TEMPLATES.render("mail.jte", mail, new PageOutput(out));
        return out.toString();
    }

    /** "[officeguard] hq · Wed 25 Nov 2026 · 3 violations (final report)", or the same in Japanese. */
    public static String subject(String site, LocalDate date, long violations, Lang lang) {
        Texts texts = Texts.of(lang);
        String day = DateTimeFormatter.ofPattern(texts.lookup("mail.subject.date"), texts.locale()).format(date);
        return texts.format(violations == 1 ? "mail.subject.one" : "mail.subject.other", site, day,
                ReportPage.num(violations));
    }

    /** See {@code HtmlReport#precompiled}: the templates' classes are found whichever thread renders first. */
    private static TemplateEngine precompiled() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MailReport.class.getClassLoader());
        try {
            return TemplateEngine.createPrecompiled(null, ContentType.Html, null, MailReport.class.getPackageName());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
