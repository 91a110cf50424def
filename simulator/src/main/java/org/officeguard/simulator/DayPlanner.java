package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.simulator.Topology.Step;

/**
 * Plans one office day: who comes, when, where they go, the visitors, and the lapses drawn at their
 * rates, then turns it into acts (badges, PC reports, the exit panel, registrations). Normal behaviour
 * keeps well clear of every rule's threshold:
 * <ul>
 * <li>the keyholder arrives first (within business hours), stays in all day and leaves last, locking
 *     up in the zone next to the exit: the office is never empty before the lockup;</li>
 * <li>a PC is locked before its user leaves its zone, and shut down when they go home;</li>
 * <li>the PC locks itself after {@code screenLockSeconds - interval} idle, so no IDLE report reaches
 *     screenLockSeconds;</li>
 * <li>a host goes out to meet the visitor and badges each door a few seconds before them; visitors
 *     come in well after validFrom, leave the inner zones well before validUntil and go home long
 *     before the lockup;</li>
 * <li>people come in from outside only within business hours, unless they have afterHours.</li>
 * </ul>
 * Everything comes from the day's {@link DayRandom} in a fixed order, so a seed gives the same day.
 * {@link VisitPlanner} plans the visits, {@link AttendeePlanner} each attendee's day, {@link DayActs} the acts.
 */
final class DayPlanner {

    /** The share of the site's people who stay away on a given day. */
    private static final double ABSENT = 0.04;

    private final Topology topology;
    private final SiteConfig site;
    private final DayRandom random;
    private final LapseDraws lapses;
    private final VisitPlanner visitPlanner;
    private final AttendeePlanner attendeePlanner;
    private final DayActs acts;

    DayPlanner(Topology topology, LocalDate date, SplittableRandom random, LapseRates rates, PlannedDays days) {
        this.topology = topology;
        this.site = topology.site;
        this.random = new DayRandom(random);
        this.lapses = new LapseDraws(this.random, rates, date, days);
        DayTimes times = new DayTimes(site, date);
        this.visitPlanner = new VisitPlanner(topology, times, this.random);
        this.attendeePlanner = new AttendeePlanner(topology, times, this.random, lapses);
        this.acts = new DayActs(topology, days, this.random, lapses);
    }

    /** The lapses of the lockup: the keyholder forgets it, or locks up with someone still in. */
    private record Lockup(LapseEvent forgotten, LapseEvent withOccupants, Attendee occupant) {
        LapseEvent cause() {
            return forgotten != null ? forgotten : withOccupants;
        }
    }

    void plan() {
        List<Attendee> present = present(everyoneWhoCanComeIn());
        if (present.isEmpty()) {
            return;
        }
        Map<String, Attendee> byBadge = new LinkedHashMap<>();
        present.forEach(attendee -> byBadge.put(attendee.badge, attendee));
        Set<String> passHosts = new HashSet<>();
        List<Visit> visits = passVisits(byBadge, passHosts);
        Attendee keyholder = keyholder(present, passHosts);
        visits.addAll(registeredVisits(present, passHosts));
        for (Visit visit : visits) {
            visitLapsesAndHosting(visit);
        }
        for (Attendee attendee : present) {
            attendeePlanner.plan(attendee);
        }
        Lockup lockup = lockup(keyholder, present);
        present.stream().min(Comparator.comparing((Attendee attendee) -> attendee.arrival)
                .thenComparing(attendee -> attendee.badge)).ifPresent(first -> first.firstIn = true);
        writeActs(present, visits, keyholder, lockup);
    }

    /** The people who can come in at all (a zone to work in and a way to it), in badge order. */
    private List<Attendee> everyoneWhoCanComeIn() {
        List<Attendee> everyone = new ArrayList<>();
        for (int index = 0; index < topology.badges.size(); index++) {
            String badge = topology.badges.get(index);
            Person person = site.people().get(badge);
            Pc pc = topology.pcOf.get(badge);
            String home = pc != null ? pc.zone() : homeWithoutPc(person);
            if (home == null) {
                continue;
            }
            List<List<Step>> ways = topology.entryPaths(home, person.zones());
            if (ways.isEmpty()) {
                continue;
            }
            List<Step> entry = index % 3 == 0 ? ways.get(0) : ways.get(ways.size() - 1);
            everyone.add(new Attendee(badge, person, pc, home, entry));
        }
        return everyone;
    }

    /** Without a PC, the zone they may enter with the longest way in. */
    private String homeWithoutPc(Person person) {
        String best = null;
        int bestLength = -1;
        for (String zone : site.zones()) {
            if (person.zones().contains(zone)) {
                List<List<Step>> ways = topology.entryPaths(zone, person.zones());
                if (!ways.isEmpty() && ways.get(0).size() > bestLength) {
                    best = zone;
                    bestLength = ways.get(0).size();
                }
            }
        }
        return best;
    }

    private List<Attendee> present(List<Attendee> everyone) {
        List<Attendee> present = new ArrayList<>();
        for (Attendee attendee : everyone) {
            if (!random.chance(ABSENT)) {
                present.add(attendee);
            }
        }
        return present;
    }

