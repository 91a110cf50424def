package org.officeguard.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdIsRememberedUntilCapacityNewerOnesPushItOut() {
        RecentIds<Void> ids = new RecentIds<>(3);
        for (String id : List.of("a", "b", "c")) {
            ids.remember(id);
        }
        assertTrue(ids.contains("a"));
        ids.remember("d");
        assertFalse(ids.contains("a"), "the oldest goes first");
        assertTrue(ids.contains("b") && ids.contains("c") && ids.contains("d"));
    }

    @Test
    void anIdRememberedAgainKeepsItsPlaceAndTakesTheNewValue() {
        RecentIds<String> ids = new RecentIds<>(2);
        ids.remember("a", "first");
        ids.remember("b", "b");
        ids.remember("a", "again");
        assertEquals("again", ids.get("a"));
        ids.remember("c", "c");
        assertFalse(ids.contains("a"), "a is still the oldest");
        assertEquals(List.of("b", "c"), ids.values());
    }

    /** Against a linked map of the same capacity, over ids that come back at random, across every growth of the ring. */
    @Test
    void behavesAsALinkedMapOfTheLastIds() {
        int capacity = 5_000;
        Map<String, Integer> model = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
        RecentIds<Integer> ids = new RecentIds<>(capacity);
        Random random = new Random(7);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            String id = issued.isEmpty() || random.nextInt(3) > 0 ? UUID.randomUUID().toString()
                    : issued.get(issued.size() - 1 - random.nextInt(Math.min(issued.size(), 2 * capacity)));
            issued.add(id);
            assertEquals(model.containsKey(id), ids.contains(id), "id " + i);
            assertEquals(model.get(id), ids.get(id), "id " + i);
            model.put(id, i);
            ids.remember(id, i);
        }
        assertEquals(List.copyOf(model.values()), ids.values());
        long[] expected = model.keySet().stream().mapToLong(Fingerprints::of).toArray();
        assertEquals(Fingerprints.of(expected), ids.fingerprints());
    }

    @Test
    void aRestoredCopyRemembersTheSameIdsInTheSameOrder() {
        RecentIds<Void> ids = new RecentIds<>(1_500);
        for (int i = 0; i < 4_000; i++) {
            ids.remember("evt-" + i);
        }
        RecentIds<Void> copy = new RecentIds<>(1_500);
        copy.remember("stale");
        copy.restore(ids.fingerprints());
        assertFalse(copy.contains("stale"));
        assertFalse(copy.contains("evt-2499"));
        assertTrue(copy.contains("evt-2500") && copy.contains("evt-3999"));
        copy.remember("evt-4000");
        assertFalse(copy.contains("evt-2500"), "the restored order decides what goes first");
        assertEquals(ids.fingerprints().size(), copy.fingerprints().size());
    }

    @Test
    void theFingerprintsOfManyIdsDoNotCollide() {
        Set<Long> prints = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            assertTrue(prints.add(Fingerprints.of("evt-" + i)), "evt-" + i);
        }
        assertEquals(Fingerprints.of("door-1:9"), Fingerprints.of("door-1:9"));
    }

    @Test
    void snapshotsKeepFingerprintsAndReadTheIdsOfAnEarlierSnapshot() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Fingerprints prints = Fingerprints.of(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE});
        String written = json.writeValueAsString(prints);
        assertEquals("[-9223372036854775808,-1,0,9223372036854775807]", written);
        assertEquals(prints, json.readValue(written, Fingerprints.class));

        Fingerprints legacy = json.readValue("[\"evt-1\",\"evt-2\"]", Fingerprints.class);
        RecentIds<Void> ids = new RecentIds<>(10);
        ids.restore(legacy);
        assertTrue(ids.contains("evt-1") && ids.contains("evt-2"));
        assertFalse(ids.contains("evt-3"));
        assertThrows(Exception.class, () -> json.readValue("[true]", Fingerprints.class));
    }

    @Test
    void anIdWithoutAValueHasNone() {
        RecentIds<String> ids = new RecentIds<>(4);
        ids.remember("a");
        assertTrue(ids.contains("a"));
        assertNull(ids.get("a"));
        assertEquals(List.of(), ids.values());
    }
}
