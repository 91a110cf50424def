package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * 離席時のPCロック, fed in {@code ts} order: {@code SCREEN_LOCK_IDLE} (idle past screenLockSeconds,
 * once per idle period) and {@code LEFT_PC_UNLOCKED} (the user walks out of the PC's zone and the PC
 * is not locked or off within leaveGraceSeconds).
 */
public final class ScreenLockWatch {

    /** Was the PC locked within the grace after its user left its zone? */
    public record LeaveDue(Pc pc, String user, Decision passage) {}

    private final SiteConfig site;
    private final PcStates pcs;
    private final BiConsumer<Instant, LeaveDue> scheduler;

    public ScreenLockWatch(SiteConfig site, PcStates pcs, BiConsumer<Instant, LeaveDue> scheduler) {
        this.site = site;
        this.pcs = pcs;
        this.scheduler = scheduler;
    }

    /**
     * A PC's report. An IDLE past screenLockSeconds is a violation once per idle period: the PC's newest report
     * counts unless its period was reported already; a late report overtaken by a newer one counts unless its idle
     * span overlaps a period reported already (it cannot end or open the current one).
     */
    public Optional<Violation> report(Pc pc, PcStateEvent event) {
        PcStates.Applied applied = pcs.report(pc, event);
        PcStates.Known known = applied.known();
        if (event.state() != PcState.IDLE || event.idleSeconds() < site.rules().screenLock().getSeconds()) {
            return Optional.empty();
        }
        Instant since = event.ts().minusSeconds(event.idleSeconds());
        if (applied.newest() ? known.idleReported != null : known.idleReportedDuring(since, event.ts())) {
            return Optional.empty();
        }
        Instant[] span = known.rememberReportedIdle(since, event.ts());
        if (applied.newest()) {
            known.idleReported = span;
        }
        return Optional.of(Violation.of(site.site(), Rule.SCREEN_LOCK_IDLE, event.ts(), PcStates.userOf(pc, event),
                "pc:" + pc.id(), Violation.details("idleSeconds", event.idleSeconds(), "screenLockSeconds",
                        site.rules().screenLock().getSeconds()),
                List.of(event.eventId())));
    }

    /** A granted passage: every unlocked PC in its origin zone used by the passer gets a deadline. */
    public void passage(Decision decision) {
        for (Pc pc : pcs.usedBy(decision.badge())) {
            if (pc.zone().equals(decision.origin()) && pcs.stateOf(pc).unlocked()) {
                scheduler.accept(decision.ts().plus(site.rules().leaveGrace()),
                        new LeaveDue(pc, decision.badge(), decision));
            }
        }
    }

    public Optional<Violation> leaveDue(LeaveDue due) {
        if (pcs.protectedSince(due.pc(), due.passage().ts())) {
            return Optional.empty();
        }
        return Optional.of(Violation.of(site.site(), Rule.LEFT_PC_UNLOCKED, due.passage().ts(), due.user(),
                "pc:" + due.pc().id(),
                Violation.details("door", due.passage().door(), "zone", due.pc().zone(), "leaveGraceSeconds",
                        site.rules().leaveGrace().getSeconds()),
                List.of(due.passage().eventId())));
    }
}
