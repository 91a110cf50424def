package org.officeguard.bridge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.officeguard.runtime.ClockMode;

/**
 * A site's event time as the bridge sees it (SPEC §8), what a HASS.Agent message is stamped with: on the wall clock,
 * the system clock (to the millisecond, so that two states of a PC in one second keep two event ids); in event mode,
 * the largest {@code ts} among the site's translated inputs and clock ticks. Guarded by the caller.
 */
final class SiteTime {

    private final ClockMode mode;
    private final Clock clock;
    private Instant watermark;

    SiteTime(ClockMode mode, Clock clock) {
        this.mode = mode;
        this.clock = clock;
    }

    /** An input or clock tick of the site, stamped {@code ts}. */
    void advance(Instant ts) {
        if (watermark == null || ts.isAfter(watermark)) {
            watermark = ts;
        }
    }

    /** The stamp of a message that carries no time; null in event mode until the site's first time. */
    Instant stamp() {
        return mode == ClockMode.WALL ? clock.instant().truncatedTo(ChronoUnit.MILLIS) : watermark;
    }

    /** Takes a snapshot's event time in place of this one. */
    void restore(Instant snapshotWatermark) {
        watermark = snapshotWatermark;
    }

    /** The largest ts taken so far; null before any. */
    Instant watermark() {
        return watermark;
    }
}
