package org.officeguard.reporting.report;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import org.officeguard.reporting.report.DailyReport.Lang;

/** The pages' links: relative to the page, in the page's language (Japanese, the default, needs no parameter). */
final class Hrefs {

    private Hrefs() {}

    /** {@code href} with {@code lang=en} added for an English page. */
    static String withLang(String href, Lang lang) {
        if (lang != Lang.EN) {
            return href;
        }
        return href + (href.contains("?") ? "&" : "?") + "lang=en";
    }

    /** The same page in the other language: its query with {@code lang} changed ({@code query} without the '?'). */
    static String otherLanguage(String query, Lang lang) {
        String other = lang == Lang.EN ? "ja" : "en";
        return "?" + (query == null || query.isEmpty() ? "" : query + "&") + "lang=" + other;
    }

    /** 2026年11月 / November 2026. */
    static String monthName(YearMonth month, Texts texts) {
        return DateTimeFormatter.ofPattern(texts.lookup("month.name"), texts.locale()).format(month);
    }
}
