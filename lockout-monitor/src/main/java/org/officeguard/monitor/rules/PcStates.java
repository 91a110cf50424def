package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import org.officeguard.core.config.Pc;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;

/**
 * The last known state of every PC of a site, in {@code ts} order. A late report older than the PC's latest (an
 * agent's message overtaken by a newer one) does not move its state or user back: the PC is as its newest report
 * says.
 */
public final class PcStates {

    /** Idle periods remembered per PC as reported, for late reports that belong to one of them. */
    static final int REMEMBERED_IDLE_PERIODS = 16;

    /**
     * What is known of one PC: its newest report's state, user and ts; {@code lastProtected}, the ts of its latest
     * LOCKED or OFF report; and the spans of the idle periods reported lately, oldest first ({@code [since, until]}:
     * the reporting IDLE's ts minus its idleSeconds, the period's last IDLE report's ts), {@code idleReported} being
     * the current period's while it goes on.
     */
    static final class Known {
        PcState state;
        String user;
        Instant stateTs;
        Instant lastProtected;
        Instant[] idleReported;
        final ArrayDeque<Instant[]> reportedIdle = new ArrayDeque<>(2);

        /** Whether an idle span overlaps an idle period already reported. */
        boolean idleReportedDuring(Instant since, Instant until) {
            for (Instant[] p : reportedIdle) {
                if (!since.isAfter(p[1]) && !until.isBefore(p[0])) {
                    return true;
                }
            }
            return false;
        }

        Instant[] rememberReportedIdle(Instant since, Instant until) {
            if (reportedIdle.size() == REMEMBERED_IDLE_PERIODS) {
                reportedIdle.pollFirst();
            }
            Instant[] span = {since, until};
            reportedIdle.addLast(span);
            return span;
        }
    }

    /** A report as applied: what is known of the PC, and whether the report was its newest (not overtaken). */
    record Applied(Known known, boolean newest) {}

    private final Map<String, Known> known = new HashMap<>();
    /** PCs by their current user, so that a passage finds its passer's PCs without a scan. */
    private final Map<String, Set<Pc>> byUser = new HashMap<>();

    /**
     * Applies a report and returns what is now known of the PC. A report older than the PC's newest (only a late
     * one can be) changes nothing but {@code lastProtected}.
     */
    Applied report(Pc pc, PcStateEvent e) {
        Known k = known.computeIfAbsent(pc.id(), id -> new Known());
        if (!e.state().unlocked() && (k.lastProtected == null || e.ts().isAfter(k.lastProtected))) {
            k.lastProtected = e.ts(); // the latest by ts: a late, older report must not move it back
        }
        if (k.stateTs != null && e.ts().isBefore(k.stateTs)) {
            return new Applied(k, false);
        }
        String user = userOf(pc, e);
        if (k.user != null && !k.user.equals(user)) {
            byUser.getOrDefault(k.user, new HashSet<>()).remove(pc);
        }
        byUser.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(pc);
        k.state = e.state();
        k.user = user;
        k.stateTs = e.ts();
        if (e.state() != PcState.IDLE) {
            k.idleReported = null; // ACTIVE, LOCKED or OFF ends the idle period
        } else if (k.idleReported != null) {
            k.idleReported[1] = e.ts(); // the reported period goes on
        }
        return new Applied(k, true);
    }

    /** Who a report says uses the PC: its {@code user}, else the PC's owner. */
    static String userOf(Pc pc, PcStateEvent e) {
        return e.user() != null ? e.user() : pc.owner();
    }

    /** The PCs whose current user is {@code badge} (only PCs that have reported). */
    public Collection<Pc> usedBy(String badge) {
        return byUser.getOrDefault(badge, Set.of());
    }

    /** The last reported state; a PC that never reported counts as OFF (SPEC §3 PC_LEFT_ON). */
    public PcState stateOf(Pc pc) {
        Known k = known.get(pc.id());
        return k == null ? PcState.OFF : k.state;
    }

    /** Who uses the PC: the last report's {@code user}, else its owner. */
    public String userOf(Pc pc) {
        Known k = known.get(pc.id());
        return k == null || k.user == null ? pc.owner() : k.user;
    }

    /** True when a LOCKED or OFF report stamped at or after {@code since} has been applied. */
    public boolean protectedSince(Pc pc, Instant since) {
        Known k = known.get(pc.id());
        return k != null && k.lastProtected != null && !k.lastProtected.isBefore(since);
    }
}
