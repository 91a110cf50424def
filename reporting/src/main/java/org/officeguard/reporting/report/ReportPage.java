package org.officeguard.reporting.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * What the page's templates ({@code src/main/jte}) show, worked out and formatted in one language: the
 * templates hold the markup, this class the values. Texts come from {@link Texts}; values from the data
 * are given as they are, and the templates escape them.
 */
final class ReportPage {

    /** A line of the totals table. {@code barPercent} is its count against the largest rule's. */
    record RuleLine(Rule rule, long count, int barPercent) {}

    /** A card of the summary with a time of day; {@code at} is null when there was none. */
    record TimeCard(String id, String label, Instant at) {}

    /** A line of the people table: its rank shared with those of the same count. */
    record PersonRow(int rank, ReportModel.Who who, long violations, Map<Rule, Long> byRule) {}

    /** A line of the timeline; {@code occupants} names who was still inside (LOCKUP_WITH_OCCUPANTS), else null. */
    record TimelineRow(Violation violation, ReportModel.Who who, String occupants) {

        String id() {
            return Objects.requireNonNullElse(violation.id(), "");
        }

        /** The door's reader let the holder through a passage the site refuses. */
        boolean grantedByDevice() {
            return ReportModel.grantedByDevice(violation);
        }
    }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter M_D = DateTimeFormatter.ofPattern("M/d");

    private final ReportModel model;
    private final Lang lang;
    private final Texts texts;
    /** The site's offset as the report's day begins and as it ends (they differ when daylight saving begins or ends). */
    private final ZoneOffset offsetAtStart;
    private final ZoneOffset offsetAtEnd;
    private final boolean offsetChanges;
    /** Null: the page links nowhere but to its own CSV and JSON. */
    private final DayLinks links;

    ReportPage(ReportModel model, Lang lang, DayLinks links) {
        this.model = model;
        this.lang = lang;
        this.links = links;
        this.texts = Texts.of(lang);
        LocalDate date = model.data.date();
        this.offsetAtStart = model.zone.getRules().getOffset(date.atStartOfDay(model.zone).toInstant());
        this.offsetAtEnd = model.zone.getRules().getOffset(date.plusDays(1).atStartOfDay(model.zone).toInstant().minusSeconds(1));
        this.offsetChanges = !offsetAtStart.equals(offsetAtEnd);
    }

    Lang lang() {
        return lang;
    }

    Texts texts() {
        return texts;
    }

    // ------------------------------------------------------------------ header and footer

    String site() {
        return model.data.site().site();
    }

    LocalDate date() {
        return model.data.date();
    }

    boolean isFinal() {
        return model.data.finalReport();
    }

    String title() {
        return texts.format("page.title", site(), date());
    }

    String longDate() {
        return DateTimeFormatter.ofPattern(texts.lookup("page.longDate"), texts.locale()).format(date());
    }

    String zone() {
        return model.zone.getId();
    }

    /** The day's offset from UTC; on a day the clocks go forward or back, both (and each time says its own). */
    String utc() {
        if (offsetChanges) {
            return utc(offsetAtStart) + " → " + utc(offsetAtEnd);
        }
        return utc(model.zone.getRules().getOffset(date().atTime(12, 0)));
    }

    // ------------------------------------------------------------------ navigation

    /** Where the page links to beside its CSV and JSON; null for none. */
    DayLinks links() {
        return links;
    }

    /** The month's index, from the page's place ({@code /reports/{site}/{date}.html}). */
    String monthHref() {
        return Hrefs.withLang("../" + site() + ".html?month=" + links.month(), lang);
    }

    String dayHref(LocalDate day) {
        return Hrefs.withLang(day + ".html", lang);
    }

    String monthName() {
        return Hrefs.monthName(links.month(), texts);
    }

    String dayName(LocalDate day) {
        return DateTimeFormatter.ofPattern(texts.lookup("nav.day"), texts.locale()).format(day);
    }

    // ------------------------------------------------------------------ summary and totals

    Activity activity() {
        return model.data.activity();
    }

    long total() {
        return model.total();
    }

    long count(Rule.Habit habit) {
        return model.count(habit);
    }

    List<TimeCard> timeCards() {
        Activity activity = activity();
        return List.of(new TimeCard("card-first-in", "summary.firstIn", activity.firstInAt()),
                new TimeCard("card-last-out", "summary.lastOut", activity.lastOutAt()),
                new TimeCard("card-lockup", "summary.lockup", activity.lockupAt()));
    }

