package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.simulator.Topology.Step;

/**
 * Plans the visits of the day: a pass from the site file that is valid today, or a visitor that reception
 * registers for a host. Visitors come in well after their pass starts and leave well before it ends.
 */
final class VisitPlanner {

    /** Where the numbers of the visitor cards handed out at reception start at a site with uhppoted controllers. */
    static final long VISITOR_CARD_NUMBERS = 7_100_000;

    private final Topology topology;
    private final SiteConfig site;
    private final DayTimes times;
    private final DayRandom random;

    VisitPlanner(Topology topology, DayTimes times, DayRandom random) {
        this.topology = topology;
        this.site = topology.site;
        this.times = times;
        this.random = random;
    }

    /** The visit of a pass from the site file, or null when it has no room today or no way to the host's zones. */
    Visit fromPass(VisitorPass pass, Attendee host) {
        long minutes = random.between(40, 90);
        Instant from = DayTimes.later(pass.validFrom().plus(Duration.ofMinutes(15)),
                times.workStart.plus(Duration.ofMinutes(30)));
        Instant until = pass.validUntil().minus(Duration.ofMinutes(minutes + 35));
        Instant cap = times.workStart.plus(Duration.ofHours(7));
        if (until.isAfter(cap)) {
            until = cap;
        }
        if (!from.isBefore(until) || !times.isToday(from)) {
            return null;
        }
        Set<String> zones = new HashSet<>(pass.zones());
        zones.retainAll(host.person.zones());
        List<Step> path = deepestPath(zones);
        if (path == null) {
            return null;
        }
        Visit visit = new Visit();
        visit.badge = pass.badge();
        visit.name = pass.name();
        visit.fromConfig = true;
        visit.host = host;
        visit.path = path;
        visit.zones = List.copyOf(pass.zones());
        visit.arrive = from.plusSeconds(60 * random.between(0, Duration.between(from, until).toMinutes()));
        visit.meetingEnds = visit.arrive.plus(Duration.ofMinutes(minutes));
        visit.validFrom = pass.validFrom();
        visit.validUntil = pass.validUntil();
        return visit;
    }

    /** The longest of the visitor's ways to a zone of {@code zones}: the deepest zone of the pass is where they meet. */
    private List<Step> deepestPath(Set<String> zones) {
        List<Step> path = null;
        for (String zone : site.zones()) {
            if (zones.contains(zone)) {
                List<Step> way = pathTo(zone, zones);
                if (way != null && (path == null || way.size() > path.size())) {
                    path = way;
                }
            }
        }
        return path;
    }

    /**
     * The {@code number}-th visitor registered at reception today, for {@code host}: they meet in a room past the
     * lobby if there is one (a meeting room more often than not), with a pass from a little before they come to a
     * while after the meeting. Null when the host has no zone a visitor can reach.
     */
    Visit registered(Attendee host, int number) {
        List<Step> path = meetingPath(host);
        if (path == null) {
            return null;
        }
        Visit visit = new Visit();
        visit.badge = visitorCard(number);
        visit.name = "Visitor " + times.date.getMonthValue() + "/" + times.date.getDayOfMonth() + "-" + (number + 1);
        visit.host = host;
        visit.path = path;
        List<String> passZones = new ArrayList<>();
        for (Step step : path) {
            if (!passZones.contains(step.to())) {
                passZones.add(step.to());
            }
        }
        visit.zones = passZones;
        long minutes = random.between(40, 100);
        visit.arrive = times.workStart.plus(Duration.ofMinutes(60 + random.between(0, 330)));
        visit.meetingEnds = visit.arrive.plus(Duration.ofMinutes(minutes));
        visit.validFrom = DayTimes.floorToFiveMinutes(visit.arrive.minus(Duration.ofMinutes(random.between(10, 20))));
        visit.validUntil = DayTimes.ceilToFiveMinutes(visit.meetingEnds.plus(Duration.ofMinutes(random.between(30, 60))));
        return visit;
    }

    /** The visitor's way to where they meet the host, or null when there is none. */
    private List<Step> meetingPath(Attendee host) {
        List<String> candidates = new ArrayList<>();
        List<String> beyondReception = new ArrayList<>();
        for (String zone : site.zones()) {
            List<Step> way = host.person.zones().contains(zone) ? pathTo(zone, host.person.zones()) : null;
            if (way != null) {
                candidates.add(zone);
                if (way.size() >= 2) {
                    beyondReception.add(zone);
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        if (!beyondReception.isEmpty()) {
            candidates = beyondReception; // they meet in a room past the lobby
        }
        String meet = random.pick(candidates);
        for (String candidate : candidates) {
            if (candidate.contains("meeting") && random.chance(0.7)) {
                meet = candidate;
                break;
            }
        }
        return pathTo(meet, host.person.zones());
    }

    /**
     * How a visitor comes to {@code zone} through {@code allowed}: the shortest usual way in through reception
     * (a first zone without desks) if there is one, else the longest; null when there is none.
     */
    private List<Step> pathTo(String zone, Set<String> allowed) {
        List<List<Step>> ways = topology.entryPaths(zone, allowed);
        for (List<Step> way : ways) {
            if (!topology.deskZones.contains(way.get(0).to())) {
                return way; // in through reception: the first zone has no desks
            }
        }
        return ways.isEmpty() ? null : ways.get(ways.size() - 1);
    }

    /**
     * A visitor card that is nobody's in the site file: VS01, VS02, … (VS101, … if those are taken); at a site with
     * uhppoted controllers a card number: 7100001, 7100002, ….
     */
    private String visitorCard(int number) {
        for (int card = number + 1; ; card += 100) {
            String badge = topology.devices.cardNumbers() ? Long.toString(VISITOR_CARD_NUMBERS + card)
                    : String.format("VS%02d", card);
            if (!site.people().containsKey(badge) && !site.visitors().containsKey(badge)) {
                return badge;
            }
        }
    }
}
