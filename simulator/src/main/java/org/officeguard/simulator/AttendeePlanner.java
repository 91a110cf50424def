package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.PcState;
import org.officeguard.simulator.Topology.Step;

/**
 * Plans one attendee's day: when they come and go, lunch out, meetings elsewhere, a badge at a door they may not
 * pass, and the lapses at the desk and on the way home. Trips keep ten minutes clear of each other and of the
 * day's ends.
 */
final class AttendeePlanner {

    private final Topology topology;
    private final SiteConfig site;
    private final DayTimes times;
    private final DayRandom random;
    private final LapseDraws lapses;

    AttendeePlanner(Topology topology, DayTimes times, DayRandom random, LapseDraws lapses) {
        this.topology = topology;
        this.site = topology.site;
        this.times = times;
        this.random = random;
        this.lapses = lapses;
    }

    /** Plans the day of {@code attendee}, whose hosting trips are already in place. */
    void plan(Attendee attendee) {
        arrivalLapses(attendee);
        attendee.arrival = arrival(attendee);
        attendee.departure = departure(attendee);
        lunch(attendee);
        meetings(attendee);
        wrongZoneAttempt(attendee);
        attendee.trips.sort(Comparator.comparing(trip -> trip.start));
        deskAndExitLapses(attendee);
    }

    private void arrivalLapses(Attendee attendee) {
        boolean mayAfterHours = !attendee.keyholder && !attendee.person.afterHours();
        if (mayAfterHours) {
            lapses.opportunity(Lapse.AFTER_HOURS);
        }
        attendee.afterHours = mayAfterHours ? lapses.draw(Lapse.AFTER_HOURS, attendee.badge) : null;
        lapses.opportunity(Lapse.UNKNOWN_BADGE);
        attendee.unknown = lapses.draw(Lapse.UNKNOWN_BADGE, attendee.badge);
    }

    /**
     * The keyholder comes an hour or so before work starts (within business hours), someone with an after-hours
     * lapse or allowance before business hours, everyone else around the start of work; a host at least half an
     * hour before their visitor.
     */
    private Instant arrival(Attendee attendee) {
        Instant arrival;
        if (attendee.keyholder) {
            Instant early = times.workStart.minus(Duration.ofMinutes(random.between(60, 90)));
            Instant earliest = times.businessStart.plus(Duration.ofMinutes(10));
            arrival = early.isBefore(earliest) ? earliest.plusSeconds(random.between(0, 600)) : early;
        } else if (attendee.afterHours != null) {
            arrival = times.businessStart.minus(Duration.ofSeconds(random.between(10 * 60, 50 * 60)));
        } else if (attendee.person.afterHours() && random.chance(0.25)) {
            arrival = times.businessStart.minus(Duration.ofSeconds(random.between(5 * 60, 60 * 60)));
        } else {
            long offset = Math.round(random.gaussian() * 25 * 60);
            arrival = DayTimes.clamp(times.workStart.plusSeconds(offset),
                    times.businessStart.plus(Duration.ofMinutes(20)), times.workStart.plus(Duration.ofMinutes(100)));
        }
        Instant firstHosting = attendee.trips.stream().map(trip -> trip.start).min(Comparator.naturalOrder())
                .orElse(null);
        if (firstHosting != null && arrival.isAfter(firstHosting.minus(Duration.ofMinutes(30)))) {
            arrival = DayTimes.later(firstHosting.minus(Duration.ofMinutes(30 + random.between(0, 20))),
                    times.businessStart.plus(Duration.ofMinutes(15)));
        }
        return arrival;
    }

    /** Around nine and a half hours after work starts, after their last hosting, and at least three hours in. */
    private Instant departure(Attendee attendee) {
        Instant lastHosting = attendee.trips.stream().map(trip -> trip.end).max(Comparator.naturalOrder())
                .orElse(attendee.arrival);
        long offset = Math.round(random.gaussian() * 50 * 60);
        Instant usual = DayTimes.clamp(times.workStart.plus(Duration.ofMinutes(570)).plusSeconds(offset),
                times.workStart.plus(Duration.ofHours(7)), times.latestDeparture);
        Instant departure = DayTimes.later(usual, lastHosting.plus(Duration.ofMinutes(15 + random.between(0, 30))));
        Instant threeHoursIn = attendee.arrival.plus(Duration.ofHours(3));
        return departure.isBefore(threeHoursIn) ? threeHoursIn : departure;
    }

    /** Lunch out, for a little over half of them (not the keyholder: somebody stays in). */
    private void lunch(Attendee attendee) {
        if (!attendee.keyholder && random.chance(0.55)) {
            Instant start = times.workStart.plus(Duration.ofMinutes(165 + random.between(0, 75)));
            long minutes = random.between(40, 60);
            addIfFree(attendee, new Trip(Trip.Kind.LUNCH, start, start.plus(Duration.ofMinutes(minutes + 5))));
        }
    }

