package org.officeguard.monitor.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;

/**
 * Who is where, from granted passages in {@code ts} order, and whether the site is locked up: from a
 * LOCKUP until the next UNLOCK or the next granted passage with origin {@code outside}.
 */
public final class Occupancy {

    private final Map<String, String> locations = new HashMap<>();
    private int occupied;
    private boolean lockedUp;

    /** Applies a granted passage; returns true when it emptied the site. */
    public boolean passage(Decision decision) {
        if (SiteConfig.OUTSIDE.equals(decision.origin())) {
            lockedUp = false;
        }
        boolean wasInside = !SiteConfig.OUTSIDE.equals(locationOf(decision.badge()));
        boolean nowInside = !SiteConfig.OUTSIDE.equals(decision.destination());
        if (nowInside) {
            locations.put(decision.badge(), decision.destination());
        } else {
            locations.remove(decision.badge());
        }
        occupied += (nowInside ? 1 : 0) - (wasInside ? 1 : 0);
        return wasInside && !nowInside && occupied == 0;
    }

    public void lockup() {
        lockedUp = true;
    }

    public void unlock() {
        lockedUp = false;
    }

    public boolean lockedUp() {
        return lockedUp;
    }

    public int count() {
        return occupied;
    }

    public String locationOf(String badge) {
        return locations.getOrDefault(badge, SiteConfig.OUTSIDE);
    }

    /** Everyone inside but {@code except}, sorted by badge. */
    public List<String> occupantsExcept(String except) {
        return locations.keySet().stream().filter(b -> !b.equals(except)).sorted().toList();
    }

    /** Everyone inside with their zone, for a snapshot. */
    Map<String, String> inside() {
        return new TreeMap<>(locations);
    }

    /** Takes a snapshot's occupancy in place of what is known now. */
    void restore(Map<String, String> inside, int count, boolean locked) {
        locations.clear();
        locations.putAll(inside);
        occupied = count;
        lockedUp = locked;
    }

    /** A moment the site became empty, to be checked once the last-exit grace has passed. */
    public record Emptied(Instant at, String lastOut, String eventId) {}
}
