package org.officeguard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.Person;
import org.officeguard.simulator.Topology.Step;

/** A person who comes in on the planned day: their way in and out, their times, their trips and their lapses. */
final class Attendee {

    final String badge;
    final Person person;
    /** Their PC, or null: someone without one still has a home zone to work in. */
    final Pc pc;
    final String home;
    final List<Step> entry;
    final List<Step> exit;
    final List<Trip> trips = new ArrayList<>();
    Instant arrival;
    Instant departure;
    /** In first, out last, locks up. */
    boolean keyholder;
    /** Stays after the keyholder locked up (a lapse of the keyholder's). */
    boolean occupant;
    /** The first one in: disarms the office at the exit panel. */
    boolean firstIn;
    LapseEvent unknown;
    LapseEvent afterHours;
    LapseEvent tailgate;
    LapseEvent wrongZone;
    LapseEvent noAutoLock;
    boolean noAutoLockDone;
    LapseEvent pcLeftOn;
    /** Their last badge of the day. */
    Instant lastAct;

    Attendee(String badge, Person person, Pc pc, String home, List<Step> entry) {
        this.badge = badge;
        this.person = person;
        this.pc = pc;
        this.home = home;
        this.entry = entry;
        this.exit = Topology.reverse(entry);
    }
}
