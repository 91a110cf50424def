package org.officeguard.gateway.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Holder;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.VisitorRegistration;
import org.officeguard.core.time.EventTimeline;
import org.officeguard.core.time.OrderedEngine;
import org.officeguard.core.time.RecentIds;
import org.officeguard.gateway.rules.VisitorWatch.CheckoutDue;
import org.officeguard.gateway.rules.VisitorWatch.Due;
import org.officeguard.gateway.rules.VisitorWatch.EscortDue;

/**
 * The door-gateway of one site: decides badges at arrival ({@link DoorAccess}) and runs the visitor
 * rules on event time ({@link VisitorWatch}). Every call returns what must be published, in order.
 * Calls are serialised: one engine per site, one caller at a time.
 */
public final class DoorGateway extends OrderedEngine<DoorGateway.Ordered, Due> {

    /** What one input produced: the decision (for a badge) and the violations now due. */
    public record Result(Decision decision, List<Violation> violations) {
        public static final Result NOTHING = new Result(null, List.of());
    }

    /** The inputs the visitor rules see in ts order. */
    sealed interface Ordered permits Passage, PassIssued, Lockup {}

    private record Passage(Decision decision, VisitorPass pass) implements Ordered {}

    private record PassIssued(VisitorPass pass) implements Ordered {}

    private record Lockup(LastExitEvent event) implements Ordered {}

    /** Event ids remembered as handled: a redelivered or republished event is recognised by its id (SPEC §2). */
    private static final int REMEMBERED_EVENTS = 100_000;
    /**
     * Decisions remembered to answer a redelivered badge again with its first decision: the last ones, which is what
     * a broker or a reader redelivers (what was in flight when a connection or the service broke). An older
     * redelivery is recognised by its id and answered with nothing: its door had its answer long ago. Ten times
     * fewer than the ids, so that a snapshot of them restores fast.
     */
    private static final int REMEMBERED_DECISIONS = 10_000;

    private final SiteConfig site;
    private final DoorAccess access;
    private final VisitorWatch visitors;
    private final Map<String, VisitorPass> passes = new HashMap<>();
    private final RecentIds<Decision> decided = new RecentIds<>(REMEMBERED_DECISIONS);
    private final RecentIds<Void> decidedIds = new RecentIds<>(REMEMBERED_EVENTS);
    private final RecentIds<Void> applied = new RecentIds<>(REMEMBERED_EVENTS);

    public DoorGateway(SiteConfig site) {
        super(site.rules().reorder());
        this.site = site;
        this.access = new DoorAccess(site);
        this.visitors = new VisitorWatch(site, timeline::schedule);
        for (VisitorPass pass : site.visitors().values()) {
            passes.put(pass.badge(), pass);
            visitors.passIssued(pass);
        }
    }

    public SiteConfig site() {
        return site;
    }

    /**
     * Every holder's location, since when and as whom: the live occupancy. Read from any thread, without the
     * engine's lock ({@link Locations} says how), with {@link #watermark()} as the event time it is as of.
     */
    public Locations locations() {
        return access.locations();
    }

    /**
     * A badge at a door: decided now; a redelivered event gets its first decision again and nothing else, or, past the
     * last {@value #REMEMBERED_DECISIONS} decisions, nothing at all ({@link Result#NOTHING}).
     */
    public Result onBadge(BadgeEvent event) {
        Door door = site.door(event.door())
                .orElseThrow(() -> new InvalidInputException(
                        "unknown door '" + event.door() + "' at site " + site.site()));
        Decision earlier = decided.get(event.eventId());
        if (earlier != null) {
            return new Result(earlier, List.of());
        }
        if (decidedIds.contains(event.eventId())) {
            return Result.NOTHING;
        }
        Holder holder = site.people().containsKey(event.badge())
                ? site.people().get(event.badge())
                : passes.get(event.badge());
        DoorAccess.Outcome outcome = access.decide(event, door, holder);
        Decision decision = outcome.decision();
        decided.remember(event.eventId(), decision);
        decidedIds.remember(event.eventId());
        report(outcome.violations());
        // the visitor rules follow the decision's verdict: the reader's, for an observed passage
        if (decision.granted()) {
            timeline.submit(event.ts(), new Passage(decision, holder instanceof VisitorPass pass ? pass : null));
        } else {
            timeline.advance(event.ts());
        }
        return new Result(decision, drain());
    }

    /** Reception registers or replaces a visitor's pass; it counts for decisions at once. */
    public Result onRegistration(VisitorRegistration registration) {
        if (applied.contains(registration.eventId())) {
            return Result.NOTHING;
        }
        registration.checkAgainst(site);
        applied.remember(registration.eventId());
        VisitorPass pass = new VisitorPass(registration.eventId(), registration.badge(), registration.name(),
                registration.host(), registration.zones(), registration.validFrom(), registration.validUntil());
        passes.put(pass.badge(), pass);
        access.locations().passIssued(pass);
        timeline.submit(registration.ts(), new PassIssued(pass));
        return new Result(null, drain());
    }

    public Result onLastExit(LastExitEvent event) {
        if (applied.contains(event.eventId())) {
            return Result.NOTHING;
        }
        applied.remember(event.eventId());
        if (event.action() == LastExitAction.LOCKUP) {
            timeline.submit(event.ts(), new Lockup(event));
        } else {
            timeline.advance(event.ts());
        }
        return new Result(null, drain());
    }

