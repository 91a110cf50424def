package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportingProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void the_warm_span_starts_at_the_first_sample_past_the_share_and_ends_at_the_last() {
        ReportingProgress progress = new ReportingProgress();
        progress.add(new ReportingProgress.Sample(0, 0, 1.0, 0.5, 0.0));
        progress.add(new ReportingProgress.Sample(SECOND, 400, 3.0, 1.5, 0.1));
        progress.add(new ReportingProgress.Sample(2 * SECOND, 600, 3.5, 1.6, 0.1));
        progress.add(new ReportingProgress.Sample(4 * SECOND, 1000, 3.9, 1.6, 0.14));

        ReportingProgress.Span warm = progress.after(0.5, 1000).orElseThrow();

        assertEquals(400, warm.inputs());
        assertEquals(2.0, warm.seconds(), 1e-9);
        assertEquals(200, warm.rate(), 1e-9);
        assertEquals(1000, warm.cpuMicros(), 1e-6); // 0.4 s of CPU over 400 inputs
        assertEquals(0, warm.jitMicros(), 1e-6);
        assertEquals(100, warm.gcMicros(), 1e-6);
    }

    @Test
    void without_a_sample_between_the_share_and_the_end_there_is_no_span() {
        ReportingProgress progress = new ReportingProgress();
        assertTrue(progress.after(0.5, 1000).isEmpty());
        progress.add(new ReportingProgress.Sample(0, 100, 1.0, 0.5, 0.0));
        progress.add(new ReportingProgress.Sample(SECOND, 1000, 2.0, 0.5, 0.0));
        assertTrue(progress.after(0.5, 1000).isEmpty(), "the only sample past half is the last");
    }
}
