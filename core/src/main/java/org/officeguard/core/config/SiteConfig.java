package org.officeguard.core.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One site, as SPEC §1 describes it, with the devices that speak their own language (§8; empty when every
 * device speaks §2) and who gets its reports by e-mail (§6). Built only by {@link SiteConfigLoader}, so always valid.
 */
public record SiteConfig(
        String site,
        ZoneId timezone,
        BusinessHours businessHours,
        Rules rules,
        List<String> zones,
        Map<String, Door> doors,
        Map<String, Person> people,
        Map<String, Pc> pcs,
        Map<String, VisitorPass> visitors,
        List<Device> devices,
        ReportSettings report) {

    /** The implicit zone everyone starts in. Always an allowed destination. */
    public static final String OUTSIDE = "outside";

    public SiteConfig {
        zones = List.copyOf(zones);
        doors = Map.copyOf(doors);
        people = Map.copyOf(people);
        pcs = Map.copyOf(pcs);
        visitors = Map.copyOf(visitors);
        devices = List.copyOf(devices);
        report = report == null ? ReportSettings.defaults() : report;
    }

    public Optional<Door> door(String id) {
        return Optional.ofNullable(doors.get(id));
    }

    public Optional<Pc> pc(String id) {
        return Optional.ofNullable(pcs.get(id));
    }

    public Optional<Person> person(String badge) {
        return Optional.ofNullable(people.get(badge));
    }

    public Set<String> zoneSet() {
        return Set.copyOf(zones);
    }
}
