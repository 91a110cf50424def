package org.officeguard.simulator;

import java.time.Instant;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.simulator.Topology.Step;

/**
 * A host's trip to meet a visitor: reception registers the pass first; the host goes out to the entrance and
 * badges each door a few seconds before the visitor, to the meeting and back; the visitor leaves and the host goes
 * back to the desk. The visitor's lapses change the plan: badging before the pass is valid, coming in while the
 * host waits inside, lingering in the lobby past the pass.
 */
final class HostActs {

    private final Topology topology;
    private final SiteConfig site;
    private final ActWriter acts;
    private final DeskActs desk;
    private final DayRandom random;

    HostActs(Topology topology, ActWriter acts, DeskActs desk, DayRandom random) {
        this.topology = topology;
        this.site = topology.site;
        this.acts = acts;
        this.desk = desk;
        this.random = random;
    }

    /** Plays the host's trip; returns when the host's PC is in use again. */
    Instant host(Attendee host, Trip trip) {
        Visit visit = trip.visit;
        Step entrance = visit.path.get(0);
        String lobby = entrance.to();
        List<Step> toLobby = topology.path(host.home, lobby, host.person.zones());
        if (toLobby == null) {
            throw new IllegalStateException("planner: host " + host.badge + " cannot reach " + lobby);
        }
        registerAndComeEarly(visit, entrance);
        Instant standUp = visit.unescorted == null
                ? meetOutside(host, trip, toLobby)
                : waitInside(host, trip, toLobby);
        Instant atLobby = escortBack(host, visit, escortToMeeting(host, visit));
        Instant leaves = visit.overstay != null
                ? visit.validUntil.plus(site.rules().visitorCheckoutGrace()).plusSeconds(random.between(3 * 60, 20 * 60))
                : atLobby.plusSeconds(random.between(10, 40));
        acts.badge(leaves, visit.overstay, entrance.reversed(), visit.badge, true);
        visit.leftAt = leaves;
        Instant hostBack = acts.walk(host, Topology.reverse(toLobby), atLobby.plusSeconds(random.between(45, 90)), null);
        return desk.sitBackDown(host, standUp, trip.walkAway, hostBack);
    }

    /** Reception registers a pass before anyone badges it; a visitor who comes early badges before it is valid. */
    private void registerAndComeEarly(Visit visit, Step entrance) {
        Instant early = visit.early != null ? visit.validFrom.minusSeconds(random.between(5 * 60, 30 * 60)) : null;
        if (!visit.fromConfig) {
            Instant firstBadge = early != null ? early : visit.arrive;
            acts.register(firstBadge.minusSeconds(random.between(15 * 60, 60 * 60)), visit);
        }
        if (early != null) {
            // a reader whose card list has the pass wrong lets them in early: they walk straight back out to wait
            boolean letIn = topology.devices.misconfigured(entrance.door(), entrance.direction(), visit.badge);
            acts.badge(early, visit.early, entrance, visit.badge, letIn);
            if (letIn) {
                acts.badge(early.plusSeconds(topology.devices.secondsInside(visit.badge, early)), visit.early,
                        entrance.reversed(), visit.badge, true);
            }
        }
    }

    /** The host walks out to meet the visitor and comes in just ahead of them; returns when the host stood up. */
    private Instant meetOutside(Attendee host, Trip trip, List<Step> toLobby) {
        Visit visit = trip.visit;
        Step entrance = visit.path.get(0);
        Instant hostIn = visit.arrive.minusSeconds(random.between(2, 6));
        Instant hostOut = hostIn.minusSeconds(random.between(60, 180));
        Instant firstDoor = hostOut.minusSeconds(toLobby.size() * 45L);
        Instant standUp = firstDoor.minusSeconds(random.between(10, 30));
        desk.standUp(host, standUp, trip.walkAway);
        acts.walkTimed(host, toLobby, firstDoor, trip.walkAway);
        acts.badge(hostOut, null, entrance.reversed(), host.badge, true);
        acts.badge(hostIn, null, entrance, host.badge, true);
        acts.badge(visit.arrive, null, entrance, visit.badge, true);
        return standUp;
    }

    /** A lapse: the host waits in the lobby and the visitor comes in alone; returns when the host stood up. */
    private Instant waitInside(Attendee host, Trip trip, List<Step> toLobby) {
        Visit visit = trip.visit;
        Instant inLobby = visit.arrive.minusSeconds(random.between(3 * 60, 8 * 60));
        Instant firstDoor = inLobby.minusSeconds(toLobby.size() * 45L);
        Instant standUp = firstDoor.minusSeconds(random.between(10, 30));
        desk.standUp(host, standUp, trip.walkAway);
        acts.walkTimed(host, toLobby, firstDoor, trip.walkAway);
        acts.badge(visit.arrive, visit.unescorted, visit.path.get(0), visit.badge, true);
        return standUp;
    }

    /** Together to the meeting, the host a few seconds ahead at each door; returns when they are there. */
    private Instant escortToMeeting(Attendee host, Visit visit) {
        Instant at = visit.arrive.plusSeconds(random.between(20, 60));
        for (int index = 1; index < visit.path.size(); index++) {
            Step step = visit.path.get(index);
            acts.badge(at, null, step, host.badge, true);
            acts.badge(at.plusSeconds(random.between(2, 6)), null, step, visit.badge, true);
            at = at.plusSeconds(random.walkSeconds() + 6);
        }
        return at;
    }

    /** Back to the lobby after the meeting; the visitor's last door carries an overstay; returns when they are back. */
    private Instant escortBack(Attendee host, Visit visit, Instant atMeeting) {
        Instant at = DayTimes.later(visit.meetingEnds, atMeeting.plusSeconds(600));
        List<Step> back = Topology.reverse(visit.path.subList(1, visit.path.size()));
        for (int index = 0; index < back.size(); index++) {
            Step step = back.get(index);
            acts.badge(at, null, step, host.badge, true);
            acts.badge(at.plusSeconds(random.between(2, 6)), index == back.size() - 1 ? visit.overstay : null, step,
                    visit.badge, true);
            at = at.plusSeconds(random.walkSeconds() + 6);
        }
        return at;
    }
}
