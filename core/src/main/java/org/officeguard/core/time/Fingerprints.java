package org.officeguard.core.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Event ids as a snapshot keeps them: one 64-bit fingerprint each ({@link #of}), oldest first. In JSON an array of
 * numbers; an array that holds the ids themselves (a snapshot written before ids were kept as fingerprints) reads as
 * their fingerprints.
 */
public final class Fingerprints {

    private final long[] values;

    /** Takes {@code values} as they are: {@link RecentIds} hands over an array of its own making. */
    Fingerprints(long[] values) {
        this.values = values;
    }

    public static Fingerprints of(long[] values) {
        return new Fingerprints(values.clone());
    }

    /**
     * The fingerprint of an event id: FNV-1a over its characters, then MurmurHash3's 64-bit finaliser so that every bit
     * of the result depends on every character. Two different ids share one with a probability of about 2^-64: among
     * the 100,000 ids an engine remembers, a new id is taken for a redelivery about once in 10^14 events.
     */
    public static long of(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= id.length();
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Fingerprints fromJson(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("remembered ids: expected an array, got " + array.getNodeType());
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = array.get(i);
            if (element.isIntegralNumber() && element.canConvertToLong()) {
                values[i] = element.longValue();
            } else if (element.isTextual()) {
                values[i] = of(element.textValue());
            } else {
                throw new IllegalArgumentException("remembered ids: element " + i + " is neither a fingerprint nor an id");
            }
        }
        return new Fingerprints(values);
    }

    /** The fingerprints, oldest first (a copy). */
    @JsonValue
    public long[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    long at(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprints that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return values.length + " fingerprints";
    }
}
