package org.officeguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reporting's progress through a centre run, sampled at each of the publisher's polls: what it had taken and the CPU
 * its JVM had spent. From them, the cost and the rate once it is warm: over the later part of the run, when the JIT
 * has compiled what the inputs need, and the cost no longer falls with the length of the run.
 */
final class ReportingProgress {

    /** One poll: when (nanoTime), the inputs taken, and the JVM's CPU seconds so far, its JIT and collector apart. */
    record Sample(long nanos, long taken, double cpuSeconds, double jitSeconds, double gcSeconds) {}

    /** Between two samples: the inputs taken, the seconds, and per input the µs of CPU, of JIT and of collector. */
    record Span(long inputs, double seconds, double cpuMicros, double jitMicros, double gcMicros) {

        double rate() {
            return inputs / seconds;
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    void add(Sample sample) {
        samples.add(sample);
    }

    /**
     * From the first sample at which at least {@code share} of {@code inputs} was taken to the last sample; empty when
     * no sample lies between the two, or no input was taken between them.
     */
    Optional<Span> after(double share, long inputs) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        Sample last = samples.get(samples.size() - 1);
        for (Sample from : samples) {
            if (from.taken() >= share * inputs) {
                long taken = last.taken() - from.taken();
                if (from == last || taken <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new Span(taken, (last.nanos() - from.nanos()) / 1e9,
                        (last.cpuSeconds() - from.cpuSeconds()) * 1e6 / taken,
                        (last.jitSeconds() - from.jitSeconds()) * 1e6 / taken,
                        (last.gcSeconds() - from.gcSeconds()) * 1e6 / taken));
            }
        }
        return Optional.empty();
    }
}
