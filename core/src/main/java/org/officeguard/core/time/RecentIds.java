package org.officeguard.core.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} event ids seen, each with a remembered value (or none): how an engine recognises a
 * redelivered or republished event ({@code eventId} is kept on redelivery, SPEC §2).
 *
 * <p>An id is kept as its 64-bit {@link Fingerprints#of fingerprint} in primitive arrays: a ring in arrival order and
 * an open-addressing index into it. Remembering an id creates no object, and the arrays hold no reference the
 * collector must follow, so 100,000 remembered ids add nothing to a young collection (as linked-map entries they did:
 * at 500 badges/s each collection copied and promoted the new entries and scanned the old map's dirty cards). The
 * arrays grow with use up to {@code capacity}, so an engine of a quiet site stays small.
 */
public final class RecentIds<V> {

    private static final int INITIAL = 1 << 10;

    private final int capacity;
    /** The ring, oldest at {@code head}: fingerprints, and their values when any was given. */
    private long[] prints;
    private Object[] values;
    private int head;
    private int size;
    /** Open addressing with linear probing: ring position + 1, 0 for an empty slot; at most half full. */
    private int[] slots;

    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        clear();
    }

    /** The value remembered for this id, or null when it is new or was remembered without one. */
    @SuppressWarnings("unchecked")
    public V get(String eventId) {
        int position = find(Fingerprints.of(eventId));
        return position < 0 || values == null ? null : (V) values[position];
    }

    public boolean contains(String eventId) {
        return find(Fingerprints.of(eventId)) >= 0;
    }

    /** Remembers the id without a value. */
    public void remember(String eventId) {
        remember(Fingerprints.of(eventId), null);
    }

    /** Remembers the id with {@code value}; an id remembered already keeps its place and takes the new value. */
    public void remember(String eventId, V value) {
        remember(Fingerprints.of(eventId), value);
    }

    /** The ids remembered, oldest first: what a snapshot keeps. */
    public Fingerprints fingerprints() {
        long[] ordered = new long[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = prints[(head + i) % prints.length];
        }
        return new Fingerprints(ordered);
    }

    /** The values remembered, oldest first (ids remembered without one are left out): what a snapshot keeps. */
    @SuppressWarnings("unchecked")
    public List<V> values() {
        List<V> ordered = new ArrayList<>(values == null ? 0 : size);
        for (int i = 0; values != null && i < size; i++) {
            Object value = values[(head + i) % prints.length];
            if (value != null) {
                ordered.add((V) value);
            }
        }
        return ordered;
    }

    /** Remembers {@code ids} (oldest first), without values, in place of what is remembered now. */
    public void restore(Fingerprints ids) {
        clear();
        for (int i = 0; i < ids.size(); i++) {
            remember(ids.at(i), null);
        }
    }

    /** Remembers {@code entries} (id → value, oldest first) in place of what is remembered now. */
    public void restore(Map<String, V> entries) {
        clear();
        entries.forEach(this::remember);
    }

    private void clear() {
        int length = Math.min(INITIAL, capacity);
        prints = new long[length];
        values = null;
        head = 0;
        size = 0;
        slots = new int[tableSize(length)];
    }

    private void remember(long print, V value) {
        int position = find(print);
        if (position < 0) {
            if (size == prints.length && size < capacity) {
                grow();
            }
            if (size == prints.length) {
                unindex(head); // the oldest goes; its place in the ring is the new one's
                position = head;
                head = (head + 1) % prints.length;
            } else {
                position = (head + size) % prints.length;
                size++;
            }
            prints[position] = print;
            index(position);
        }
        if (value != null && values == null) {
            values = new Object[prints.length];
        }
        if (values != null) {
            values[position] = value;
        }
    }

    /** Doubles the ring (up to the capacity), oldest first from position 0, and indexes it afresh. */
    private void grow() {
        int length = (int) Math.min((long) prints.length * 2, capacity);
        long[] grownPrints = new long[length];
        Object[] grownValues = values == null ? null : new Object[length];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % prints.length;
            grownPrints[i] = prints[from];
            if (values != null) {
                grownValues[i] = values[from];
            }
        }
        prints = grownPrints;
        values = grownValues;
        head = 0;
        slots = new int[tableSize(length)];
        for (int i = 0; i < size; i++) {
            index(i);
        }
    }

    /** The ring position of {@code print}, or -1. */
    private int find(long print) {
        int mask = slots.length - 1;
        for (int slot = home(print, mask); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (prints[slots[slot] - 1] == print) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    private void index(int position) {
        int mask = slots.length - 1;
        int slot = home(prints[position], mask);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = position + 1;
    }

    /** Takes the ring's {@code position} out of the index, moving back the entries probed past it. */
    private void unindex(int position) {
        int mask = slots.length - 1;
        int hole = home(prints[position], mask);
        while (slots[hole] != position + 1) {
            hole = (hole + 1) & mask;
        }
        for (int slot = (hole + 1) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int wanted = home(prints[slots[slot] - 1], mask);
            // the entry may fill the hole when its home is not in the cyclic range (hole, slot]
            boolean homeAfterHole = hole <= slot ? wanted > hole && wanted <= slot : wanted > hole || wanted <= slot;
            if (!homeAfterHole) {
                slots[hole] = slots[slot];
                hole = slot;
            }
        }
        slots[hole] = 0;
    }

    private static int home(long print, int mask) {
        return (int) (print ^ (print >>> 32)) & mask;
    }

    private static int tableSize(int ringLength) {
        return Integer.highestOneBit(ringLength * 2 - 1) << 1;
    }

    @Override
    public String toString() {
        return size + " of " + capacity + " ids remembered";
    }
}
