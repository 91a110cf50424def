package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.Violation;
import org.officeguard.core.time.EventTimeline;
import org.officeguard.core.time.OrderedEngine;
import org.officeguard.core.time.RecentIds;
import org.officeguard.monitor.rules.LastExitWatch.EmptyDue;
import org.officeguard.monitor.rules.ScreenLockWatch.LeaveDue;

/**
 * The lockout-monitor of one site: door decisions, PC reports and last-exit events, all evaluated in
 * {@code ts} order through the reorder buffer; deadlines fired by the watermark. Every call returns the
 * violations now due. Calls are serialised: one engine per site, one caller at a time.
 */
public final class LockoutMonitor extends OrderedEngine<LockoutMonitor.Ordered, Object> {

    sealed interface Ordered permits Passage, PcReport, Panel {}

    private record Passage(Decision decision) implements Ordered {}

    private record PcReport(Pc pc, PcStateEvent event) implements Ordered {}

    private record Panel(LastExitEvent event) implements Ordered {}

    private static final int REMEMBERED_EVENTS = 100_000;

    private final SiteConfig site;
    private final Occupancy occupancy = new Occupancy();
    private final PcStates pcs = new PcStates();
    /** The site file's PCs as the live state lists them: by zone (in the site file's order), then id. */
    private final List<Pc> pcsInOrder;
    private final ScreenLockWatch screenLock;
    private final LastExitWatch lastExit;
    private final RecentIds<Void> seen = new RecentIds<>(REMEMBERED_EVENTS);

    public LockoutMonitor(SiteConfig site) {
        super(site.rules().reorder());
        this.site = site;
        this.pcsInOrder = site.pcs().values().stream()
                .sorted(Comparator.<Pc>comparingInt(pc -> site.zones().indexOf(pc.zone())).thenComparing(Pc::id))
                .toList();
        this.screenLock = new ScreenLockWatch(site, pcs, timeline::schedule);
        this.lastExit = new LastExitWatch(site, occupancy, pcs, timeline::schedule);
    }

    public SiteConfig site() {
        return site;
    }

    /** A door decision from the gateway; only granted passages move people. */
    public List<Violation> onDecision(Decision decision) {
        if (!site.site().equals(decision.site())) {
            throw new InvalidInputException(
                    "decision names site '" + decision.site() + "' but came on site " + site.site());
        }
        if (site.door(decision.door()).isEmpty()) {
            throw new InvalidInputException("unknown door '" + decision.door() + "' at site " + site.site());
        }
        if (!firstTime("decision:" + decision.eventId())) {
            return List.of();
        }
        if (decision.granted()) {
            timeline.submit(decision.ts(), new Passage(decision));
        } else {
            timeline.advance(decision.ts());
        }
        return drain();
    }

    public List<Violation> onPcState(PcStateEvent event) {
        Pc pc = site.pc(event.pc())
                .orElseThrow(() -> new InvalidInputException("unknown PC '" + event.pc() + "' at site " + site.site()));
        if (!firstTime("pc:" + event.eventId())) {
            return List.of();
        }
        timeline.submit(event.ts(), new PcReport(pc, event));
        return drain();
    }

    public List<Violation> onLastExit(LastExitEvent event) {
        if (!firstTime("panel:" + event.eventId())) {
            return List.of();
        }
        timeline.submit(event.ts(), new Panel(event));
        return drain();
    }

    public List<Violation> onClock(Instant ts) {
        timeline.advance(ts);
        return drain();
    }

    public int occupancy() {
        return occupancy.count();
    }

    public boolean lockedUp() {
        return occupancy.lockedUp();
    }

    /** Moves on every change of a PC's state, user or since: the live state's cue to publish. Any thread. */
    public long pcsVersion() {
        return pcs.version();
    }

    /**
     * Every PC's last state, as of the watermark. Read from any thread, without the engine's lock, so that no input
     * waits for it ({@link PcStates} says how).
     */
    public PcsSnapshot pcs() {
        return pcs.snapshot(site.site(), pcsInOrder, watermark());
    }

    private boolean firstTime(String key) {
        if (seen.contains(key)) {
            return false;
        }
        seen.remember(key);
        return true;
    }

    @Override
    protected void apply(Ordered event) {
        if (event instanceof Passage passage) {
            boolean emptied = occupancy.passage(passage.decision());
            screenLock.passage(passage.decision());
            lastExit.passage(passage.decision(), emptied);
        } else if (event instanceof PcReport pcReport) {
            screenLock.report(pcReport.pc(), pcReport.event()).ifPresent(this::report);
        } else if (event instanceof Panel panel) {
            report(lastExit.lastExit(panel.event()));
        }
    }

    @Override
    protected void fire(Object deadline, Instant at) {
        if (deadline instanceof LeaveDue leave) {
            screenLock.leaveDue(leave).ifPresent(this::report);
        } else if (deadline instanceof EmptyDue empty) {
            report(lastExit.emptyDue(empty, at));
        }
    }


    /**
     * The engine's whole rule state, for a snapshot; null when an input is held in the reorder buffer (no snapshot
     * point: the next quiet moment is). Called under the engine's lock, as every other call.
     */
    public MonitorState exportState() {
        if (timeline.bufferedEvents() > 0) {
            return null;
        }
        EventTimeline.State<Object> time = timeline.exportState();
        List<MonitorState.LeaveCheck> leaves = new ArrayList<>();
        List<MonitorState.EmptyCheck> empties = new ArrayList<>();
        for (EventTimeline.Pending<Object> pending : time.deadlines()) {
            if (pending.deadline() instanceof LeaveDue leave) {
                leaves.add(new MonitorState.LeaveCheck(pending.at(), pending.seq(), leave.pc().id(), leave.user(),
                        leave.passage()));
            } else if (pending.deadline() instanceof EmptyDue empty) {
                empties.add(new MonitorState.EmptyCheck(pending.at(), pending.seq(), empty.lastPassage()));
            }
        }
        return new MonitorState(time.watermark(), time.seq(), time.late(), seen.fingerprints(),
                occupancy.inside(), occupancy.count(), occupancy.lockedUp(), lastExit.emptiedBy(), pcs.exportState(),
                pcs.exportUsers(), leaves, empties);
    }

    /** Takes {@code state} (from {@link #exportState}) in place of this engine's state. */
    public void restore(MonitorState state) {
        seen.restore(state.seen());
        occupancy.restore(state.inside(), state.occupied(), state.lockedUp());
        lastExit.restore(state.emptiedBy());
        pcs.restore(state.pcs(), state.pcsByUser(), this::pc);
        List<EventTimeline.Pending<Object>> deadlines = new ArrayList<>();
        for (MonitorState.LeaveCheck check : state.leaveChecks()) {
            deadlines.add(new EventTimeline.Pending<>(check.at(), check.seq(),
                    new LeaveDue(pc(check.pc()), check.user(), check.passage())));
        }
        for (MonitorState.EmptyCheck check : state.emptyChecks()) {
            // the rules tell the passage that emptied the site by identity: the pending check gets that very one
            Decision last = check.lastPassage().equals(state.emptiedBy()) ? state.emptiedBy() : check.lastPassage();
            deadlines.add(new EventTimeline.Pending<>(check.at(), check.seq(), new EmptyDue(last)));
        }
        timeline.restore(new EventTimeline.State<>(state.watermark(), state.seq(), state.late(), deadlines));
    }

    private Pc pc(String id) {
        return site.pc(id).orElseThrow(() -> new IllegalArgumentException(
                "the snapshot names PC '" + id + "', which the site file of " + site.site() + " does not list"));
    }
}
