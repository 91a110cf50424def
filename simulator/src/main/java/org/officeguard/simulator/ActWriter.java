package org.officeguard.simulator;

import java.time.Instant;
import java.util.List;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.PcState;
import org.officeguard.simulator.Topology.Step;

/** Writes the planned day's acts, numbered in the order they are planned: badges, walks, PC reports, the panel. */
final class ActWriter {

    private final PlannedDays days;
    private final DayRandom random;

    ActWriter(PlannedDays days, DayRandom random) {
        this.days = days;
        this.random = random;
    }

    void badge(Instant ts, LapseEvent cause, Step step, String badge, boolean grant) {
        days.add(new Act.Badge(ts, days.nextSeq(), cause, step.door(), step.direction(), badge, grant));
    }

    /** Someone follows a colleague through {@code step} without badging. */
    void tailgate(Instant ts, LapseEvent cause, Step step, String badge) {
        days.add(new Act.Tailgate(ts, days.nextSeq(), cause, step.door(), step.direction(), badge));
    }

    void pcReport(Attendee attendee, Instant ts, LapseEvent cause, PcState state, long idleSeconds) {
        days.add(new Act.PcReport(ts, days.nextSeq(), cause, attendee.pc.id(), state, idleSeconds, attendee.badge));
    }

    void panel(Instant ts, LapseEvent cause, String badge, LastExitAction action) {
        days.add(new Act.Panel(ts, days.nextSeq(), cause, badge, action));
    }

    /** Reception registers the visitor's pass at {@code ts}. */
    void register(Instant ts, Visit visit) {
        days.add(new Act.Register(ts, days.nextSeq(), null, visit.badge, visit.name, visit.host.badge, visit.zones,
                visit.validFrom, visit.validUntil));
    }

    /** Badges each step from {@code start} on, a short walk apart; the first badge carries {@code firstCause}. */
    Instant walk(Attendee attendee, List<Step> steps, Instant start, LapseEvent firstCause) {
        Instant at = start;
        for (int index = 0; index < steps.size(); index++) {
            badge(at, index == 0 ? firstCause : null, steps.get(index), attendee.badge, true);
            at = at.plusSeconds(random.walkSeconds());
        }
        return at;
    }

    /** Badges each step starting at {@code start}, 45 s apart (so the caller can time the arrival). */
    void walkTimed(Attendee attendee, List<Step> steps, Instant start, LapseEvent firstCause) {
        for (int index = 0; index < steps.size(); index++) {
            badge(start.plusSeconds(index * 45L), index == 0 ? firstCause : null, steps.get(index), attendee.badge,
                    true);
        }
    }
}