    /** The habit's rules in {@link Rule} order. */
    List<RuleLine> rules(Rule.Habit habit) {
        long max = model.byRule.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<RuleLine> lines = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            if (rule.habit() == habit) {
                long count = model.byRule.get(rule);
                lines.add(new RuleLine(rule, count, max == 0 ? 0 : (int) Math.round(100.0 * count / max)));
            }
        }
        return lines;
    }

    TrendChart trend() {
        return TrendChart.of(model.trendWindow(), date(), texts);
    }

    // ------------------------------------------------------------------ people

    /** The first {@value HtmlReport#TOP_PEOPLE} of the people charged, most violations first. */
    List<PersonRow> people() {
        List<ReportModel.PersonLine> all = model.people;
        List<PersonRow> rows = new ArrayList<>(HtmlReport.TOP_PEOPLE);
        int rank = 0;
        long previous = -1;
        for (int i = 0; i < Math.min(HtmlReport.TOP_PEOPLE, all.size()); i++) {
            ReportModel.PersonLine line = all.get(i);
            if (line.violations() != previous) {
                rank = i + 1;
                previous = line.violations();
            }
            rows.add(new PersonRow(rank, line.who(), line.violations(), line.byRule()));
        }
        return rows;
    }

    /** The people charged beyond those listed. */
    int morePeople() {
        return Math.max(0, model.people.size() - HtmlReport.TOP_PEOPLE);
    }

    // ------------------------------------------------------------------ timeline

    /** The first {@value HtmlReport#TIMELINE_ROWS} violations in report order. */
    List<TimelineRow> timeline() {
        DayViolations all = model.violations;
        int shown = Math.min(HtmlReport.TIMELINE_ROWS, all.size());
        List<TimelineRow> rows = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            Violation violation = all.get(i);
            rows.add(new TimelineRow(violation, model.who(violation.badge()), occupants(violation)));
        }
        return rows;
    }

    /** Whether a row of the timeline is marked as let through by the reader: the page then explains the mark. */
    static boolean anyGrantedByDevice(List<TimelineRow> rows) {
        for (TimelineRow row : rows) {
            if (row.grantedByDevice()) {
                return true;
            }
        }
        return false;
    }

    /** The violations beyond those the timeline lists. */
    int timelineMore() {
        return Math.max(0, model.violations.size() - HtmlReport.TIMELINE_ROWS);
    }

    private String occupants(Violation violation) {
        if (!(violation.details().get("occupants") instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object badge : list) {
            names.add(displayName(String.valueOf(badge)));
        }
        return String.join(texts.lookup("timeline.insideSeparator"), names);
    }

    // ------------------------------------------------------------------ who

    String badge(ReportModel.Who who) {
        return Objects.requireNonNullElse(who.badge(), "");
    }

    /** The name, or what stands for it when nobody knows it. */
    String name(ReportModel.Who who) {
        if (who.name() != null) {
            return who.name();
        }
        return texts.lookup(who.kind() == ReportModel.Kind.VISITOR ? "who.visitorNameUnknown" : "who.unknownBadge");
    }

    /** What the timeline says after the badge: the department, or that it is a visitor's (and whose) or unregistered. */
    String note(ReportModel.Who who) {
        return switch (who.kind()) {
            case EMPLOYEE -> who.department() == null ? "" : " · " + who.department();
            case VISITOR -> " · " + (who.host() == null ? texts.lookup("timeline.visitor")
                    : texts.format("timeline.visitorWithHost", displayName(who.host())));
            case UNKNOWN -> " · " + texts.lookup("timeline.unregistered");
        };
    }

    /** The name of the badge's holder, else the badge. */
    String displayName(String badge) {
        ReportModel.Who who = model.who(badge);
        return who.name() != null ? who.name() : badge;
    }

    // ------------------------------------------------------------------ formatting

    String datetime(Instant at) {
        return TimeFormat.format(at, model.zone);
    }

    /**
     * HH:mm local; with the date in front when the time falls on another local day than the report's; with its
     * offset on a day the clocks change, when an hour repeats or is skipped ("02:30 (+02:00)", "02:30 (+01:00)").
     */
    String clock(Instant at) {
        ZonedDateTime local = at.atZone(model.zone);
        String clock = HH_MM.format(local);
        if (offsetChanges) {
            clock += " (" + local.getOffset().getId() + ")";
        }
        return local.toLocalDate().equals(date()) ? clock : M_D.format(local) + " " + clock;
    }

    static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The class that gives an element its habit's colour (report.css). */
    static String habitClass(Rule.Habit habit) {
        return switch (habit) {
            case VISITORS -> "h-visitors";
            case LAST_EXIT -> "h-last-exit";
            case SCREEN_LOCK -> "h-screen-lock";
        };
    }

    private static String utc(ZoneOffset offset) {
        return "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
    }
}
