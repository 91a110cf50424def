package org.officeguard.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A day's random stream. Every choice of the planner comes from it in a fixed order, so a seed gives the same day:
 * a change to the planner that draws in another order plays other days for the same seeds.
 */
final class DayRandom {

    private final SplittableRandom random;

    DayRandom(SplittableRandom random) {
        this.random = random;
    }

    /** A whole number from {@code low} to {@code high}, both included; {@code low} when the range is empty. */
    long between(long low, long high) {
        return low >= high ? low : random.nextLong(low, high + 1);
    }

    /** Seconds from one door to the next. */
    long walkSeconds() {
        return between(12, 40);
    }

    /** Uniform in [0, 1). */
    double fraction() {
        return random.nextDouble();
    }

    /** True with the given probability. */
    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Standard normal. */
    double gaussian() {
        return random.nextGaussian();
    }

    /** An index into something of {@code size} elements. */
    int index(int size) {
        return random.nextInt(size);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
