package org.officeguard.gateway.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Holder;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.VisitorRegistration;
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

    private static final int REMEMBERED_EVENTS = 100_000;

    private final SiteConfig site;
    private final DoorAccess access;
    private final VisitorWatch visitors;
    private final Map<String, VisitorPass> passes = new HashMap<>();
    private final RecentIds<Decision> decided = new RecentIds<>(REMEMBERED_EVENTS);
    private final RecentIds<Boolean> applied = new RecentIds<>(REMEMBERED_EVENTS);

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

    /** A badge at a door: decided now; a redelivered event gets its first decision again and nothing else. */
    public Result onBadge(BadgeEvent event) {
        Door door = site.door(event.door())
                .orElseThrow(() -> new InvalidInputException(
                        "unknown door '" + event.door() + "' at site " + site.site()));
        Decision earlier = decided.get(event.eventId());
        if (earlier != null) {
            return new Result(earlier, List.of());
        }
        Holder holder = site.people().containsKey(event.badge())
                ? site.people().get(event.badge())
                : passes.get(event.badge());
        DoorAccess.Outcome outcome = access.decide(event, door, holder);
        Decision decision = outcome.decision();
        decided.remember(event.eventId(), decision);
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
        applied.remember(registration.eventId(), Boolean.TRUE);
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
        applied.remember(event.eventId(), Boolean.TRUE);
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

}
