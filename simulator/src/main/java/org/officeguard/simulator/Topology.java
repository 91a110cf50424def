package org.officeguard.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Direction;

/**
 * The site as a map to walk: doors in a fixed order (the config's maps have no stable order, and the
 * simulator must be deterministic), people and PCs sorted, and shortest walks between zones through the
 * zones a holder may enter.
 */
final class Topology {

    /** One door passage: through {@code door} in {@code direction}, from zone {@code from} to zone {@code to}. */
    record Step(String door, Direction direction, String from, String to) {
        Step reversed() {
            return new Step(door, direction == Direction.IN ? Direction.OUT : Direction.IN, to, from);
        }
    }

    final SiteConfig site;
    /** The readers and agents that speak their own language; none in a site without devices. */
    final DeviceMap devices;
    final List<Door> doors;
    final List<String> badges;
    /** The first PC (by id) each person owns. */
    final Map<String, Pc> pcOf = new HashMap<>();
    /** Zones with PCs in them. */
    final Set<String> deskZones = new HashSet<>();

    Topology(SiteConfig site) {
        this(site, DeviceMap.none(site));
    }

    Topology(SiteConfig site, DeviceMap devices) {
        this.site = site;
        this.devices = devices;
        this.doors = site.doors().values().stream().sorted(Comparator.comparing(Door::id)).toList();
        this.badges = site.people().keySet().stream().sorted().toList();
        for (Pc pc : new TreeMap<>(site.pcs()).values()) {
            pcOf.putIfAbsent(pc.owner(), pc);
            deskZones.add(pc.zone());
        }
    }

    /** Every passage that starts in {@code zone}. */
    List<Step> stepsFrom(String zone) {
        List<Step> out = new ArrayList<>();
        for (Door door : doors) {
            if (door.from().equals(zone)) {
                out.add(new Step(door.id(), Direction.IN, door.from(), door.to()));
            }
            if (door.to().equals(zone)) {
                out.add(new Step(door.id(), Direction.OUT, door.to(), door.from()));
            }
        }
        return out;
    }

    /**
     * The shortest walk from {@code from} to {@code to} entering only {@code allowed} zones; {@code outside} may
     * only be where the walk starts or ends. Null when there is none; empty when the two are the same.
     */
    List<Step> path(String from, String to, Set<String> allowed) {
        if (from.equals(to)) {
            return List.of();
        }
        Map<String, Step> via = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        via.put(from, null);
        while (!queue.isEmpty()) {
            String zone = queue.poll();
            if (SiteConfig.OUTSIDE.equals(zone) && !zone.equals(from)) {
                continue;
            }
            for (Step step : stepsFrom(zone)) {
                String next = step.to();
                boolean ok = next.equals(to) || (!SiteConfig.OUTSIDE.equals(next) && allowed.contains(next));
                if (ok && !via.containsKey(next)) {
                    via.put(next, step);
                    if (next.equals(to)) {
                        List<Step> out = new ArrayList<>();
                        for (Step back = step; back != null; back = via.get(back.from())) {
                            out.add(0, back);
                        }
                        return out;
                    }
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /**
     * The ways in from outside to {@code zone}, one per first door, no more than one door longer than the
     * shortest; sorted by length, then door.
     */
    List<List<Step>> entryPaths(String zone, Set<String> allowed) {
        List<List<Step>> all = new ArrayList<>();
        for (Step first : stepsFrom(SiteConfig.OUTSIDE)) {
            if (!allowed.contains(first.to())) {
                continue;
            }
            List<Step> rest = path(first.to(), zone, allowed);
            if (rest != null && !rest.contains(first.reversed())) {
                List<Step> way = new ArrayList<>();
                way.add(first);
                way.addAll(rest);
                all.add(way);
            }
        }
        int min = all.stream().mapToInt(List::size).min().orElse(0);
        return all.stream().filter(p -> p.size() <= min + 1)
                .sorted(Comparator.<List<Step>>comparingInt(List::size).thenComparing(p -> p.get(0).door()))
                .toList();
    }

    static List<Step> reverse(List<Step> path) {
        List<Step> out = new ArrayList<>(path.size());
        for (int index = path.size() - 1; index >= 0; index--) {
            out.add(path.get(index).reversed());
        }
        return out;
    }
}
