package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.PcState;
import org.officeguard.simulator.Topology.Step;

/**
 * Turns an attendee's planned day into acts: in through the doors (the first one in disarms the office), work at
 * the desk between trips, and out at the end of the day (the keyholder locks up at the exit panel).
 */
final class DayActs {

    /** Where the unknown cards' numbers start at a site with uhppoted controllers: 7200000 to 7299999. */
    static final long UNKNOWN_CARD_NUMBERS = 7_200_000;

    private final Topology topology;
    private final SiteConfig site;
    private final ActWriter acts;
    private final DeskActs desk;
    private final HostActs hosting;
    private final DayRandom random;
    private final LapseDraws lapses;

    DayActs(Topology topology, PlannedDays days, DayRandom random, LapseDraws lapses) {
        this.topology = topology;
        this.site = topology.site;
        this.random = random;
        this.lapses = lapses;
        this.acts = new ActWriter(days, random);
        this.desk = new DeskActs(site, acts, random);
        this.hosting = new HostActs(topology, acts, desk, random);
    }

    /** Writes the acts of {@code attendee}'s day; {@code lockupCause} tags the keyholder's lockup (or its absence). */
    void write(Attendee attendee, LapseEvent lockupCause) {
        Instant atDesk = desk.sitDown(attendee, comeIn(attendee));
        for (Trip trip : attendee.trips) {
            if (!trip.start.isAfter(atDesk.plusSeconds(60))) {
                throw new IllegalStateException("planner: " + attendee.badge + " " + trip.kind + " at " + trip.start
                        + " overlaps the previous activity ending " + atDesk);
            }
            desk.work(attendee, atDesk, trip.start);
            atDesk = go(attendee, trip);
        }
        if (!attendee.departure.isAfter(atDesk.plusSeconds(60))) {
            attendee.departure = atDesk.plusSeconds(random.between(120, 600));
        }
        desk.work(attendee, atDesk, attendee.departure);
        if (attendee.noAutoLock != null && !attendee.noAutoLockDone) {
            lapses.undo(attendee.noAutoLock); // no desk time long enough for it today
            attendee.noAutoLock = null;
        }
        goHome(attendee, lockupCause);
    }

    /**
     * Badges in along the way to the desk (after an unknown card, a lapse, at the first door); the first one in
     * disarms the office at the panel. Returns when they reach the desk.
     */
    private Instant comeIn(Attendee attendee) {
        Instant at = attendee.arrival;
        if (attendee.unknown != null) {
            acts.badge(at.minusSeconds(random.between(15, 40)), attendee.unknown, attendee.entry.get(0), unknownCard(),
                    false);
        }
        for (int index = 0; index < attendee.entry.size(); index++) {
            acts.badge(at, index == 0 ? attendee.afterHours : null, attendee.entry.get(index), attendee.badge, true);
            if (index == 0 && attendee.firstIn) {
                at = at.plusSeconds(random.between(3, 8));
                acts.panel(at, null, attendee.badge, LastExitAction.UNLOCK);
            }
            at = at.plusSeconds(random.walkSeconds());
        }
        return at;
    }

    /** Plays one trip away from the desk; returns when the PC is in use again (or they are back, without one). */
    private Instant go(Attendee attendee, Trip trip) {
        Duration stay = Duration.ofSeconds(Duration.between(trip.start, trip.end).getSeconds() - 5 * 60);
        return switch (trip.kind) {
            case MEETING -> roundTrip(attendee, trip, attendee.home.equals(trip.zone) ? List.of()
                    : topology.path(attendee.home, trip.zone, attendee.person.zones()), stay);
            case LUNCH -> roundTrip(attendee, trip, attendee.exit, stay);
            case HOST -> hosting.host(attendee, trip);
            case ATTEMPT -> {
                attempt(attendee, trip);
                yield trip.end;
            }
        };
    }

    /**
     * A badge at a door they may not pass: refused, they stay. A reader whose card list has their card wrong lets
     * them in, and they walk straight back out.
     */
    private void attempt(Attendee attendee, Trip trip) {
        Instant at = trip.start.plus(Duration.ofMinutes(3));
        Step step = trip.step;
        boolean letIn = topology.devices.misconfigured(step.door(), step.direction(), attendee.badge);
        acts.badge(at, attendee.wrongZone, step, attendee.badge, letIn);
        if (letIn) {
            acts.badge(at.plusSeconds(topology.devices.secondsInside(attendee.badge, at)), attendee.wrongZone,
                    step.reversed(), attendee.badge, true);
        }
    }

    /** Out of the PC's zone along {@code out}, back the same way; returns when the PC is in use again. */
    private Instant roundTrip(Attendee attendee, Trip trip, List<Step> out, Duration stay) {
        Instant at = desk.standUp(attendee, trip.start, trip.walkAway);
        at = acts.walk(attendee, out, at, trip.walkAway);
        Instant back = DayTimes.later(trip.start.plus(stay), at.plusSeconds(600));
        at = acts.walk(attendee, Topology.reverse(out), back, null);
        return desk.sitBackDown(attendee, trip.start, trip.walkAway, at);
    }

    /**
     * Shuts the PC down (or leaves it on, a lapse) and badges out; the keyholder locks up at the panel before the
     * last door (unless they forget, a lapse), and a tailgater follows someone through the next-to-last door.
     */
    private void goHome(Attendee attendee, LapseEvent lockupCause) {
        Instant at = attendee.departure;
        if (attendee.pc != null) {
            acts.pcReport(attendee, at, attendee.pcLeftOn, attendee.pcLeftOn != null ? PcState.LOCKED : PcState.OFF, 0);
        }
        at = at.plusSeconds(random.between(10, 30));
        List<Step> out = attendee.exit;
        for (int index = 0; index < out.size(); index++) {
            Step step = out.get(index);
            boolean last = index == out.size() - 1;
            if (last && attendee.keyholder) {
                at = lockUp(attendee, at, lockupCause);
                acts.badge(at, lockupCause, step, attendee.badge, true);
            } else if (attendee.tailgate != null && index == out.size() - 2) {
                acts.tailgate(at, attendee.tailgate, step, attendee.badge);
            } else {
                acts.badge(at, attendee.tailgate != null && last ? attendee.tailgate : null, step, attendee.badge, true);
            }
            attendee.lastAct = at;
            at = at.plusSeconds(random.walkSeconds());
        }
    }

    /** The keyholder locks up at the panel, unless the lockup is forgotten; returns when they reach the last door. */
    private Instant lockUp(Attendee keyholder, Instant at, LapseEvent lockupCause) {
        boolean forgotten = lockupCause != null && lockupCause.kind() == Lapse.FORGOTTEN_LOCKUP;
        if (forgotten) {
            return at;
        }
        Instant locks = at.plusSeconds(random.between(5, 30));
        acts.panel(locks, lockupCause, keyholder.badge, LastExitAction.LOCKUP);
        return locks.plusSeconds(random.between(10, 30));
    }

    /** A card that is nobody's: the unknown badge of a lapse; a card number where a uhppoted controller reads cards. */
    private String unknownCard() {
        while (true) {
            int drawn = random.index(100_000);
            String card = topology.devices.cardNumbers() ? Long.toString(UNKNOWN_CARD_NUMBERS + drawn)
                    : String.format("X%05d", drawn);
            if (!site.people().containsKey(card) && !site.visitors().containsKey(card)) {
                return card;
            }
        }
    }
}
