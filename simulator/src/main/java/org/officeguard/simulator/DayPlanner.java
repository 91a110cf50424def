package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.PcState;
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
 * Everything comes from {@code rnd} in a fixed order, so a seed gives the same day.
 */
final class DayPlanner {

    /** What the planner adds to: acts, lapses and the opportunities each lapse kind had. */
    static final class Sink {
        final List<Act> acts = new ArrayList<>();
        final List<LapseEvent> lapses = new ArrayList<>();
        final EnumMap<Lapse, Integer> opportunities = new EnumMap<>(Lapse.class);
        long seq;

        Sink() {
            for (Lapse l : Lapse.values()) {
                opportunities.put(l, 0);
            }
        }
    }

    private enum TripKind { MEETING, LUNCH, HOST, ATTEMPT }

    private static final class Trip {
        final TripKind kind;
        final Instant start;
        final Instant end;
        String zone;
        Visit visit;
        Step step;
        LapseEvent walkAway;

        Trip(TripKind kind, Instant start, Instant end) {
            this.kind = kind;
            this.start = start;
            this.end = end;
        }
    }

    private static final class P {
        final String badge;
        final Person person;
        final Pc pc;
        final String home;
        final List<Step> entry;
        final List<Step> exit;
        Instant arrival;
        Instant departure;
        final List<Trip> trips = new ArrayList<>();
        boolean keyholder;
        boolean occupant;
        boolean firstIn;
        LapseEvent unknown;
        LapseEvent afterHours;
        LapseEvent tailgate;
        LapseEvent wrongZone;
        LapseEvent noAutoLock;
        boolean noAutoLockDone;
        LapseEvent pcLeftOn;
        Instant lastAct;

        P(String badge, Person person, Pc pc, String home, List<Step> entry) {
            this.badge = badge;
            this.person = person;
            this.pc = pc;
            this.home = home;
            this.entry = entry;
            this.exit = Topology.reverse(entry);
        }
    }

    private static final class Visit {
        String badge;
        String name;
        boolean fromConfig;
        P host;
        List<Step> path;
        List<String> zones;
        Instant arrive;
        Instant meetingEnds;
        Instant validFrom;
        Instant validUntil;
        LapseEvent unescorted;
        LapseEvent overstay;
        LapseEvent early;
        Instant leftAt;
    }

    private final Topology topo;
    private final SiteConfig site;
    private final LocalDate date;
    private final SplittableRandom rnd;
    private final LapseRates rates;
    private final Sink sink;
    private final ZoneId tz;
    private final long screenLock;
    private final long idleEvery;
    private final long autoLock;
    private final Instant businessStart;
    private final Instant workStart;
    private final Instant latestDeparture;
    private int lapseCount;

    DayPlanner(Topology topo, LocalDate date, SplittableRandom rnd, LapseRates rates, Sink sink) {
        this.topo = topo;
        this.site = topo.site;
        this.date = date;
        this.rnd = rnd;
        this.rates = rates;
        this.sink = sink;
        this.tz = site.timezone();
        this.screenLock = Math.max(1, site.rules().screenLock().getSeconds());
        this.idleEvery = Math.max(1, Math.min(60, screenLock / 5));
        this.autoLock = Math.max(1, screenLock - idleEvery);
        LocalTime start = site.businessHours().start();
        this.businessStart = at(start);
        LocalTime ws = LocalTime.of(9, 0);
        if (ws.isBefore(start.plusMinutes(30)) && start.isBefore(LocalTime.of(20, 0))) {
            ws = start.plusMinutes(30);
        }
        if (start.isBefore(LocalTime.of(21, 0)) && ws.isAfter(start.plusHours(3))) {
            ws = start.plusHours(3);
        }
        this.workStart = at(ws);
        LocalTime end = site.businessHours().end();
        Instant endAt = at(end);
        Instant latest = workStart.plus(Duration.ofMinutes(11 * 60 + 30));
        if (endAt.isAfter(workStart.plus(Duration.ofHours(8))) && endAt.minus(Duration.ofMinutes(30)).isBefore(latest)) {
            latest = endAt.minus(Duration.ofMinutes(30));
        }
        Instant cap = at(LocalTime.of(21, 30));
        this.latestDeparture = latest.isAfter(cap) ? cap : latest;
    }

    // ------------------------------------------------------------------ planning

