package org.officeguard.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * When a site's live state (a retained snapshot: who is inside, every PC's state) is published (SPEC §6): after it
 * changed, at most once per interval of wall time per site, the latest state winning; and the first time a site is
 * looked at, whatever its state, so that the retained message is right after a restart.
 *
 * <p>The rules only move a version number when the state changes; a timer asks here, a few times a second, which
 * sites are due, and only those sites' snapshots are built. So a burst of badges within a second gives one
 * publication at its start and one at most a second later with the state after the burst, and no input ever waits
 * for a snapshot.
 */
public final class LiveStatePacer {

    /** SPEC §6: at most once per second of wall time per site. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private record Published(long version, long atNanos) {}

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Published> published = new HashMap<>();

    /** {@code nanoClock}: a monotonic clock in nanoseconds ({@link System#nanoTime} but in tests). */
    public LiveStatePacer(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Once a second, on the system's monotonic clock. */
    public static LiveStatePacer everySecond() {
        return new LiveStatePacer(INTERVAL, System::nanoTime);
    }

    /**
     * Whether the site's state, at {@code version}, is to be published now: never published yet, or changed since the
     * last publication and that one at least the interval ago. If so, it counts as published now. Take the version
     * before building the snapshot: a change made while it is built then comes out with the next one.
     */
    public synchronized boolean due(String site, long version) {
        long now = nanoClock.getAsLong();
        Published last = published.get(site);
        if (last != null && (last.version() == version || now - last.atNanos() < intervalNanos)) {
            return false;
        }
        published.put(site, new Published(version, now));
        return true;
    }
}
