package org.officeguard.core.model;

import java.time.Instant;
import java.util.Set;
import org.officeguard.core.config.SiteConfig;

/** Reception registers (or replaces) a visitor's pass ({@code office/{site}/visitor/register}). */
public record VisitorRegistration(String eventId, Instant ts, String badge, String name, String host,
        Set<String> zones, Instant validFrom, Instant validUntil) {

    /** A pass for a visitor of this site: not an employee's badge, a known host, known zones. */
    public void checkAgainst(SiteConfig site) {
        if (site.people().containsKey(badge)) {
            throw new InvalidInputException("badge '" + badge + "' belongs to an employee, not a visitor");
        }
        if (!site.people().containsKey(host)) {
            throw new InvalidInputException("unknown host '" + host + "' at site " + site.site());
        }
        for (String zone : zones) {
            if (!site.zones().contains(zone)) {
                throw new InvalidInputException("unknown zone '" + zone + "' at site " + site.site());
            }
        }
    }
}
