package org.officeguard.gateway.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.officeguard.core.config.AntiPassback;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Holder;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * The door decision of SPEC §3, made at arrival: steps 1–5 in order, plus the after-hours check on a
 * granted entry from outside. Egress is free: an OUT passage, or any passage to {@code outside}, is refused only
 * for an unknown badge. Keeps every holder's location ({@code outside} until a granted passage) in {@link Locations},
 * which also says since when and as whom they are there (the live occupancy).
 *
 * <p>An observed passage (the reader decided by itself, {@link BadgeEvent#observed()}) goes through steps 1–4 all
 * the same: they give officeguard's own reason and report their violations as usual, but the reader's verdict
 * is the decision, and the location, the after-hours check and everything downstream follow it. A violation of
 * the step that refuses a passage the reader let through anyway carries {@code details.grantedByDevice: true}.
 */
public final class DoorAccess {

    /** The decision and the violations it reports at once. */
    public record Outcome(Decision decision, List<Violation> violations) {}

    /** The detail that marks a violation of a passage officeguard refuses and the reader let through (SPEC §3). */
    public static final String GRANTED_BY_DEVICE = "grantedByDevice";

    private final SiteConfig site;
    private final Locations locations;

    public DoorAccess(SiteConfig site) {
        this.site = site;
        this.locations = new Locations(site);
    }

    public String locationOf(String badge) {
        return locations.of(badge);
    }

    /** Every holder's location: who is inside, where and since when. */
    public Locations locations() {
        return locations;
    }

    /**
     * Decides a badge at a door. {@code holder} is the person or the visitor's current pass, or null
     * when the badge is neither.
     */
    public Outcome decide(BadgeEvent event, Door door, Holder holder) {
        String origin = door.origin(event.direction());
        String destination = door.destination(event.direction());
        List<Violation> violations = new ArrayList<>(1);
        Rule refusal = refusal(event, door, holder, violations);
        // an observed passage is decided by its reader; officeguard's refusal stays the reason
        boolean granted = event.observed() ? event.granted() : refusal == null;
        if (granted) {
            // 5. grant: the holder moves; an unknown badge the reader let in has no afterHours either
            locations.move(event.badge(), holder, destination, event.ts());
            if (SiteConfig.OUTSIDE.equals(origin) && (holder == null || !holder.afterHours())) {
                afterHours(event, door).ifPresent(violations::add);
            }
        }
        Decision decision = new Decision(event.eventId(), event.ts(), site.site(), door.id(), event.badge(),
                event.direction(), origin, destination, granted, refusal == null ? Decision.OK : refusal.name(),
                event.observed());
        return new Outcome(decision, violations);
    }

    /**
     * Steps 1–4: the rule that refuses the passage, or null when officeguard grants it; the violations they
     * report are added to {@code violations}.
     */
    private Rule refusal(BadgeEvent event, Door door, Holder holder, List<Violation> violations) {
        String origin = door.origin(event.direction());
        String destination = door.destination(event.direction());
        // egress is free: steps 2–4 deny IN passages only, and a passage to outside is egress whatever its direction
        boolean entering = event.direction() == Direction.IN && !SiteConfig.OUTSIDE.equals(destination);
        String subject = "door:" + door.id();

        // 1. neither a person nor a registered visitor
        if (holder == null) {
            return refuse(Rule.UNKNOWN_BADGE, event, subject, Violation.details("direction", event.direction().name()),
                    violations);
        }
        // 2. a visitor entering outside the pass's validity
        if (entering && holder instanceof VisitorPass pass && !pass.validAt(event.ts())) {
            return refuse(Rule.VISITOR_PASS_INVALID, event, subject, Violation.details("validFrom",
                    time(pass.validFrom()), "validUntil", time(pass.validUntil()), "host", pass.host()), violations);
        }
        // 3. a zone the holder may not enter
        if (entering && !holder.zones().contains(destination)) {
            return refuse(Rule.ZONE_NOT_ALLOWED, event, subject, Violation.details("zone", destination), violations);
        }
        // 4. anti-passback: the holder is not where this passage starts (reported on any direction)
        String location = locationOf(event.badge());
        if (!location.equals(origin)) {
            Map<String, Object> details = Violation.details("location", location, "origin", origin,
                    "mode", site.rules().antiPassback().name().toLowerCase());
            if (site.rules().antiPassback() == AntiPassback.HARD && entering) {
                return refuse(Rule.ANTI_PASSBACK, event, subject, details, violations);
            }
            violations.add(violation(Rule.ANTI_PASSBACK, event, subject, details));
        }
        return null;
    }

    /** A step that refuses the passage reports its violation, marked when the reader let the holder through. */
    private Rule refuse(Rule rule, BadgeEvent event, String subject, Map<String, Object> details,
            List<Violation> violations) {
        if (event.observed() && event.granted()) {
            details.put(GRANTED_BY_DEVICE, true);
        }
        violations.add(violation(rule, event, subject, details));
        return rule;
    }

    /** AFTER_HOURS_ENTRY for a granted entry from outside by a holder without afterHours. */
    private Optional<Violation> afterHours(BadgeEvent event, Door door) {
        LocalTime local = event.ts().atZone(site.timezone()).toLocalTime();
        if (site.businessHours().contains(local)) {
            return Optional.empty();
        }
        return Optional.of(violation(Rule.AFTER_HOURS_ENTRY, event, "door:" + door.id(),
                Violation.details("localTime", local.toString(),
                        "businessHours", site.businessHours().start() + "-" + site.businessHours().end())));
    }

    private Violation violation(Rule rule, BadgeEvent event, String subject, Map<String, Object> details) {
        return Violation.of(site.site(), rule, event.ts(), event.badge(), subject, details, List.of(event.eventId()));
    }

    private String time(Instant instant) {
        return TimeFormat.format(instant, site.timezone());
    }
}
