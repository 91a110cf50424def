package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * 最終退出ルール, fed in {@code ts} order: {@code LOCKUP_WITH_OCCUPANTS} at a LOCKUP,
 * {@code LOCKUP_MISSING} when the site stays empty for lastExitGraceSeconds without being locked up,
 * and {@code PC_LEFT_ON} at both moments for every PC weaker than {@code pcAtLockup}.
 */
public final class LastExitWatch {

    /** Is the site still empty and not locked up, lastExitGraceSeconds after it emptied? */
    public record EmptyDue(Decision lastPassage) {}

    private final SiteConfig site;
    private final Occupancy occupancy;
    private final PcStates pcs;
    private final BiConsumer<Instant, EmptyDue> scheduler;
    /** The passage that last emptied the site, while it stays empty. */
    private Decision emptiedBy;

    public LastExitWatch(SiteConfig site, Occupancy occupancy, PcStates pcs, BiConsumer<Instant, EmptyDue> scheduler) {
        this.site = site;
        this.occupancy = occupancy;
        this.pcs = pcs;
        this.scheduler = scheduler;
    }

    /** A granted passage (already applied to the occupancy, which says whether it emptied the site). */
    public void passage(Decision decision, boolean emptied) {
        if (emptied) {
            emptiedBy = decision;
            scheduler.accept(decision.ts().plus(site.rules().lastExitGrace()), new EmptyDue(decision));
        } else if (occupancy.count() > 0) {
            emptiedBy = null;
        }
    }

    /** The passage that last emptied the site while it stays empty, or null: for a snapshot. */
    Decision emptiedBy() {
        return emptiedBy;
    }

    /** Takes a snapshot's; a pending check of the same passage must be given this very instance. */
    void restore(Decision emptied) {
        emptiedBy = emptied;
    }

    public List<Violation> lastExit(LastExitEvent event) {
        if (event.action() == LastExitAction.UNLOCK) {
            occupancy.unlock();
            return List.of();
        }
        occupancy.lockup();
        List<Violation> out = new ArrayList<>();
        List<String> others = occupancy.occupantsExcept(event.badge());
        if (!others.isEmpty()) {
            out.add(Violation.of(site.site(), Rule.LOCKUP_WITH_OCCUPANTS, event.ts(), event.badge(),
                    "site:" + site.site(), Violation.details("occupants", others), List.of(event.eventId())));
        }
        out.addAll(pcsLeftOn(event.ts(), List.of(event.eventId())));
        return out;
    }

    public List<Violation> emptyDue(EmptyDue due, Instant at) {
        Decision last = due.lastPassage();
        if (emptiedBy != last || occupancy.lockedUp()) {
            return List.of(); // someone came back in, or the site was locked up in time
        }
        List<Violation> out = new ArrayList<>();
        out.add(Violation.of(site.site(), Rule.LOCKUP_MISSING, last.ts(), last.badge(), "site:" + site.site(),
                Violation.details("emptySince", TimeFormat.format(last.ts(), site.timezone()),
                        "lastExitGraceSeconds", site.rules().lastExitGrace().getSeconds()),
                List.of(last.eventId())));
        out.addAll(pcsLeftOn(at, List.of(last.eventId(), Rule.LOCKUP_MISSING.name())));
        return out;
    }

    private List<Violation> pcsLeftOn(Instant ts, List<String> sources) {
        PcState required = site.rules().pcAtLockup();
        List<Violation> out = new ArrayList<>();
        for (Pc pc : new TreeMap<>(site.pcs()).values()) {
            PcState state = pcs.stateOf(pc);
            if (state.weakerThan(required)) {
                out.add(Violation.of(site.site(), Rule.PC_LEFT_ON, ts, pcs.userOf(pc), "pc:" + pc.id(),
                        Violation.details("state", state.name(), "required", required.name(), "zone", pc.zone()),
                        sources));
            }
        }
        return out;
    }
}
