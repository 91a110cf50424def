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
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * The door decision of SPEC §3, made at arrival: steps 1–5 in order, plus the after-hours check on a
 * granted entry from outside. Keeps every holder's location ({@code outside} until a granted passage).
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
    public Outcome decide(BadgeEvent e, Door door, Holder holder) {
        String origin = door.origin(e.direction());
        String destination = door.destination(e.direction());
        boolean leaving = SiteConfig.OUTSIDE.equals(destination);
        String subject = "door:" + door.id();
        List<Violation> violations = new ArrayList<>(1);

        // 1. neither a person nor a registered visitor
        if (holder == null) {
            violations.add(violation(Rule.UNKNOWN_BADGE, e, subject, Map.of("direction", e.direction().name())));
            return deny(e, door, origin, destination, Rule.UNKNOWN_BADGE, violations);
        }
        // 2. a visitor outside the pass's validity (exits are never refused)
        if (!leaving && holder instanceof VisitorPass pass && !pass.validAt(e.ts())) {
            violations.add(violation(Rule.VISITOR_PASS_INVALID, e, subject, Violation.details(
                    "validFrom", time(pass.validFrom()), "validUntil", time(pass.validUntil()), "host", pass.host())));
            return deny(e, door, origin, destination, Rule.VISITOR_PASS_INVALID, violations);
        }
        // 3. a zone the holder may not enter
        if (!leaving && !holder.zones().contains(destination)) {
            violations.add(violation(Rule.ZONE_NOT_ALLOWED, e, subject, Violation.details("zone", destination)));
            return deny(e, door, origin, destination, Rule.ZONE_NOT_ALLOWED, violations);
        }
        // 4. anti-passback: the holder is not where this passage starts
        String location = locationOf(e.badge());
        if (!location.equals(origin)) {
            violations.add(violation(Rule.ANTI_PASSBACK, e, subject,
                    Violation.details("location", location, "origin", origin, "mode", site.rules().antiPassback().name().toLowerCase())));
            if (site.rules().antiPassback() == AntiPassback.HARD && !leaving) {
                return deny(e, door, origin, destination, Rule.ANTI_PASSBACK, violations);
            }
        }
        // 5. grant
        locations.put(e.badge(), destination);
        if (SiteConfig.OUTSIDE.equals(origin) && !holder.afterHours()) {
            LocalTime local = e.ts().atZone(site.timezone()).toLocalTime();
            if (!site.businessHours().contains(local)) {
                violations.add(violation(Rule.AFTER_HOURS_ENTRY, e, subject, Violation.details("localTime", local.toString(),
                        "businessHours", site.businessHours().start() + "-" + site.businessHours().end())));
            }
        }
        Decision granted = new Decision(e.eventId(), e.ts(), site.site(), door.id(), e.badge(), e.direction(),
                origin, destination, true, Decision.OK);
        return new Outcome(granted, violations);
    }

    private Outcome deny(BadgeEvent e, Door door, String origin, String destination, Rule rule,
            List<Violation> violations) {
        Decision d = new Decision(e.eventId(), e.ts(), site.site(), door.id(), e.badge(), e.direction(),
                origin, destination, false, rule.name());
        return new Outcome(d, violations);
    }

    private Violation violation(Rule rule, BadgeEvent e, String subject, Map<String, Object> details) {
        return Violation.of(site.site(), rule, e.ts(), e.badge(), subject, details, List.of(e.eventId()));
    }

    private String time(Instant t) {
        return org.officeguard.core.model.TimeFormat.format(t, site.timezone());
    }
}
