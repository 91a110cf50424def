package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRoundsTest {

    private static final long MS = 1_000_000L;

    @Test
    void each_round_has_its_percentiles_and_the_worst_of_each_second_and_the_rounds_their_median_and_spread() {
        // 2 settling values, then 3 rounds of 2 seconds at 10 a second: 1 ms each, with one stall per round
        long[] latency = new long[2 + 3 * 20];
        Arrays.fill(latency, MS);
        latency[0] = 90 * MS; // settling: not in any round
        latency[2 + 5] = 12 * MS; // round 1, first second
        latency[2 + 20 + 15] = 4 * MS; // round 2, second second
        latency[2 + 40 + 1] = 7 * MS; // round 3, first second

        LatencyRounds rounds = new LatencyRounds(latency, 2, 3, 20, 10);

        assertEquals(List.of(12.0, 1.0), rounds.rounds().get(0).worstBySecond());
        assertEquals(List.of(1.0, 4.0), rounds.rounds().get(1).worstBySecond());
        assertEquals(List.of(7.0, 1.0), rounds.rounds().get(2).worstBySecond());
        assertEquals(12.0, rounds.rounds().get(0).p99(), "the 99th of 20 values is the largest");
        assertEquals(1.0, rounds.rounds().get(0).p50());
        assertEquals(7.0, rounds.medianP99());
        assertEquals(4.0, rounds.lowestP99());
        assertEquals(12.0, rounds.highestP99());
        assertEquals(1.0, rounds.bestSecond());
        assertEquals(12.0, rounds.worstSecond());
        assertEquals(1, rounds.secondsOver(10));
        assertEquals(2, rounds.secondsOver(5));
        Instant from = Instant.parse("2026-12-07T09:00:00Z");
        assertEquals(List.of(from, from.plusSeconds(4)), rounds.secondsOverAt(5, from),
                "round 1's first second and round 3's first, the rounds one after the other");
    }
}
