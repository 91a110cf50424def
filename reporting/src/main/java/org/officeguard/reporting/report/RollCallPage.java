package org.officeguard.reporting.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.reporting.live.Obstacle;
import org.officeguard.reporting.live.Occupancy;
import org.officeguard.reporting.live.Occupant;
import org.officeguard.reporting.live.PcLine;
import org.officeguard.reporting.live.PcStates;
import org.officeguard.reporting.live.RollCall;
import org.officeguard.reporting.live.Verdict;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * What {@code now.jte} shows: a {@link RollCall} in one language as of a wall time — the verdict and what stands in
 * its way, who is inside by zone (visitors with their host, unknown badges), the PCs weaker than {@code pcAtLockup},
 * and how old the data is. Times are the site's local time; a time on another local day than the data's says its
 * date.
 */
final class RollCallPage {

    /** Names an obstacle lists before it says how many more there are. */
    static final int NAMES_LISTED = 10;

    /** How old a state is: its own time, when it was received and how long ago. */
    record Age(String ts, String tsIso, String received, String ago) {}

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter M_D = DateTimeFormatter.ofPattern("M/d");

    private final RollCall call;
    private final Instant now;
    private final LocalDate today;
    private final Lang lang;
    private final Texts texts;
    private final ZoneId zone;
    /** The local date the page's times are told against: the occupancy's, else today's. */
    private final LocalDate day;

    RollCallPage(RollCall call, Instant now, LocalDate today, Lang lang) {
        this.call = call;
        this.now = now;
        this.today = today;
        this.lang = lang;
        this.texts = Texts.of(lang);
        this.zone = call.site().timezone();
        Instant reference = call.occupancy() != null && call.occupancy().state().ts() != null
                ? call.occupancy().state().ts() : now;
        this.day = reference.atZone(zone).toLocalDate();
    }

    Lang lang() {
        return lang;
    }

    Texts texts() {
        return texts;
    }

    RollCall call() {
        return call;
    }

    String site() {
        return call.site().site();
    }

    String title() {
        return texts.format("now.title", site());
    }

    String zone() {
        return zone.getId();
    }

    int refreshSeconds() {
        return ManagerPages.REFRESH_SECONDS;
    }

    /** When this page was made, for the printed list's header. */
    String madeAt() {
        return dateTime(now);
    }

    String madeAtIso() {
        return TimeFormat.format(now, zone);
    }

    // ------------------------------------------------------------------ links, from /sites/{site}/now.html

    String sitesHref() {
        return Hrefs.withLang("../../", lang);
    }

    String monthHref() {
        return Hrefs.withLang("../../reports/" + site() + ".html", lang);
    }

    String todayHref() {
        return Hrefs.withLang("../../reports/" + site() + "/" + today + ".html", lang);
    }

    String otherLanguageHref() {
        return Hrefs.otherLanguage(null, lang);
    }

    // ------------------------------------------------------------------ the verdict

    Verdict verdict() {
        return call.verdict();
    }

    String statusClass() {
        return verdict().status().json();
    }

    String verdictHeading() {
        return texts.lookup("verdict." + statusClass());
    }

    /** The sentence under the verdict. */
    String verdictDetail() {
        return switch (verdict().status()) {
            case READY -> call.inside() == 0 ? texts.format("verdict.ready.nobody", pcAtLockup())
                    : texts.format("verdict.ready.one", keyholder(), pcAtLockup());
            case NOT_READY -> texts.lookup("verdict.not-ready.detail");
            case NO_DATA -> texts.lookup("verdict.no-data.detail");
        };
    }

    /** The one inside when the verdict is ready: the one who locks up. */
    private String keyholder() {
        for (RollCall.ZoneGroup group : call.zones()) {
            for (Occupant occupant : group.occupants()) {
                return who(occupant);
            }
        }
        return texts.lookup("now.keyholder");
    }

    /** One line per obstacle, in the page's words, naming whom or what it concerns. */
    List<String> obstacles() {
        List<String> lines = new ArrayList<>();
        for (Obstacle obstacle : verdict().obstacles()) {
            if (obstacle instanceof Obstacle.PeopleInside people) {
                lines.add(texts.format("obstacle.peopleInside", ReportPage.num(people.count())));
            } else if (obstacle instanceof Obstacle.VisitorsInside visitors) {
                List<String> names = new ArrayList<>();
                for (Occupant visitor : visitors.visitors()) {
                    names.add(texts.format("obstacle.visitorWithHost", who(visitor), hostName(visitor)));
                }
                lines.add(texts.format("obstacle.visitorsInside", listed(names)));
            } else if (obstacle instanceof Obstacle.UnknownBadgesInside unknown) {
                List<String> badges = new ArrayList<>();
                for (Occupant holder : unknown.holders()) {
                    badges.add(holder.badge());
                }
                lines.add(texts.format("obstacle.unknownInside", listed(badges)));
            } else if (obstacle instanceof Obstacle.PcsNotReady pcs) {
                List<String> names = new ArrayList<>();
                for (PcLine pc : pcs.pcs()) {
                    names.add(texts.format("obstacle.pc", pc.pc(), state(pc.state())));
                }
                lines.add(texts.format(pcs.pcs().size() == 1 ? "obstacle.pcsNotReady.one" : "obstacle.pcsNotReady.other",
                        ReportPage.num(pcs.pcs().size()), pcAtLockup(), listed(names)));
            } else if (obstacle instanceof Obstacle.NoOccupancyData) {
                lines.add(texts.lookup("obstacle.noOccupancy"));
            } else if (obstacle instanceof Obstacle.NoPcData) {
                lines.add(texts.lookup("obstacle.noPcs"));
            }
        }
        return lines;
    }

