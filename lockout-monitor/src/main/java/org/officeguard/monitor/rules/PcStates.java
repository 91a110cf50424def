package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.officeguard.core.config.Pc;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;

/**
 * The last known state of every PC of a site, in {@code ts} order. A late report older than the PC's latest (an
 * agent's message overtaken by a newer one) does not move its state or user back: the PC is as its newest report
 * says.
 *
 * <p>What the live state shows of each PC (its state, user, and since when it is in that state) is also kept in a
 * concurrent map of immutable entries, with a {@link #version()} that moves when it changes: one writer, the site's
 * engine, and any number of readers on other threads ({@link #snapshot}), which never hold up an input.
 */
public final class PcStates {

    /** A PC as the live state shows it: {@code since} is the ts of the report that set {@code state}. */
    record Shown(PcState state, String user, Instant since) {}

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
            for (Instant[] period : reportedIdle) {
                if (!since.isAfter(period[1]) && !until.isBefore(period[0])) {
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

    private final Map<String, Known> byPc = new HashMap<>();
    /** PCs by their current user, so that a passage finds its passer's PCs without a scan. */
    private final Map<String, Set<Pc>> byUser = new HashMap<>();
    private final Map<String, Shown> shown = new ConcurrentHashMap<>();
    /** Written by the engine alone (no lost updates), read by any thread. */
    private volatile long version;

    /**
     * Applies a report and returns what is now known of the PC. A report older than the PC's newest (only a late
     * one can be) changes nothing but {@code lastProtected}.
     */
    Applied report(Pc pc, PcStateEvent event) {
        Known known = byPc.computeIfAbsent(pc.id(), id -> new Known());
        if (!event.state().unlocked() && (known.lastProtected == null || event.ts().isAfter(known.lastProtected))) {
            known.lastProtected = event.ts(); // the latest by ts: a late, older report must not move it back
        }
        if (known.stateTs != null && event.ts().isBefore(known.stateTs)) {
            return new Applied(known, false);
        }
        String user = userOf(pc, event);
        if (known.user != null && !known.user.equals(user)) {
            byUser.getOrDefault(known.user, new HashSet<>()).remove(pc);
        }
        byUser.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(pc);
        known.state = event.state();
        known.user = user;
        known.stateTs = event.ts();
        if (event.state() != PcState.IDLE) {
            known.idleReported = null; // ACTIVE, LOCKED or OFF ends the idle period
        } else if (known.idleReported != null) {
            known.idleReported[1] = event.ts(); // the reported period goes on
        }
        show(pc, known);
        return new Applied(known, true);
    }

    /** The live state of the PC after its newest report; a state repeated (an IDLE again) keeps its since. */
    private void show(Pc pc, Known known) {
        Shown before = shown.get(pc.id());
        Instant since = before != null && before.state() == known.state ? before.since() : known.stateTs;
        Shown now = new Shown(known.state, known.user, since);
        if (!now.equals(before)) {
            shown.put(pc.id(), now);
            version++; // one writer, the engine: no update is lost
        }
    }

    /** Moves on every change of a PC's state, user or since. */
    public long version() {
        return version;
    }

    /**
     * Every PC in {@code pcs} (the site file's, in the order to show them) with its last state, user and since; a
     * PC that never reported is OFF (SPEC §3), used by its owner, since null. Safe from any thread.
     */
    public PcsSnapshot snapshot(String site, List<Pc> pcs, Instant ts) {
        List<PcsSnapshot.Entry> entries = new ArrayList<>(pcs.size());
        for (Pc pc : pcs) {
            Shown last = shown.get(pc.id());
            entries.add(last == null
                    ? new PcsSnapshot.Entry(pc.id(), pc.zone(), pc.owner(), PcState.OFF, null)
                    : new PcsSnapshot.Entry(pc.id(), pc.zone(), last.user(), last.state(), last.since()));
        }
        return new PcsSnapshot(site, ts, entries);
    }

    /** Who a report says uses the PC: its {@code user}, else the PC's owner. */
    static String userOf(Pc pc, PcStateEvent event) {
        return event.user() != null ? event.user() : pc.owner();
    }

    /** The PCs whose current user is {@code badge} (only PCs that have reported). */
    public Collection<Pc> usedBy(String badge) {
        return byUser.getOrDefault(badge, Set.of());
    }

    /** The last reported state; a PC that never reported counts as OFF (SPEC §3 PC_LEFT_ON). */
    public PcState stateOf(Pc pc) {
        Known known = byPc.get(pc.id());
        return known == null ? PcState.OFF : known.state;
    }

    /** Who uses the PC: the last report's {@code user}, else its owner. */
    public String userOf(Pc pc) {
        Known known = byPc.get(pc.id());
        return known == null || known.user == null ? pc.owner() : known.user;
    }

    /** True when a LOCKED or OFF report stamped at or after {@code since} has been applied. */
    public boolean protectedSince(Pc pc, Instant since) {
        Known known = byPc.get(pc.id());
        return known != null && known.lastProtected != null && !known.lastProtected.isBefore(since);
    }

    /** What is known of every PC that has reported, for a snapshot. */
    List<MonitorState.KnownPc> exportState() {
        List<MonitorState.KnownPc> out = new ArrayList<>();
        new TreeMap<>(byPc).forEach((id, known) -> {
            List<List<Instant>> periods = new ArrayList<>();
            int current = -1;
            for (Instant[] period : known.reportedIdle) {
                if (period == known.idleReported) {
                    current = periods.size();
                }
                periods.add(List.of(period[0], period[1]));
            }
            List<Instant> alone = known.idleReported != null && current < 0 ? List.of(known.idleReported) : null;
            Shown last = shown.get(id);
            out.add(new MonitorState.KnownPc(id, known.state, known.user, known.stateTs, known.lastProtected, periods,
                    current, alone, last == null ? null : last.state(), last == null ? null : last.user(),
                    last == null ? null : last.since()));
        });
        return out;
    }

    /** The PCs' users, each with their PCs in the order they came to use them, for a snapshot. */
    Map<String, List<String>> exportUsers() {
        Map<String, List<String>> out = new TreeMap<>();
        byUser.forEach((user, used) -> out.put(user, used.stream().map(Pc::id).toList()));
        return out;
    }

    /** Takes a snapshot's PCs in place of what is known now; {@code site} finds each PC by id. */
    void restore(List<MonitorState.KnownPc> states, Map<String, List<String>> users, Function<String, Pc> site) {
        byPc.clear();
        byUser.clear();
        shown.clear();
        for (MonitorState.KnownPc state : states) {
            Known known = new Known();
            known.state = state.state();
            known.user = state.user();
            known.stateTs = state.stateTs();
            known.lastProtected = state.lastProtected();
            for (List<Instant> period : state.reportedIdle()) {
                Instant[] span = {period.get(0), period.get(1)};
                known.reportedIdle.addLast(span);
                if (known.reportedIdle.size() - 1 == state.idleReported()) {
                    known.idleReported = span;
                }
            }
            if (state.idleReportedAlone() != null) {
                known.idleReported = new Instant[] {state.idleReportedAlone().get(0), state.idleReportedAlone().get(1)};
            }
            byPc.put(state.id(), known);
            if (state.shownState() != null) {
                shown.put(state.id(), new Shown(state.shownState(), state.shownUser(), state.shownSince()));
            }
        }
        users.forEach((user, pcs) -> {
            Set<Pc> used = new LinkedHashSet<>();
            pcs.forEach(id -> used.add(site.apply(id)));
            byUser.put(user, used);
        });
        version++;
    }
}