    /** The visits of the site file's passes that are valid today and whose host is in; their hosts into {@code hosts}. */
    private List<Visit> passVisits(Map<String, Attendee> byBadge, Set<String> hosts) {
        List<Visit> visits = new ArrayList<>();
        for (VisitorPass pass : new TreeMap<>(site.visitors()).values()) {
            Attendee host = byBadge.get(pass.host());
            Visit visit = host == null ? null : visitPlanner.fromPass(pass, host);
            if (visit != null) {
                visits.add(visit);
                hosts.add(host.badge);
            }
        }
        return visits;
    }

    /** In first, out last, never outside in between: someone who hosts no pass of the site file, if there is one. */
    private Attendee keyholder(List<Attendee> present, Set<String> passHosts) {
        List<Attendee> candidates = present.stream().filter(attendee -> !passHosts.contains(attendee.badge)).toList();
        Attendee keyholder = random.pick(candidates.isEmpty() ? present : candidates);
        keyholder.keyholder = true;
        return keyholder;
    }

    /** Visitors registered at reception today: about one per 15 people, each for another host. */
    private List<Visit> registeredVisits(List<Attendee> present, Set<String> passHosts) {
        List<Attendee> hosts = new ArrayList<>(present.stream()
                .filter(attendee -> !attendee.keyholder && !passHosts.contains(attendee.badge)).toList());
        int usual = Math.max(1, Math.round(topology.badges.size() / 15f));
        int wanted = Math.max(0, usual + random.index(3) - 1);
        List<Visit> visits = new ArrayList<>();
        for (int number = 0; number < wanted && !hosts.isEmpty(); number++) {
            Attendee host = hosts.remove(random.index(hosts.size()));
            Visit visit = visitPlanner.registered(host, number);
            if (visit != null) {
                visits.add(visit);
            }
        }
        return visits;
    }

    /** Draws the visitor's lapses and gives the host the trip to meet them. */
    private void visitLapsesAndHosting(Visit visit) {
        lapses.opportunity(Lapse.VISITOR_UNESCORTED);
        lapses.opportunity(Lapse.VISITOR_EARLY);
        visit.unescorted = lapses.draw(Lapse.VISITOR_UNESCORTED, visit.badge);
        LapseEvent overstay = lapses.draw(Lapse.VISITOR_OVERSTAY, visit.badge);
        if (visit.path.size() >= 2) {
            lapses.opportunity(Lapse.VISITOR_OVERSTAY); // they linger in the lobby after the meeting room
            visit.overstay = overstay;
        } else if (overstay != null) {
            lapses.discard(overstay);
        }
        visit.early = lapses.draw(Lapse.VISITOR_EARLY, visit.badge);
        Trip hosting = new Trip(Trip.Kind.HOST, visit.arrive.minus(Duration.ofMinutes(15)),
                visit.meetingEnds.plus(Duration.ofMinutes(15)));
        hosting.visit = visit;
        visit.host.trips.add(hosting);
    }

    /**
     * The day's own lapses: the keyholder forgets the lockup, or else locks up with someone still in (someone who
     * shuts their PC down if possible: they leave after the lockup, when nobody checks it).
     */
    private Lockup lockup(Attendee keyholder, List<Attendee> present) {
        lapses.opportunity(Lapse.FORGOTTEN_LOCKUP);
        LapseEvent forgotten = lapses.draw(Lapse.FORGOTTEN_LOCKUP, keyholder.badge);
        List<Attendee> others = present.stream().filter(attendee -> !attendee.keyholder).toList();
        if (forgotten != null || others.isEmpty()) {
            return new Lockup(forgotten, null, null);
        }
        lapses.opportunity(Lapse.LOCKUP_WITH_OCCUPANTS);
        LapseEvent withOccupants = lapses.draw(Lapse.LOCKUP_WITH_OCCUPANTS, keyholder.badge);
        if (withOccupants == null) {
            return new Lockup(null, null, null);
        }
        List<Attendee> shutDown = others.stream().filter(attendee -> attendee.pcLeftOn == null).toList();
        Attendee occupant = random.pick(shutDown.isEmpty() ? others : shutDown);
        occupant.occupant = true;
        if (occupant.pcLeftOn != null) {
            lapses.undo(occupant.pcLeftOn);
            occupant.pcLeftOn = null;
        }
        return new Lockup(null, withOccupants, occupant);
    }

    /**
     * Everyone's acts but the keyholder's and the late occupant's, then the keyholder's (who leaves after the last
     * of them and the visitors), then the occupant's (who leaves after the lockup).
     */
    private void writeActs(List<Attendee> present, List<Visit> visits, Attendee keyholder, Lockup lockup) {
        Instant lastOut = null;
        for (Attendee attendee : present) {
            if (!attendee.keyholder && !attendee.occupant) {
                acts.write(attendee, null);
                lastOut = DayTimes.later(lastOut, attendee.lastAct);
            }
        }
        for (Visit visit : visits) {
            lastOut = DayTimes.later(lastOut, visit.leftAt);
        }
        keyholder.departure = DayTimes.later(keyholder.departure,
                lastOut == null ? null : lastOut.plus(Duration.ofSeconds(random.between(5 * 60, 20 * 60))));
        acts.write(keyholder, lockup.cause());
        Attendee occupant = lockup.occupant();
        if (occupant != null) {
            occupant.departure = keyholder.lastAct.plus(Duration.ofSeconds(random.between(10 * 60, 40 * 60)));
            acts.write(occupant, null);
        }
    }
}
