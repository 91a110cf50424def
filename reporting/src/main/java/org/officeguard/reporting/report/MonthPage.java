package org.officeguard.reporting.report;

import java.time.DayOfWeek;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * What {@code month.jte} shows: a {@link MonthIndex} as a calendar in the page's language, weeks starting on the
 * language's first day (Sunday for both), each day linked to its report, the months around it linked too.
 */
final class MonthPage {

    /** A weekday heading; {@code css} is {@code sat} or {@code sun} on the weekend, else empty. */
    record Weekday(String name, String css) {}

    private final MonthIndex index;
    private final Lang lang;
    private final Texts texts;
    private final DayOfWeek firstDay;

    MonthPage(MonthIndex index, Lang lang) {
        this.index = index;
        this.lang = lang;
        this.texts = Texts.of(lang);
        this.firstDay = WeekFields.of(texts.locale()).getFirstDayOfWeek();
    }

    Lang lang() {
        return lang;
    }

    Texts texts() {
        return texts;
    }

    MonthIndex index() {
        return index;
    }

    String site() {
        return index.site().site();
    }

    String title() {
        return texts.format("month.title", site(), monthName(index.month()));
    }

    String monthName(YearMonth month) {
        return Hrefs.monthName(month, texts);
    }

    String zone() {
        return index.site().timezone().getId();
    }

    List<Weekday> weekdays() {
        List<Weekday> names = new ArrayList<>(7);
        for (int i = 0; i < 7; i++) {
            DayOfWeek day = firstDay.plus(i);
            names.add(new Weekday(day.getDisplayName(TextStyle.SHORT, texts.locale()), weekdayClass(day)));
        }
        return names;
    }

    List<List<MonthIndex.Day>> weeks() {
        return index.weeks(firstDay);
    }

    // ------------------------------------------------------------------ links, from /reports/{site}.html

    String dayHref(MonthIndex.Day day) {
        return Hrefs.withLang(site() + "/" + day.date() + ".html", lang);
    }

    String monthHref(YearMonth month) {
        return Hrefs.withLang(site() + ".html?month=" + month, lang);
    }

    String sitesHref() {
        return Hrefs.withLang("../", lang);
    }

    String rollCallHref() {
        return Hrefs.withLang("../sites/" + site() + "/now.html", lang);
    }

    String otherLanguageHref() {
        return Hrefs.otherLanguage("month=" + index.month(), lang);
    }

    // ------------------------------------------------------------------ a day

    /** The cell's classes: whether it has a report, is final, is today, a weekend day. */
    String dayClass(MonthIndex.Day day) {
        StringBuilder css = new StringBuilder("day");
        css.append(day.hasReport() ? day.isFinal() ? " final" : " preliminary" : " no-report");
        if (day.today()) {
            css.append(" today");
        }
        if (day.hasReport() && day.total() == 0) {
            css.append(" clean");
        }
        String weekend = weekdayClass(day.date().getDayOfWeek());
        if (!weekend.isEmpty()) {
            css.append(' ').append(weekend);
        }
        return css.toString();
    }

    /** What a screen reader and a tooltip say of a day: its date, its count, final or not. */
    String dayLabel(MonthIndex.Day day) {
        String date = RollCallPage.longDate(day.date(), texts);
        if (!day.hasReport()) {
            return texts.format("month.day.noReport", date);
        }
        return texts.format(day.isFinal() ? "month.day.final" : "month.day.preliminary", date,
                ReportPage.num(day.total()));
    }

    String habitTitle(MonthIndex.Day day, Rule.Habit habit) {
        return texts.habit(habit) + ": " + ReportPage.num(day.count(habit));
    }

    private static String weekdayClass(DayOfWeek day) {
        return switch (day) {
            case SATURDAY -> "sat";
            case SUNDAY -> "sun";
            default -> "";
        };
    }
}