    /** A clock tick (event mode) or the service's own second (wall mode). */
    public Result onClock(Instant ts) {
        timeline.advance(ts);
        return new Result(null, drain());
    }

    @Override
    protected void apply(Ordered event) {
        if (event instanceof Passage passage) {
            visitors.passage(passage.decision(), passage.pass());
        } else if (event instanceof PassIssued issued) {
            visitors.passIssued(issued.pass());
        } else if (event instanceof Lockup lockup) {
            report(visitors.lockup(lockup.event()));
        }
    }

    @Override
    protected void fire(Due deadline, Instant at) {
        if (deadline instanceof EscortDue escort) {
            visitors.escortDue(escort).ifPresent(this::report);
        } else if (deadline instanceof CheckoutDue checkout) {
            visitors.checkoutDue(checkout, at).ifPresent(this::report);
        }
    }

    /**
     * The engine's whole rule state, for a snapshot; null when an input is held in the reorder buffer (no snapshot
     * point: the next quiet moment is). Called under the engine's lock, as every other call.
     */
    public GatewayState exportState() {
        if (timeline.bufferedEvents() > 0) {
            return null;
        }
        EventTimeline.State<Due> time = timeline.exportState();
        Map<String, VisitorPass> pool = new TreeMap<>();
        Map<String, String> current = new TreeMap<>();
        passes.forEach((badge, pass) -> current.put(badge, remember(pool, pass)));
        Map<String, String> watched = new TreeMap<>();
        visitors.passes().forEach((badge, pass) -> watched.put(badge, remember(pool, pass)));
        List<GatewayState.Occupant> inside = new ArrayList<>();
        for (Locations.Occupant occupant : access.locations().occupants()) {
            inside.add(new GatewayState.Occupant(occupant.badge(), occupant.holder() instanceof Person,
                    occupant.holder() instanceof VisitorPass pass ? remember(pool, pass) : null, occupant.zone(),
                    occupant.since()));
        }
        List<GatewayState.EscortCheck> escorts = new ArrayList<>();
        List<GatewayState.CheckoutCheck> checkouts = new ArrayList<>();
        for (EventTimeline.Pending<Due> pending : time.deadlines()) {
            if (pending.deadline() instanceof EscortDue escort) {
                escorts.add(new GatewayState.EscortCheck(pending.at(), pending.seq(), escort.passage(), escort.host()));
            } else if (pending.deadline() instanceof CheckoutDue checkout) {
                checkouts.add(new GatewayState.CheckoutCheck(pending.at(), pending.seq(),
                        remember(pool, checkout.pass())));
            }
        }
        return new GatewayState(time.watermark(), time.seq(), time.late(), List.copyOf(pool.values()), current,
                decided.values(), decidedIds.fingerprints(), applied.fingerprints(), inside, watched,
                new TreeSet<>(visitors.reportedPasses()), new TreeMap<>(visitors.locations()),
                visitors.recentPassages(), escorts, checkouts);
    }

    /** Takes {@code state} (from {@link #exportState}) in place of this engine's state. */
    public void restore(GatewayState state) {
        Map<String, VisitorPass> pool = new HashMap<>();
        for (VisitorPass pass : state.passes()) {
            pool.put(pass.passId(), pass);
        }
        passes.clear();
        state.currentPasses().forEach((badge, passId) -> passes.put(badge, pass(pool, passId)));
        Map<String, VisitorPass> watched = new HashMap<>();
        state.watchedPasses().forEach((badge, passId) -> watched.put(badge, pass(pool, passId)));
        visitors.restore(watched, state.reportedPasses(), state.visitorLocations(), state.recentPassages());
        Map<String, Decision> decisions = new LinkedHashMap<>();
        for (Decision decision : state.decided()) {
            decisions.put(decision.eventId(), decision);
        }
        decided.restore(decisions);
        decidedIds.restore(state.decidedIds());
        applied.restore(state.applied());
        List<Locations.Occupant> inside = new ArrayList<>();
        for (GatewayState.Occupant occupant : state.inside()) {
            Holder holder = occupant.person() ? site.people().get(occupant.badge())
                    : occupant.passId() == null ? null : pass(pool, occupant.passId());
            inside.add(new Locations.Occupant(occupant.badge(), holder, occupant.zone(), occupant.since()));
        }
        access.locations().restore(inside);
        List<EventTimeline.Pending<Due>> deadlines = new ArrayList<>();
        for (GatewayState.EscortCheck check : state.escortChecks()) {
            deadlines.add(new EventTimeline.Pending<>(check.at(), check.seq(), new EscortDue(check.passage(), check.host())));
        }
        for (GatewayState.CheckoutCheck check : state.checkoutChecks()) {
            deadlines.add(new EventTimeline.Pending<>(check.at(), check.seq(), new CheckoutDue(pass(pool, check.passId()))));
        }
        timeline.restore(new EventTimeline.State<>(state.watermark(), state.seq(), state.late(), deadlines));
    }

    private static String remember(Map<String, VisitorPass> pool, VisitorPass pass) {
        pool.putIfAbsent(pass.passId(), pass);
        return pass.passId();
    }

    private static VisitorPass pass(Map<String, VisitorPass> pool, String passId) {
        VisitorPass pass = pool.get(passId);
        if (pass == null) {
            throw new IllegalArgumentException("the snapshot names a pass it does not hold: " + passId);
        }
        return pass;
    }
}