    void plan() {
        // people who can come in at all, in badge order
        List<P> everyone = new ArrayList<>();
        for (int i = 0; i < topo.badges.size(); i++) {
            String badge = topo.badges.get(i);
            Person person = site.people().get(badge);
            Pc pc = topo.pcOf.get(badge);
            String home = pc != null ? pc.zone() : homeWithoutPc(person);
            if (home == null) {
                continue;
            }
            List<List<Step>> ways = topo.entryPaths(home, person.zones());
            if (ways.isEmpty()) {
                continue;
            }
            List<Step> entry = i % 3 == 0 ? ways.get(0) : ways.get(ways.size() - 1);
            everyone.add(new P(badge, person, pc, home, entry));
        }
        List<P> present = new ArrayList<>();
        for (P p : everyone) {
            if (rnd.nextDouble() >= 0.04) {
                present.add(p);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        Map<String, P> byBadge = new LinkedHashMap<>();
        present.forEach(p -> byBadge.put(p.badge, p));

        // visitors from the site file whose pass is valid today
        List<Visit> visits = new ArrayList<>();
        Set<String> configHosts = new HashSet<>();
        for (VisitorPass pass : new TreeMap<>(site.visitors()).values()) {
            P host = byBadge.get(pass.host());
            Visit v = host == null ? null : configVisit(pass, host);
            if (v != null) {
                visits.add(v);
                configHosts.add(host.badge);
            }
        }

        // the keyholder: in first, out last, never outside in between
        List<P> keyCandidates = present.stream().filter(p -> !configHosts.contains(p.badge)).toList();
        P keyholder = (keyCandidates.isEmpty() ? present : keyCandidates).get(rnd.nextInt(
                (keyCandidates.isEmpty() ? present : keyCandidates).size()));
        keyholder.keyholder = true;

        // visitors registered at reception today
        List<P> hostCandidates = new ArrayList<>(present.stream()
                .filter(p -> !p.keyholder && !configHosts.contains(p.badge)).toList());
        int base = Math.max(1, Math.round(topo.badges.size() / 15f));
        int wanted = Math.max(0, base + rnd.nextInt(3) - 1);
        for (int n = 0; n < wanted && !hostCandidates.isEmpty(); n++) {
            P host = hostCandidates.remove(rnd.nextInt(hostCandidates.size()));
            Visit v = registeredVisit(host, n);
            if (v != null) {
                visits.add(v);
            }
        }
        for (Visit v : visits) {
            opportunity(Lapse.VISITOR_UNESCORTED);
            opportunity(Lapse.VISITOR_EARLY);
            v.unescorted = draw(Lapse.VISITOR_UNESCORTED, v.badge);
            LapseEvent overstay = draw(Lapse.VISITOR_OVERSTAY, v.badge);
            if (v.path.size() >= 2) {
                opportunity(Lapse.VISITOR_OVERSTAY); // they linger in the lobby after the meeting room
                v.overstay = overstay;
            } else if (overstay != null) {
                sink.lapses.remove(overstay);
            }
            v.early = draw(Lapse.VISITOR_EARLY, v.badge);
            v.host.trips.add(trip(TripKind.HOST, v.arrive.minus(Duration.ofMinutes(15)),
                    v.meetingEnds.plus(Duration.ofMinutes(15)), t -> t.visit = v));
        }

        // each person's day
        for (P p : present) {
            planPerson(p);
        }

        // the day's own lapses
        opportunity(Lapse.FORGOTTEN_LOCKUP);
        LapseEvent forgotten = draw(Lapse.FORGOTTEN_LOCKUP, keyholder.badge);
        LapseEvent withOccupants = null;
        P occupant = null;
        List<P> others = present.stream().filter(p -> !p.keyholder).toList();
        if (forgotten == null && !others.isEmpty()) {
            opportunity(Lapse.LOCKUP_WITH_OCCUPANTS);
            withOccupants = draw(Lapse.LOCKUP_WITH_OCCUPANTS, keyholder.badge);
            if (withOccupants != null) {
                // someone who shuts their PC down: they leave after the lockup, where nobody checks it
                List<P> stay = others.stream().filter(p -> p.pcLeftOn == null).toList();
                occupant = (stay.isEmpty() ? others : stay).get(rnd.nextInt((stay.isEmpty() ? others : stay).size()));
                occupant.occupant = true;
                if (occupant.pcLeftOn != null) {
                    undo(occupant.pcLeftOn);
                    occupant.pcLeftOn = null;
                }
            }
        }

        // the first one in disarms the office
        present.stream().min(Comparator.comparing((P p) -> p.arrival).thenComparing(p -> p.badge))
                .ifPresent(p -> p.firstIn = true);

        // acts: everyone but the keyholder and the late occupant, then the keyholder, then the occupant
        Instant lastOut = null;
        for (P p : present) {
            if (!p.keyholder && !p.occupant) {
                expand(p, null);
                lastOut = max(lastOut, p.lastAct);
            }
        }
        for (Visit v : visits) {
            lastOut = max(lastOut, v.leftAt);
        }
        Instant keyDeparture = max(keyholder.departure,
                lastOut == null ? null : lastOut.plus(Duration.ofSeconds(u(5 * 60, 20 * 60))));
        keyholder.departure = keyDeparture;
        expand(keyholder, forgotten != null ? forgotten : withOccupants);
        if (occupant != null) {
            occupant.departure = keyholder.lastAct.plus(Duration.ofSeconds(u(10 * 60, 40 * 60)));
            expand(occupant, null);
        }
    }

    private String homeWithoutPc(Person person) {
        String best = null;
        int bestLen = -1;
        for (String zone : site.zones()) {
            if (person.zones().contains(zone)) {
                List<List<Step>> ways = topo.entryPaths(zone, person.zones());
                if (!ways.isEmpty() && ways.get(0).size() > bestLen) {
                    best = zone;
                    bestLen = ways.get(0).size();
                }
            }
        }
        return best;
    }

    private Visit configVisit(VisitorPass pass, P host) {
        long minutes = u(40, 90);
        Instant from = max(pass.validFrom().plus(Duration.ofMinutes(15)), workStart.plus(Duration.ofMinutes(30)));
        Instant until = pass.validUntil().minus(Duration.ofMinutes(minutes + 35));
        Instant cap = workStart.plus(Duration.ofHours(7));
        if (until.isAfter(cap)) {
            until = cap;
        }
        if (!from.isBefore(until) || !date.equals(from.atZone(tz).toLocalDate())) {
            return null;
        }
        Set<String> zones = new HashSet<>(pass.zones());
        zones.retainAll(host.person.zones());
        // the deepest zone of the pass is where they meet
        List<Step> path = null;
        for (String zone : site.zones()) {
            if (zones.contains(zone)) {
                List<Step> p = visitPathTo(zone, zones);
                if (p != null && (path == null || p.size() > path.size())) {
                    path = p;
                }
            }
        }
        if (path == null) {
            return null;
        }
        Visit v = new Visit();
        v.badge = pass.badge();
        v.name = pass.name();
        v.fromConfig = true;
        v.host = host;
        v.path = path;
        v.zones = List.copyOf(pass.zones());
        v.arrive = from.plusSeconds(60 * u(0, Duration.between(from, until).toMinutes()));
        v.meetingEnds = v.arrive.plus(Duration.ofMinutes(minutes));
        v.validFrom = pass.validFrom();
        v.validUntil = pass.validUntil();
        return v;
    }

    private Visit registeredVisit(P host, int n) {
        List<String> candidates = new ArrayList<>();
        List<String> beyondReception = new ArrayList<>();
        for (String zone : site.zones()) {
            List<Step> way = host.person.zones().contains(zone) ? visitPathTo(zone, host.person.zones()) : null;
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
        String meet = candidates.get(rnd.nextInt(candidates.size()));
        for (String c : candidates) {
            if (c.contains("meeting") && rnd.nextDouble() < 0.7) {
                meet = c;
                break;
            }
        }
        List<Step> path = visitPathTo(meet, host.person.zones());
        Visit v = new Visit();
        v.badge = visitorCard(n);
        v.name = "Visitor " + date.getMonthValue() + "/" + date.getDayOfMonth() + "-" + (n + 1);
        v.host = host;
        v.path = path;
        List<String> passZones = new ArrayList<>();
        for (Step s : path) {
            if (!passZones.contains(s.to())) {
                passZones.add(s.to());
            }
        }
        v.zones = passZones;
        long minutes = u(40, 100);
        v.arrive = workStart.plus(Duration.ofMinutes(60 + u(0, 330)));
        v.meetingEnds = v.arrive.plus(Duration.ofMinutes(minutes));
        v.validFrom = floor5(v.arrive.minus(Duration.ofMinutes(u(10, 20))));
        v.validUntil = ceil5(v.meetingEnds.plus(Duration.ofMinutes(u(30, 60))));
        return v;
    }

    /**
     * How a visitor comes to {@code zone} through {@code allowed}: the shortest usual way in through reception
     * (a first zone without desks) if there is one, else the longest; null when there is none.
     */
    private List<Step> visitPathTo(String zone, Set<String> allowed) {
        List<List<Step>> ways = topo.entryPaths(zone, allowed);
        for (List<Step> way : ways) {
            if (!topo.deskZones.contains(way.get(0).to())) {
                return way; // in through reception: the first zone has no desks
            }
        }
        return ways.isEmpty() ? null : ways.get(ways.size() - 1);
    }

    private String visitorCard(int n) {
        for (int k = n + 1; ; k += 100) {
            String card = String.format("VS%02d", k);
            if (!site.people().containsKey(card) && !site.visitors().containsKey(card)) {
                return card;
            }
        }
    }

    private void planPerson(P p) {
        // lapses of arrival
        boolean mayAfterHours = !p.keyholder && !p.person.afterHours();
        if (mayAfterHours) {
            opportunity(Lapse.AFTER_HOURS);
        }
        p.afterHours = mayAfterHours ? draw(Lapse.AFTER_HOURS, p.badge) : null;
        opportunity(Lapse.UNKNOWN_BADGE);
        p.unknown = draw(Lapse.UNKNOWN_BADGE, p.badge);

        Instant earliestHost = p.trips.stream().map(t -> t.start).min(Comparator.naturalOrder()).orElse(null);
        if (p.keyholder) {
            Instant a = workStart.minus(Duration.ofMinutes(u(60, 90)));
            Instant min = businessStart.plus(Duration.ofMinutes(10));
            p.arrival = a.isBefore(min) ? min.plusSeconds(u(0, 600)) : a;
        } else if (p.afterHours != null) {
            p.arrival = businessStart.minus(Duration.ofSeconds(u(10 * 60, 50 * 60)));
        } else if (p.person.afterHours() && rnd.nextDouble() < 0.25) {
            p.arrival = businessStart.minus(Duration.ofSeconds(u(5 * 60, 60 * 60)));
        } else {
            long offset = Math.round(rnd.nextGaussian() * 25 * 60);
            Instant a = workStart.plusSeconds(offset);
            a = clamp(a, businessStart.plus(Duration.ofMinutes(20)), workStart.plus(Duration.ofMinutes(100)));
            p.arrival = a;
        }
        if (earliestHost != null && p.arrival.isAfter(earliestHost.minus(Duration.ofMinutes(30)))) {
            p.arrival = max(earliestHost.minus(Duration.ofMinutes(30 + u(0, 20))), businessStart.plus(Duration.ofMinutes(15)));
        }

        Instant latestTrip = p.trips.stream().map(t -> t.end).max(Comparator.naturalOrder()).orElse(p.arrival);
        long offset = Math.round(rnd.nextGaussian() * 50 * 60);
        Instant d = workStart.plus(Duration.ofMinutes(570)).plusSeconds(offset);
        d = clamp(d, workStart.plus(Duration.ofHours(7)), latestDeparture);
        p.departure = max(d, latestTrip.plus(Duration.ofMinutes(15 + u(0, 30))));
        if (p.departure.isBefore(p.arrival.plus(Duration.ofHours(3)))) {
            p.departure = p.arrival.plus(Duration.ofHours(3));
        }

        // lunch out (not the keyholder: somebody stays in)
        if (!p.keyholder && rnd.nextDouble() < 0.55) {
            Instant l = workStart.plus(Duration.ofMinutes(165 + u(0, 75)));
            long minutes = u(40, 60);
            tryAdd(p, new Trip(TripKind.LUNCH, l, l.plus(Duration.ofMinutes(minutes + 5))));
        }
        // meetings elsewhere in the office
        List<String> elsewhere = new ArrayList<>();
        for (String zone : site.zones()) {
            if (!zone.equals(p.home) && p.person.zones().contains(zone) && topo.path(p.home, zone, p.person.zones()) != null) {
                elsewhere.add(zone);
            }
        }
        double r = rnd.nextDouble();
        int meetings = elsewhere.isEmpty() ? 0 : r < 0.35 ? 0 : r < 0.75 ? 1 : 2;
        for (int i = 0; i < meetings; i++) {
            String zone = elsewhere.get(rnd.nextInt(elsewhere.size()));
            long minutes = u(20, 75);
            for (int attempt = 0; attempt < 8; attempt++) {
                Instant lo = p.arrival.plus(Duration.ofMinutes(30));
                Instant hi = p.departure.minus(Duration.ofMinutes(minutes + 30));
                if (!lo.isBefore(hi)) {
                    break;
                }
                Instant s = lo.plusSeconds(u(0, Duration.between(lo, hi).getSeconds()));
                Trip t = new Trip(TripKind.MEETING, s, s.plus(Duration.ofMinutes(minutes + 5)));
                t.zone = zone;
                if (tryAdd(p, t)) {
                    break;
                }
            }
        }
        // a badge at a door to a zone they may not enter
        List<Step> forbidden = new ArrayList<>();
        for (Step s : topo.stepsFrom(p.home)) {
            if (!SiteConfig.OUTSIDE.equals(s.to()) && !p.person.zones().contains(s.to())) {
                forbidden.add(s);
            }
        }
        if (!forbidden.isEmpty()) {
            opportunity(Lapse.WRONG_ZONE);
            LapseEvent wrong = draw(Lapse.WRONG_ZONE, p.badge);
            if (wrong != null) {
                Step step = forbidden.get(rnd.nextInt(forbidden.size()));
                boolean placed = false;
                for (int attempt = 0; attempt < 20 && !placed; attempt++) {
                    Instant lo = p.arrival.plus(Duration.ofMinutes(40));
                    Instant hi = p.departure.minus(Duration.ofMinutes(40));
                    if (!lo.isBefore(hi)) {
                        break;
                    }
                    Instant s = lo.plusSeconds(u(0, Duration.between(lo, hi).getSeconds()));
                    Trip t = new Trip(TripKind.ATTEMPT, s.minus(Duration.ofMinutes(3)), s.plus(Duration.ofMinutes(3)));
                    t.step = step;
                    placed = tryAdd(p, t);
                }
                if (placed) {
                    p.wrongZone = wrong;
                } else {
                    undo(wrong);
                }
            }
        }
        p.trips.sort(Comparator.comparing(t -> t.start));

        // lapses at the desk and on the way home
        List<Trip> away = p.trips.stream().filter(t -> t.kind != TripKind.ATTEMPT).toList();
        if (p.pc != null && !away.isEmpty()) {
            opportunity(Lapse.LEFT_PC_UNLOCKED);
            LapseEvent walk = draw(Lapse.LEFT_PC_UNLOCKED, p.badge);
            if (walk != null) {
                away.get(rnd.nextInt(away.size())).walkAway = walk;
            }
        }
        if (p.pc != null) {
            opportunity(Lapse.NO_AUTO_LOCK);
            p.noAutoLock = draw(Lapse.NO_AUTO_LOCK, p.badge);
        }
        if (p.pc != null && site.rules().pcAtLockup() == PcState.OFF) {
            opportunity(Lapse.PC_LEFT_ON);
            p.pcLeftOn = draw(Lapse.PC_LEFT_ON, p.badge);
        }
        if (!p.keyholder && p.exit.size() >= 2) {
            opportunity(Lapse.TAILGATE);
            p.tailgate = draw(Lapse.TAILGATE, p.badge);
        }
    }

    private boolean tryAdd(P p, Trip t) {
        Duration margin = Duration.ofMinutes(10);
        if (t.start.isBefore(p.arrival.plus(Duration.ofMinutes(20))) || t.end.isAfter(p.departure.minus(margin))) {
            return false;
        }
        for (Trip o : p.trips) {
            if (t.start.isBefore(o.end.plus(margin)) && o.start.isBefore(t.end.plus(margin))) {
                return false;
            }
        }
        p.trips.add(t);
        return true;
    }

    private static Trip trip(TripKind kind, Instant start, Instant end, java.util.function.Consumer<Trip> init) {
        Trip t = new Trip(kind, start, end);
        init.accept(t);
        return t;
    }

    // ------------------------------------------------------------------ acts

    /** Turns a person's plan into acts; {@code lockupCause} tags the keyholder's lockup (or its absence). */
    private void expand(P p, LapseEvent lockupCause) {
        Instant t = p.arrival;
        Step in = p.entry.get(0);
        if (p.unknown != null) {
            badge(t.minusSeconds(u(15, 40)), p.unknown, in, unknownCard(), false);
        }
        for (int i = 0; i < p.entry.size(); i++) {
            badge(t, i == 0 ? p.afterHours : null, p.entry.get(i), p.badge, true);
            if (i == 0 && p.firstIn) {
                t = t.plusSeconds(u(3, 8));
                add(new Act.Panel(t, sink.seq++, null, p.badge, LastExitAction.UNLOCK));
            }
            t = t.plusSeconds(walk());
        }
        Instant desk = pcOn(p, t);
        for (Trip trip : p.trips) {
            if (!trip.start.isAfter(desk.plusSeconds(60))) {
                throw new IllegalStateException("planner: " + p.badge + " " + trip.kind + " at " + trip.start
                        + " overlaps the previous activity ending " + desk);
            }
            idle(p, desk, trip.start);
            desk = switch (trip.kind) {
                case MEETING -> roundTrip(p, trip, p.home.equals(trip.zone) ? List.of()
                        : topo.path(p.home, trip.zone, p.person.zones()),
                        Duration.ofSeconds(Duration.between(trip.start, trip.end).getSeconds() - 5 * 60));
                case LUNCH -> roundTrip(p, trip, p.exit,
                        Duration.ofSeconds(Duration.between(trip.start, trip.end).getSeconds() - 5 * 60));
                case HOST -> host(p, trip);
                case ATTEMPT -> {
                    badge(trip.start.plus(Duration.ofMinutes(3)), p.wrongZone, trip.step, p.badge, false);
                    yield trip.end;
                }
            };
        }
        if (!p.departure.isAfter(desk.plusSeconds(60))) {
            p.departure = desk.plusSeconds(u(120, 600));
        }
        idle(p, desk, p.departure);
        if (p.noAutoLock != null && !p.noAutoLockDone) {
            undo(p.noAutoLock); // no desk time long enough for it today
            p.noAutoLock = null;
        }
        depart(p, lockupCause);
    }

    private Instant pcOn(P p, Instant atDesk) {
        if (p.pc == null) {
            return atDesk;
        }
        Instant on = atDesk.plusSeconds(u(20, 90));
        pc(p, on, null, PcState.ACTIVE, 0);
        return on;
    }

    /** Out of the PC's zone along {@code out}, back the same way; returns when the PC is in use again. */
    private Instant roundTrip(P p, Trip trip, List<Step> out, Duration stay) {
        Instant t = leaveDesk(p, trip);
        t = walk(p, out, t, trip.walkAway);
        Instant back = max(trip.start.plus(stay), t.plusSeconds(600));
        t = walk(p, Topology.reverse(out), back, null);
        return returnToDesk(p, trip, t);
    }

    /** Locks the PC (unless the trip is a walk-away lapse) and stands up; returns when the first door is reached. */
    private Instant leaveDesk(P p, Trip trip) {
        if (p.pc != null && trip.walkAway == null) {
            pc(p, trip.start, null, PcState.LOCKED, 0);
        }
        return trip.start.plusSeconds(u(10, 30));
    }

    /** Back at the desk at {@code t}: an unlocked PC left behind reported IDLE meanwhile (and maybe locked itself). */
    private Instant returnToDesk(P p, Trip trip, Instant t) {
        if (p.pc == null) {
            return t;
        }
        Instant active = t.plusSeconds(u(10, 60));
        if (trip.walkAway != null) {
            idleReports(p, trip.start, active, null, true);
        }
        pc(p, active, null, PcState.ACTIVE, 0);
        return active;
    }

    /** Badges each step from {@code t} on, a short walk apart; the first badge carries {@code cause}. */
    private Instant walk(P p, List<Step> steps, Instant t, LapseEvent firstCause) {
        for (int i = 0; i < steps.size(); i++) {
            badge(t, i == 0 ? firstCause : null, steps.get(i), p.badge, true);
            t = t.plusSeconds(walk());
        }
        return t;
    }

    private Instant host(P h, Trip trip) {
        Visit v = trip.visit;
        Step entrance = v.path.get(0);
        String lobby = entrance.to();
        List<Step> toLobby = topo.path(h.home, lobby, h.person.zones());
        if (toLobby == null) {
            throw new IllegalStateException("planner: host " + h.badge + " cannot reach " + lobby);
        }
        // reception registers the pass before anyone badges it
        Instant early = v.early != null ? v.validFrom.minusSeconds(u(5 * 60, 30 * 60)) : null;
        if (!v.fromConfig) {
            Instant first = early != null ? early : v.arrive;
            add(new Act.Register(first.minusSeconds(u(15 * 60, 60 * 60)), sink.seq++, null, v.badge, v.name,
                    h.badge, v.zones, v.validFrom, v.validUntil));
        }
        if (early != null) {
            badge(early, v.early, entrance, v.badge, false);
        }
        // the host walks to the entrance: out to meet the visitor, or (a lapse) waits inside
        Instant standUp;
        if (v.unescorted == null) {
            Instant hostIn = v.arrive.minusSeconds(u(2, 6));
            Instant hostOut = hostIn.minusSeconds(u(60, 180));
            Instant firstDoor = hostOut.minusSeconds(toLobby.size() * 45L);
            standUp = firstDoor.minusSeconds(u(10, 30));
            Trip actual = new Trip(TripKind.HOST, standUp, trip.end);
            actual.walkAway = trip.walkAway;
            leaveDesk(h, actual);
            walkTimed(h, toLobby, firstDoor, trip.walkAway);
            badge(hostOut, null, entrance.reversed(), h.badge, true);
            badge(hostIn, null, entrance, h.badge, true);
            badge(v.arrive, null, entrance, v.badge, true);
        } else {
            Instant inLobby = v.arrive.minusSeconds(u(3 * 60, 8 * 60));
            Instant firstDoor = inLobby.minusSeconds(toLobby.size() * 45L);
            standUp = firstDoor.minusSeconds(u(10, 30));
            Trip actual = new Trip(TripKind.HOST, standUp, trip.end);
            actual.walkAway = trip.walkAway;
            leaveDesk(h, actual);
            walkTimed(h, toLobby, firstDoor, trip.walkAway);
            badge(v.arrive, v.unescorted, entrance, v.badge, true);
        }
        // together to the meeting, the host a few seconds ahead at each door
        Instant t = v.arrive.plusSeconds(u(20, 60));
        for (int i = 1; i < v.path.size(); i++) {
            Step s = v.path.get(i);
            badge(t, null, s, h.badge, true);
            badge(t.plusSeconds(u(2, 6)), null, s, v.badge, true);
            t = t.plusSeconds(walk() + 6);
        }
        // and back to the lobby after the meeting
        t = max(v.meetingEnds, t.plusSeconds(600));
        List<Step> back = Topology.reverse(v.path.subList(1, v.path.size()));
        for (int i = 0; i < back.size(); i++) {
            Step s = back.get(i);
            badge(t, null, s, h.badge, true);
            badge(t.plusSeconds(u(2, 6)), i == back.size() - 1 ? v.overstay : null, s, v.badge, true);
            t = t.plusSeconds(walk() + 6);
        }
        // the visitor leaves (or lingers in the lobby past the pass), the host goes back to the desk
        Instant leaves = v.overstay != null
                ? v.validUntil.plus(site.rules().visitorCheckoutGrace()).plusSeconds(u(3 * 60, 20 * 60))
                : t.plusSeconds(u(10, 40));
        badge(leaves, v.overstay, entrance.reversed(), v.badge, true);
        v.leftAt = leaves;
        Instant hostBack = walk(h, Topology.reverse(toLobby), t.plusSeconds(u(45, 90)), null);
        Trip actual = new Trip(TripKind.HOST, standUp, trip.end);
        actual.walkAway = trip.walkAway;
        return returnToDesk(h, actual, hostBack);
    }

    /** Badges each step starting at {@code t}, 45 s apart at most (so the caller can time the arrival). */
    private void walkTimed(P p, List<Step> steps, Instant t, LapseEvent firstCause) {
        for (int i = 0; i < steps.size(); i++) {
            badge(t.plusSeconds(i * 45L), i == 0 ? firstCause : null, steps.get(i), p.badge, true);
        }
    }

    private void depart(P p, LapseEvent lockupCause) {
        Instant t = p.departure;
        if (p.pc != null) {
            pc(p, t, p.pcLeftOn, p.pcLeftOn != null ? PcState.LOCKED : PcState.OFF, 0);
        }
        t = t.plusSeconds(u(10, 30));
        List<Step> out = p.exit;
        for (int i = 0; i < out.size(); i++) {
            Step s = out.get(i);
            boolean last = i == out.size() - 1;
            if (last && p.keyholder) {
                boolean forgot = lockupCause != null && lockupCause.kind() == Lapse.FORGOTTEN_LOCKUP;
                if (!forgot) {
                    t = t.plusSeconds(u(5, 30));
                    add(new Act.Panel(t, sink.seq++, lockupCause, p.badge, LastExitAction.LOCKUP));
                    t = t.plusSeconds(u(10, 30));
                }
                badge(t, lockupCause, s, p.badge, true);
            } else if (p.tailgate != null && i == out.size() - 2) {
                add(new Act.Tailgate(t, sink.seq++, p.tailgate, s.door(), s.direction(), p.badge));
            } else {
                badge(t, p.tailgate != null && last ? p.tailgate : null, s, p.badge, true);
            }
            p.lastAct = t;
            t = t.plusSeconds(walk());
        }
    }

    /** Desk time on [a, b): idle periods that end in input again or in the auto-lock (and one lapse). */
    private void idle(P p, Instant a, Instant b) {
        if (p.pc == null) {
            return;
        }
        long naNeeded = screenLock + 900 + 60 + 10 * 60;
        Instant t = a.plusSeconds(u(5 * 60, 40 * 60));
        while (true) {
            boolean lapse = p.noAutoLock != null && !p.noAutoLockDone
                    && Duration.between(t, b).getSeconds() >= naNeeded;
            Instant end;
            if (lapse) {
                long dur = screenLock + u(idleEvery + 30, 900);
                end = t.plusSeconds(dur);
                idleReports(p, t, end, p.noAutoLock, false);
                pc(p, end, null, PcState.ACTIVE, 0);
                p.noAutoLockDone = true;
            } else {
                boolean shortOne = autoLock - 10 > idleEvery + 10 && rnd.nextDouble() < 0.55;
                long dur = shortOne ? u(idleEvery + 10, autoLock - 10) : autoLock + u(60, 600);
                end = t.plusSeconds(dur);
                if (end.plusSeconds(180).isAfter(b)) {
                    return;
                }
                if (shortOne) {
                    idleReports(p, t, end, null, false);
                } else {
                    idleReports(p, t, t.plusSeconds(autoLock), null, true);
                    pc(p, end, null, PcState.ACTIVE, 0);
                }
                if (shortOne) {
                    pc(p, end, null, PcState.ACTIVE, 0);
                }
            }
            t = end.plusSeconds(u(15 * 60, 70 * 60));
        }
    }

    /**
     * IDLE every {@code idleEvery} seconds from {@code since} while before {@code until}; with
     * {@code autoLock} the PC locks itself at since + autoLock if that comes first.
     */
    private void idleReports(P p, Instant since, Instant until, LapseEvent cause, boolean autoLocks) {
        for (long k = idleEvery; ; k += idleEvery) {
            Instant at = since.plusSeconds(k);
            if (!at.isBefore(until) || (autoLocks && k >= autoLock)) {
                break;
            }
            pc(p, at, cause, PcState.IDLE, k);
        }
        Instant locks = since.plusSeconds(autoLock);
        if (autoLocks && locks.isBefore(until)) {
            pc(p, locks, null, PcState.LOCKED, 0);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void badge(Instant ts, LapseEvent cause, Step step, String badge, boolean grant) {
        add(new Act.Badge(ts, sink.seq++, cause, step.door(), step.direction(), badge, grant));
    }

    private void pc(P p, Instant ts, LapseEvent cause, PcState state, long idleSeconds) {
        add(new Act.PcReport(ts, sink.seq++, cause, p.pc.id(), state, idleSeconds, p.badge));
    }

    private void add(Act act) {
        sink.acts.add(act);
    }

    private String unknownCard() {
        while (true) {
            String card = String.format("X%05d", rnd.nextInt(100_000));
            if (!site.people().containsKey(card) && !site.visitors().containsKey(card)) {
                return card;
            }
        }
    }

    private void opportunity(Lapse kind) {
        sink.opportunities.merge(kind, 1, Integer::sum);
    }

    /** Draws the lapse at its rate; the random stream advances the same whatever the rate. */
    private LapseEvent draw(Lapse kind, String who) {
        double x = rnd.nextDouble();
        if (x >= rates.of(kind)) {
            return null;
        }
        LapseEvent e = new LapseEvent(date + "/" + kind.key() + "/" + (++lapseCount), kind, date, who);
        sink.lapses.add(e);
        return e;
    }

    /** A drawn lapse that found no place in the day: neither it nor its opportunity counts. */
    private void undo(LapseEvent e) {
        sink.lapses.remove(e);
        sink.opportunities.merge(e.kind(), -1, Integer::sum);
    }

    private long walk() {
        return u(12, 40);
    }

    private long u(long lo, long hi) {
        return lo >= hi ? lo : rnd.nextLong(lo, hi + 1);
    }

    private Instant at(LocalTime t) {
        return date.atTime(t).atZone(tz).toInstant();
    }

    private Instant floor5(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, 300));
    }

    private Instant ceil5(Instant t) {
        long s = t.getEpochSecond();
        long r = Math.floorMod(s, 300);
        return Instant.ofEpochSecond(r == 0 ? s : s + 300 - r);
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static Instant clamp(Instant t, Instant lo, Instant hi) {
        return t.isBefore(lo) ? lo : t.isAfter(hi) ? hi : t;
    }
}
