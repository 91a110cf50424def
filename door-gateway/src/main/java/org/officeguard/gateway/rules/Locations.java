package org.officeguard.gateway.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.officeguard.core.config.Holder;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;

/**
 * Every badge holder's location (SPEC §3: {@code outside} until a granted passage), with since when they are there
 * and who they are: the state of the anti-passback step and of the live occupancy ({@code office/{site}/occupancy}).
 *
 * <p>One writer, the site's engine (its calls are serialised), and any number of readers on other threads: the
 * holders inside are kept in a concurrent map of immutable entries, and {@link #version()} counts the changes. A
 * reader takes the version first and then the {@link #snapshot}; a change made meanwhile may or may not be in it,
 * but it moves the version, so the next snapshot has it. The door's decision never waits for a snapshot.
 */
public final class Locations {

    /**
     * A holder inside: {@code holder} is the person or the visitor's current pass, null for a badge that is neither
     * (let in by a reader); {@code since} is the ts of the passage that put them in {@code zone}.
     */
    public record Occupant(String badge, Holder holder, String zone, Instant since) {}

    private final Map<String, Occupant> inside = new ConcurrentHashMap<>();
    private final Map<String, Integer> zoneOrder = new HashMap<>();
    private final Comparator<Occupant> byZoneThenBadge;
    /** Written by the engine alone (no lost updates), read by any thread. */
    private volatile long version;

    public Locations(SiteConfig site) {
        for (String zone : site.zones()) {
            zoneOrder.put(zone, zoneOrder.size());
        }
        byZoneThenBadge = Comparator.<Occupant>comparingInt(o -> zoneOrder.getOrDefault(o.zone(), Integer.MAX_VALUE))
                .thenComparing(Occupant::badge);
    }

    /** Where {@code badge} is: a zone, or {@code outside}. */
    public String of(String badge) {
        Occupant occupant = inside.get(badge);
        return occupant == null ? SiteConfig.OUTSIDE : occupant.zone();
    }

    /**
     * A granted passage moved {@code badge} (held by {@code holder}, null for an unknown badge) to {@code zone} at
     * {@code ts}. A passage into the zone the holder is already in keeps the earlier {@code since}.
     */
    public void move(String badge, Holder holder, String zone, Instant ts) {
        if (SiteConfig.OUTSIDE.equals(zone)) {
            if (inside.remove(badge) != null) {
                changed();
            }
            return;
        }
        Occupant now = inside.get(badge);
        if (now != null && now.zone().equals(zone) && now.holder() == holder) {
            return;
        }
        Instant since = now != null && now.zone().equals(zone) ? now.since() : ts;
        inside.put(badge, new Occupant(badge, holder, zone, since));
        changed();
    }

    /** A visitor's pass was issued or replaced: a visitor inside is named by their current pass. */
    public void passIssued(VisitorPass pass) {
        Occupant now = inside.get(pass.badge());
        if (now != null && !(now.holder() instanceof Person) && now.holder() != pass) {
            inside.put(pass.badge(), new Occupant(pass.badge(), pass, now.zone(), now.since()));
            changed();
        }
    }

    /** Moves on every change of who is inside, where, since when, or under which name. */
    public long version() {
        return version;
    }

    /** Who is inside, by zone (in the site file's order) then badge; {@code ts} is the event time it is as of. */
    public OccupancySnapshot snapshot(String site, Instant ts) {
        List<Occupant> occupants = new ArrayList<>(inside.values());
        occupants.sort(byZoneThenBadge);
        return new OccupancySnapshot(site, ts, occupants);
    }

    /** Every holder inside, in no order: for a snapshot. */
    List<Occupant> occupants() {
        return new ArrayList<>(inside.values());
    }

    /** Takes {@code occupants} as who is inside, in place of what is known now. */
    void restore(List<Occupant> occupants) {
        inside.clear();
        for (Occupant occupant : occupants) {
            inside.put(occupant.badge(), occupant);
        }
        changed();
    }

    private void changed() {
        version++; // one writer, the engine: no update is lost
    }
}
