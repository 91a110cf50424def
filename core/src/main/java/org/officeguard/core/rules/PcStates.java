package org.officeguard.core.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import org.officeguard.core.config.Pc;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;

/** The last known state of every PC of a site, in {@code ts} order. */
public final class PcStates {

    /** What is known of one PC. {@code lastProtected} is the ts of its latest LOCKED or OFF report. */
    static final class Known {
        PcState state;
        String user;
        Instant lastProtected;
        boolean idleReported;
    }

    private final Map<String, Known> known = new HashMap<>();
    /** PCs by their current user, so that a passage finds its passer's PCs without a scan. */
    private final Map<String, Set<Pc>> byUser = new HashMap<>();

    /** Applies a report and returns what is now known of the PC. */
    Known report(Pc pc, PcStateEvent e) {
        Known k = known.computeIfAbsent(pc.id(), id -> new Known());
        String user = e.user() != null ? e.user() : pc.owner();
        if (k.user != null && !k.user.equals(user)) {
            byUser.getOrDefault(k.user, new HashSet<>()).remove(pc);
        }
        byUser.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(pc);
        k.state = e.state();
        k.user = user;
        if (!e.state().unlocked() && (k.lastProtected == null || e.ts().isAfter(k.lastProtected))) {
            k.lastProtected = e.ts(); // the latest by ts: a late, older report must not move it back
        }
        if (e.state() != PcState.IDLE) {
            k.idleReported = false; // ACTIVE, LOCKED or OFF ends the idle period
        }
        return k;
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