    /** Up to two meetings in other zones they may enter. */
    private void meetings(Attendee attendee) {
        List<String> elsewhere = new ArrayList<>();
        for (String zone : site.zones()) {
            if (!zone.equals(attendee.home) && attendee.person.zones().contains(zone)
                    && topology.path(attendee.home, zone, attendee.person.zones()) != null) {
                elsewhere.add(zone);
            }
        }
        double draw = random.fraction();
        int meetings = elsewhere.isEmpty() ? 0 : draw < 0.35 ? 0 : draw < 0.75 ? 1 : 2;
        for (int meeting = 0; meeting < meetings; meeting++) {
            String zone = random.pick(elsewhere);
            long minutes = random.between(20, 75);
            for (int attempt = 0; attempt < 8; attempt++) {
                Instant earliest = attendee.arrival.plus(Duration.ofMinutes(30));
                Instant latest = attendee.departure.minus(Duration.ofMinutes(minutes + 30));
                if (!earliest.isBefore(latest)) {
                    break;
                }
                Instant start = earliest.plusSeconds(random.between(0, Duration.between(earliest, latest).getSeconds()));
                Trip trip = new Trip(Trip.Kind.MEETING, start, start.plus(Duration.ofMinutes(minutes + 5)));
                trip.zone = zone;
                if (addIfFree(attendee, trip)) {
                    break;
                }
            }
        }
    }

    /** A badge at a door from their home zone to a zone they may not enter (a lapse), if the day has room for it. */
    private void wrongZoneAttempt(Attendee attendee) {
        List<Step> forbidden = new ArrayList<>();
        for (Step step : topology.stepsFrom(attendee.home)) {
            if (step.direction() == Direction.IN && !SiteConfig.OUTSIDE.equals(step.to())
                    && !attendee.person.zones().contains(step.to())) {
                forbidden.add(step);
            }
        }
        if (forbidden.isEmpty()) {
            return;
        }
        lapses.opportunity(Lapse.WRONG_ZONE);
        LapseEvent wrong = lapses.draw(Lapse.WRONG_ZONE, attendee.badge);
        if (wrong == null) {
            return;
        }
        Step door = random.pick(forbidden);
        boolean placed = false;
        for (int attempt = 0; attempt < 20 && !placed; attempt++) {
            Instant earliest = attendee.arrival.plus(Duration.ofMinutes(40));
            Instant latest = attendee.departure.minus(Duration.ofMinutes(40));
            if (!earliest.isBefore(latest)) {
                break;
            }
            Instant at = earliest.plusSeconds(random.between(0, Duration.between(earliest, latest).getSeconds()));
            Trip trip = new Trip(Trip.Kind.ATTEMPT, at.minus(Duration.ofMinutes(3)), at.plus(Duration.ofMinutes(3)));
            trip.step = door;
            placed = addIfFree(attendee, trip);
        }
        if (placed) {
            attendee.wrongZone = wrong;
        } else {
            lapses.undo(wrong);
        }
    }

    /** Walking away from an unlocked PC on one trip, a PC that does not lock itself, one left on, a tailgate. */
    private void deskAndExitLapses(Attendee attendee) {
        List<Trip> away = attendee.trips.stream().filter(trip -> trip.kind != Trip.Kind.ATTEMPT).toList();
        if (attendee.pc != null && !away.isEmpty()) {
            lapses.opportunity(Lapse.LEFT_PC_UNLOCKED);
            LapseEvent walkAway = lapses.draw(Lapse.LEFT_PC_UNLOCKED, attendee.badge);
            if (walkAway != null) {
                random.pick(away).walkAway = walkAway;
            }
        }
        if (attendee.pc != null) {
            lapses.opportunity(Lapse.NO_AUTO_LOCK);
            attendee.noAutoLock = lapses.draw(Lapse.NO_AUTO_LOCK, attendee.badge);
        }
        if (attendee.pc != null && site.rules().pcAtLockup() == PcState.OFF) {
            lapses.opportunity(Lapse.PC_LEFT_ON);
            attendee.pcLeftOn = lapses.draw(Lapse.PC_LEFT_ON, attendee.badge);
        }
        if (!attendee.keyholder && attendee.exit.size() >= 2) {
            lapses.opportunity(Lapse.TAILGATE);
            attendee.tailgate = lapses.draw(Lapse.TAILGATE, attendee.badge);
        }
    }

    /** Adds the trip unless it comes within ten minutes of another or of the day's ends (20 minutes after arrival). */
    private static boolean addIfFree(Attendee attendee, Trip trip) {
        Duration margin = Duration.ofMinutes(10);
        if (trip.start.isBefore(attendee.arrival.plus(Duration.ofMinutes(20)))
                || trip.end.isAfter(attendee.departure.minus(margin))) {
            return false;
        }
        for (Trip other : attendee.trips) {
            if (trip.start.isBefore(other.end.plus(margin)) && other.start.isBefore(trip.end.plus(margin))) {
                return false;
            }
        }
        attendee.trips.add(trip);
        return true;
    }
}
