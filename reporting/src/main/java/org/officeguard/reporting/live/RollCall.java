package org.officeguard.reporting.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;

/**
 * One site's roll call and lock-up check as of the latest retained state: immutable, and worked out when a state
 * arrives (at most about once a second), so that a request only writes it out. Occupants are grouped by zone, in the
 * order of the site file (zones the file does not name after them), each zone's earliest in first; the PCs weaker than
 * the site's {@code pcAtLockup} are listed by zone and id.
 */
public final class RollCall {

    /** A state and when reporting received it (wall time). */
    public record Received<T>(T state, Instant at) {}

    /** The occupants of one zone, earliest in first. */
    public record ZoneGroup(String zone, List<Occupant> occupants) {}

    private static final Comparator<Occupant> EARLIEST_IN = Comparator
            .comparing(Occupant::since, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Occupant::badge);
    private static final Comparator<PcLine> BY_ZONE_AND_ID = Comparator
            .comparing(PcLine::zone, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(PcLine::pc);

    private final SiteConfig site;
    private final Received<Occupancy> occupancy;
    private final Received<PcStates> pcs;
    private final List<ZoneGroup> zones;
    private final Map<String, Occupant> inside;
    private final List<PcLine> notReady;
    private final Verdict verdict;

    private RollCall(SiteConfig site, Received<Occupancy> occupancy, List<ZoneGroup> zones,
            Map<String, Occupant> inside, Received<PcStates> pcs, List<PcLine> notReady) {
        this.site = site;
        this.occupancy = occupancy;
        this.zones = zones;
        this.inside = inside;
        this.pcs = pcs;
        this.notReady = notReady;
        this.verdict = LockupCheck.check(site.rules().pcAtLockup(), site.pcs().size(),
                occupancy == null ? null : occupancy.state(), pcs == null ? null : pcs.state());
    }

    /** Before any retained state has arrived. */
    public static RollCall none(SiteConfig site) {
        return new RollCall(site, null, List.of(), Map.of(), null, List.of());
    }

    /** This roll call with a new occupancy, received at {@code at}; without one for null. */
    public RollCall withOccupancy(Occupancy latest, Instant at) {
        if (latest == null) {
            return new RollCall(site, null, List.of(), Map.of(), pcs, notReady);
        }
        Map<String, Occupant> byBadge = new HashMap<>(latest.occupants().size() * 4 / 3 + 1);
        for (Occupant occupant : latest.occupants()) {
            byBadge.put(occupant.badge(), occupant);
        }
        return new RollCall(site, new Received<>(latest, at), byZone(latest.occupants()), byBadge, pcs, notReady);
    }

    /** This roll call with new PC states, received at {@code at}; without any for null. */
    public RollCall withPcs(PcStates latest, Instant at) {
        if (latest == null) {
            return new RollCall(site, occupancy, zones, inside, null, List.of());
        }
        List<PcLine> weak = new ArrayList<>(LockupCheck.notReady(site.rules().pcAtLockup(), latest));
        weak.sort(BY_ZONE_AND_ID);
        return new RollCall(site, occupancy, zones, inside, new Received<>(latest, at), List.copyOf(weak));
    }

    private List<ZoneGroup> byZone(List<Occupant> occupants) {
        Map<String, List<Occupant>> grouped = new LinkedHashMap<>();
        for (String zone : site.zones()) {
            grouped.put(zone, new ArrayList<>());
        }
        Map<String, List<Occupant>> others = new TreeMap<>();
        for (Occupant occupant : occupants) {
            List<Occupant> zone = grouped.get(occupant.zone());
            (zone != null ? zone : others.computeIfAbsent(occupant.zone(), z -> new ArrayList<>())).add(occupant);
        }
        grouped.putAll(others);
        List<ZoneGroup> out = new ArrayList<>();
        grouped.forEach((zone, list) -> {
            if (!list.isEmpty()) {
                list.sort(EARLIEST_IN);
                out.add(new ZoneGroup(zone, List.copyOf(list)));
            }
        });
        return List.copyOf(out);
    }

    public SiteConfig site() {
        return site;
    }

    /** The latest occupancy; null before any arrived. */
    public Received<Occupancy> occupancy() {
        return occupancy;
    }

    /** The latest PC states; null before any arrived. */
    public Received<PcStates> pcs() {
        return pcs;
    }

    /** Who is inside, by zone; zones with nobody inside are left out. */
    public List<ZoneGroup> zones() {
        return zones;
    }

    /** How many are inside; 0 before any occupancy arrived. */
    public int inside() {
        return occupancy == null ? 0 : occupancy.state().inside();
    }

    /** The PCs weaker than {@code pcAtLockup}, by zone and id. */
    public List<PcLine> notReady() {
        return notReady;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The holder of this badge if they are inside; else null. */
    public Occupant insideNow(String badge) {
        return badge == null ? null : inside.get(badge);
    }

    /** The name the site file gives this badge's holder, else the name the occupancy gives them; null if neither. */
    public String nameOf(String badge) {
        if (badge == null) {
            return null;
        }
        Person person = site.people().get(badge);
        if (person != null) {
            return person.name();
        }
        Occupant occupant = inside.get(badge);
        return occupant == null ? null : occupant.name();
    }
}
