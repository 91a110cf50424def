package org.officeguard.bench;

import static org.officeguard.bench.Figures.millis;
import static org.officeguard.bench.Figures.percentile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Latencies measured in rounds of equal length at a steady rate: each round's percentiles and its worst latency in
 * each second (a periodic stall shows as every second bad, a passing one as one), and across the rounds the median
 * and the spread, the figures the table gives.
 */
final class LatencyRounds {

    /** One round: percentiles and the worst of each second, in milliseconds. */
    record Round(double p50, double p99, double p999, double max, List<Double> worstBySecond) {

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("p50Ms", p50);
            figures.put("p99Ms", p99);
            figures.put("p999Ms", p999);
            figures.put("maxMs", max);
            figures.put("maxMsBySecond", worstBySecond);
            return figures;
        }
    }

    private final List<Round> rounds = new ArrayList<>();

    /**
     * The rounds of {@code latency} (nanoseconds, in send order) from {@code from}: {@code count} rounds of
     * {@code perRound} values, {@code perSecond} of them a second.
     */
    LatencyRounds(long[] latency, int from, int count, int perRound, int perSecond) {
        for (int round = 0; round < count; round++) {
            int start = from + round * perRound;
            rounds.add(round(latency, start, start + perRound, perSecond));
        }
    }

    static Round round(long[] latency, int from, int until, int perSecond) {
        long[] sorted = Arrays.copyOfRange(latency, from, until);
        Arrays.sort(sorted);
        List<Double> worstBySecond = new ArrayList<>();
        for (int second = from; second < until; second += perSecond) {
            worstBySecond.add(millis(Arrays.stream(latency, second, Math.min(until, second + perSecond)).max()
                    .orElse(0)));
        }
        return new Round(millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(percentile(sorted, 0.999)), millis(sorted[sorted.length - 1]), worstBySecond);
    }

    List<Round> rounds() {
        return rounds;
    }

    double medianP50() {
        return Figures.median(rounds.stream().map(Round::p50).toList());
    }

    double medianP99() {
        return Figures.median(rounds.stream().map(Round::p99).toList());
    }

    double medianP999() {
        return Figures.median(rounds.stream().map(Round::p999).toList());
    }

    double lowestP99() {
        return rounds.stream().mapToDouble(Round::p99).min().orElseThrow();
    }

    double highestP99() {
        return rounds.stream().mapToDouble(Round::p99).max().orElseThrow();
    }

    /** Every second's worst latency, the rounds one after the other. */
    private DoubleStream everySecond() {
        return rounds.stream().flatMap(round -> round.worstBySecond().stream()).mapToDouble(Double::doubleValue);
    }

    /** The best and the worst of every second's worst latency, over every round. */
    double bestSecond() {
        return everySecond().min().orElseThrow();
    }

    double worstSecond() {
        return everySecond().max().orElseThrow();
    }

    /**
     * When each second began whose worst latency exceeds {@code millis}, the rounds following one another from
     * {@code measuredFrom}: to be set against a collector's or the kernel's log of the same minute.
     */
    List<Instant> secondsOverAt(double millis, Instant measuredFrom) {
        double[] seconds = everySecond().toArray();
        return IntStream.range(0, seconds.length).filter(second -> seconds[second] > millis)
                .mapToObj(measuredFrom::plusSeconds).toList();
    }

    /** Seconds, over every round, whose worst latency exceeds {@code millis}. */
    long secondsOver(double millis) {
        return everySecond().filter(worst -> worst > millis).count();
    }
}
