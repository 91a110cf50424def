package org.officeguard.core.time;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} event ids seen, each with a remembered value: how an engine recognises a
 * redelivered or republished event ({@code eventId} is kept on redelivery, SPEC §2).
 */
public final class RecentIds<V> {
    private final Map<String, V> seen;

    public RecentIds(int capacity) {
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value remembered for this id, or null when it is new. */
    public V get(String eventId) {
        return seen.get(eventId);
    }

    public boolean contains(String eventId) {
        return seen.containsKey(eventId);
    }

    public void remember(String eventId, V value) {
        seen.put(eventId, value);
    }

    /** The ids remembered, oldest first: what a snapshot keeps. */
    public List<String> ids() {
        return List.copyOf(seen.keySet());
    }

    /** The values remembered, oldest first: what a snapshot keeps. */
    public List<V> values() {
        return List.copyOf(seen.values());
    }

    /** Remembers {@code entries} (oldest first) in place of what is remembered now. */
    public void restore(Map<String, V> entries) {
        seen.clear();
        seen.putAll(entries);
    }

    /** Remembers {@code ids} (oldest first), each with {@code value}, in place of what is remembered now. */
    public void restore(List<String> ids, V value) {
        seen.clear();
        for (String id : ids) {
            seen.put(id, value);
        }
    }
}
