package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.PcState;

/**
 * What a PC reports while its user works: ACTIVE when they sit down, IDLE every {@code idleEvery} seconds while
 * nobody touches it, LOCKED when they stand up. The PC locks itself after {@code screenLock - idleEvery} seconds
 * idle, so no IDLE report reaches the screen-lock threshold, unless its no-auto-lock lapse is due.
 */
final class DeskActs {

    private final ActWriter acts;
    private final DayRandom random;
    private final long screenLock;
    private final long idleEvery;
    private final long autoLock;

    DeskActs(SiteConfig site, ActWriter acts, DayRandom random) {
        this.acts = acts;
        this.random = random;
        this.screenLock = Math.max(1, site.rules().screenLock().getSeconds());
        this.idleEvery = Math.max(1, Math.min(60, screenLock / 5));
        this.autoLock = Math.max(1, screenLock - idleEvery);
    }

    /** At the desk at {@code atDesk}: the PC comes on a little later; returns when it is in use. */
    Instant sitDown(Attendee attendee, Instant atDesk) {
        if (attendee.pc == null) {
            return atDesk;
        }
        Instant on = atDesk.plusSeconds(random.between(20, 90));
        acts.pcReport(attendee, on, null, PcState.ACTIVE, 0);
        return on;
    }

    /**
     * Locks the PC at {@code start} (unless the trip is a walk-away lapse) and stands up; returns when the first
     * door is reached.
     */
    Instant standUp(Attendee attendee, Instant start, LapseEvent walkAway) {
        if (attendee.pc != null && walkAway == null) {
            acts.pcReport(attendee, start, null, PcState.LOCKED, 0);
        }
        return start.plusSeconds(random.between(10, 30));
    }

    /**
     * Back at the desk at {@code back} from a trip that began at {@code left}: a PC left unlocked reported IDLE
     * meanwhile (and locked itself); returns when the PC is in use again.
     */
    Instant sitBackDown(Attendee attendee, Instant left, LapseEvent walkAway, Instant back) {
        if (attendee.pc == null) {
            return back;
        }
        Instant active = back.plusSeconds(random.between(10, 60));
        if (walkAway != null) {
            idleReports(attendee, left, active, null, true);
        }
        acts.pcReport(attendee, active, null, PcState.ACTIVE, 0);
        return active;
    }

    /**
     * Desk time from {@code from} until {@code until}: idle spells that end in input again or in the auto-lock,
     * a quarter of an hour to 70 minutes apart; and the no-auto-lock lapse, once, where there is room for it.
     */
    void work(Attendee attendee, Instant from, Instant until) {
        if (attendee.pc == null) {
            return;
        }
        long lapseNeeds = screenLock + 900 + 60 + 10 * 60;
        Instant idleFrom = from.plusSeconds(random.between(5 * 60, 40 * 60));
        while (true) {
            boolean lapse = attendee.noAutoLock != null && !attendee.noAutoLockDone
                    && Duration.between(idleFrom, until).getSeconds() >= lapseNeeds;
            Instant idleUntil;
            if (lapse) {
                idleUntil = idleFrom.plusSeconds(screenLock + random.between(idleEvery + 30, 900));
                idleReports(attendee, idleFrom, idleUntil, attendee.noAutoLock, false);
                attendee.noAutoLockDone = true;
            } else {
                boolean shortOne = autoLock - 10 > idleEvery + 10 && random.chance(0.55);
                long seconds = shortOne ? random.between(idleEvery + 10, autoLock - 10) : autoLock + random.between(60, 600);
                idleUntil = idleFrom.plusSeconds(seconds);
                if (idleUntil.plusSeconds(180).isAfter(until)) {
                    return;
                }
                if (shortOne) {
                    idleReports(attendee, idleFrom, idleUntil, null, false);
                } else {
                    idleReports(attendee, idleFrom, idleFrom.plusSeconds(autoLock), null, true);
                }
            }
            acts.pcReport(attendee, idleUntil, null, PcState.ACTIVE, 0);
            idleFrom = idleUntil.plusSeconds(random.between(15 * 60, 70 * 60));
        }
    }

    /**
     * IDLE every {@code idleEvery} seconds from {@code since} while before {@code until}; with {@code autoLocks}
     * the PC locks itself at since + autoLock if that comes first.
     */
    private void idleReports(Attendee attendee, Instant since, Instant until, LapseEvent cause, boolean autoLocks) {
        for (long idle = idleEvery; ; idle += idleEvery) {
            Instant at = since.plusSeconds(idle);
            if (!at.isBefore(until) || (autoLocks && idle >= autoLock)) {
                break;
            }
            acts.pcReport(attendee, at, cause, PcState.IDLE, idle);
        }
        Instant locks = since.plusSeconds(autoLock);
        if (autoLocks && locks.isBefore(until)) {
            acts.pcReport(attendee, locks, null, PcState.LOCKED, 0);
        }
    }
}
