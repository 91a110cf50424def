package org.officeguard.gateway.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * for an unknown badge. Keeps every holder's location ({@code outside} until a granted passage).
 */
public final class DoorAccess {

    /** The decision and the violations it reports at once. */
    public record Outcome(Decision decision, List<Violation> violations) {}

    private final SiteConfig site;
    private final Map<String, String> locations = new HashMap<>();

    public DoorAccess(SiteConfig site) {
        this.site = site;
    }

    public String locationOf(String badge) {
        return locations.getOrDefault(badge, SiteConfig.OUTSIDE);
    }

    /**
     * Decides a badge at a door. {@code holder} is the person or the visitor's current pass, or null
     * when the badge is neither.
     */
    public Outcome decide(BadgeEvent event, Door door, Holder holder) {
        String origin = door.origin(event.direction());
        String destination = door.destination(event.direction());
        // egress is free: steps 2–4 deny IN passages only, and a passage to outside is egress whatever its direction
        boolean entering = event.direction() == Direction.IN && !SiteConfig.OUTSIDE.equals(destination);
        String subject = "door:" + door.id();
        List<Violation> violations = new ArrayList<>(1);

        // 1. neither a person nor a registered visitor
        if (holder == null) {
            violations.add(violation(Rule.UNKNOWN_BADGE, event, subject,
                    Map.of("direction", event.direction().name())));
            return deny(event, door, origin, destination, Rule.UNKNOWN_BADGE, violations);
        }
        // 2. a visitor entering outside the pass's validity
        if (entering && holder instanceof VisitorPass pass && !pass.validAt(event.ts())) {
            violations.add(violation(Rule.VISITOR_PASS_INVALID, event, subject, Violation.details(
                    "validFrom", time(pass.validFrom()), "validUntil", time(pass.validUntil()), "host", pass.host())));
            return deny(event, door, origin, destination, Rule.VISITOR_PASS_INVALID, violations);
        }
        // 3. a zone the holder may not enter
        if (entering && !holder.zones().contains(destination)) {
            violations.add(violation(Rule.ZONE_NOT_ALLOWED, event, subject, Violation.details("zone", destination)));
            return deny(event, door, origin, destination, Rule.ZONE_NOT_ALLOWED, violations);
        }
        // 4. anti-passback: the holder is not where this passage starts (reported on any direction)
        String location = locationOf(event.badge());
        if (!location.equals(origin)) {
            violations.add(violation(Rule.ANTI_PASSBACK, event, subject,
                    Violation.details("location", location, "origin", origin,
                            "mode", site.rules().antiPassback().name().toLowerCase())));
            if (site.rules().antiPassback() == AntiPassback.HARD && entering) {
                return deny(event, door, origin, destination, Rule.ANTI_PASSBACK, violations);
            }
        }
        // 5. grant
        locations.put(event.badge(), destination);
        if (SiteConfig.OUTSIDE.equals(origin) && !holder.afterHours()) {
            LocalTime local = event.ts().atZone(site.timezone()).toLocalTime();
            if (!site.businessHours().contains(local)) {
                violations.add(violation(Rule.AFTER_HOURS_ENTRY, event, subject,
                        Violation.details("localTime", local.toString(),
                                "businessHours", site.businessHours().start() + "-" + site.businessHours().end())));
            }
        }
        Decision granted = new Decision(event.eventId(), event.ts(), site.site(), door.id(), event.badge(),
                event.direction(), origin, destination, true, Decision.OK);
        return new Outcome(granted, violations);
    }

    private Outcome deny(BadgeEvent event, Door door, String origin, String destination, Rule rule,
            List<Violation> violations) {
        Decision denied = new Decision(event.eventId(), event.ts(), site.site(), door.id(), event.badge(),
                event.direction(), origin, destination, false, rule.name());
        return new Outcome(denied, violations);
    }

    private Violation violation(Rule rule, BadgeEvent event, String subject, Map<String, Object> details) {
        return Violation.of(site.site(), rule, event.ts(), event.badge(), subject, details, List.of(event.eventId()));
    }

    private String time(Instant instant) {
        return TimeFormat.format(instant, site.timezone());
    }
}