    /** The first {@value #NAMES_LISTED}, and how many more. */
    private String listed(List<String> names) {
        String separator = texts.lookup("now.listSeparator");
        if (names.size() <= NAMES_LISTED) {
            return String.join(separator, names);
        }
        return String.join(separator, names.subList(0, NAMES_LISTED)) + separator
                + texts.format("now.andMore", ReportPage.num(names.size() - NAMES_LISTED));
    }

    /** What the site's {@code pcAtLockup} asks of a PC: "off", "locked or off". */
    String pcAtLockup() {
        return texts.lookup("pcAtLockup." + call.site().rules().pcAtLockup().name());
    }

    // ------------------------------------------------------------------ figures and data age

    int inside() {
        return call.inside();
    }

    int count(Occupant.Kind kind) {
        int n = 0;
        for (RollCall.ZoneGroup group : call.zones()) {
            for (Occupant occupant : group.occupants()) {
                n += occupant.kind() == kind ? 1 : 0;
            }
        }
        return n;
    }

    /** How old the occupancy is; null before any arrived. */
    Age occupancyAge() {
        RollCall.Received<Occupancy> latest = call.occupancy();
        return latest == null ? null : age(latest.state().ts(), latest.at());
    }

    /** How old the PC states are; null before any arrived. */
    Age pcsAge() {
        RollCall.Received<PcStates> latest = call.pcs();
        return latest == null ? null : age(latest.state().ts(), latest.at());
    }

    /** Whether the site has PCs (the page then has a PC section). */
    boolean sitePcs() {
        return !call.site().pcs().isEmpty() || call.pcs() != null;
    }

    private Age age(Instant ts, Instant received) {
        long seconds = Math.max(0, Duration.between(received, now).toSeconds());
        String ago;
        if (seconds < 60) {
            ago = texts.format("now.age.seconds", seconds);
        } else if (seconds < 3600) {
            ago = texts.format("now.age.minutes", seconds / 60);
        } else if (seconds < 48 * 3600) {
            ago = texts.format("now.age.hours", seconds / 3600);
        } else {
            ago = texts.format("now.age.days", seconds / 86_400);
        }
        ZonedDateTime at = received.atZone(zone);
        String receivedText = at.toLocalDate().equals(LocalDate.ofInstant(now, zone)) ? HH_MM_SS.format(at)
                : dateTime(received);
        // a state published before its service had any input carries no event time: the time it came instead
        Instant asOf = ts != null ? ts : received;
        return new Age(dateTime(asOf), TimeFormat.format(asOf, zone), receivedText, ago);
    }

    // ------------------------------------------------------------------ who is inside

    List<RollCall.ZoneGroup> zones() {
        return call.zones();
    }

    /** The holder's name; for a badge without one, what stands for it. */
    String who(Occupant occupant) {
        if (occupant.name() != null && !occupant.name().isEmpty()) {
            return occupant.name();
        }
        String fromSite = call.nameOf(occupant.badge());
        if (fromSite != null) {
            return fromSite;
        }
        return texts.lookup(occupant.kind() == Occupant.Kind.VISITOR ? "who.visitorNameUnknown" : "who.unknownBadge");
    }

    boolean named(Occupant occupant) {
        return occupant.kind() != Occupant.Kind.UNKNOWN && (occupant.name() != null || call.nameOf(occupant.badge()) != null);
    }

    String kind(Occupant occupant) {
        return texts.lookup("now.kind." + occupant.kind().json());
    }

    String hostName(Occupant visitor) {
        String name = call.nameOf(visitor.host());
        return name != null ? name : visitor.host() != null ? visitor.host() : texts.lookup("now.host.unknown");
    }

    /** What the row of a visitor says: leave with the host, and where the host is. */
    String visitorNote(Occupant visitor) {
        if (visitor.host() == null) {
            return texts.lookup("now.visitor.noHost");
        }
        Occupant host = call.insideNow(visitor.host());
        String where = host == null ? texts.lookup("now.host.left") : texts.format("now.host.in", host.zone());
        return texts.format("now.visitor.note", hostName(visitor), where);
    }

    /** HH:mm on the data's day, else with its date; a dash when not known. */
    String since(Instant at) {
        if (at == null) {
            return "—";
        }
        ZonedDateTime local = at.atZone(zone);
        return local.toLocalDate().equals(day) ? HH_MM.format(local) : M_D.format(local) + " " + HH_MM.format(local);
    }

    // ------------------------------------------------------------------ PCs

    List<PcLine> notReady() {
        return call.notReady();
    }

    String state(PcState state) {
        return texts.lookup("pcState." + state.name());
    }

    /** The class that colours a PC's state: {@code active}, {@code idle}, {@code locked}, {@code off}. */
    String stateClass(PcState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    String user(PcLine pc) {
        if (pc.user() == null) {
            return "—";
        }
        String name = call.nameOf(pc.user());
        return name == null ? pc.user() : name;
    }

    String pcSince(PcLine pc) {
        return pc.neverReported() ? texts.lookup("now.pcs.neverReported") : since(pc.since());
    }

    // ------------------------------------------------------------------ formatting

    private String dateTime(Instant at) {
        return DateTimeFormatter.ofPattern(texts.lookup("now.dateTime"), texts.locale()).format(at.atZone(zone));
    }

    /** 2026年11月25日（水） / Wednesday, 25 November 2026. */
    static String longDate(LocalDate date, Texts texts) {
        return DateTimeFormatter.ofPattern(texts.lookup("page.longDate"), texts.locale()).format(date);
    }
}
