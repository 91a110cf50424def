package org.officeguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.Simulator;

/**
 * Watches one site's simulated day as it is played: remembers the newest event time sent, keeps every badge's
 * decision latency (those of the badges sent while the site's line was cut apart), and, for the site whose line is
 * cut, runs the cut when event time reaches {@code cutFrom} and the restore when it reaches {@code cutUntil}.
 */
final class PlayWatch implements Simulator.Listener {

    /** Something done at a point of the play (on the simulator's thread, which waits for it). */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final Instant cutFrom;
    private final Instant cutUntil;
    private final Step cut;
    private final Step restore;
    private final List<Duration> duringCut = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> otherwise = Collections.synchronizedList(new ArrayList<>());
    private volatile Instant lastSent;
    private volatile boolean lineCut;
    private volatile boolean restored;

    private PlayWatch(Instant cutFrom, Instant cutUntil, Step cut, Step restore) {
        this.cutFrom = cutFrom;
        this.cutUntil = cutUntil;
        this.cut = cut;
        this.restore = restore;
    }

    /** A site whose line stays up. */
    static PlayWatch uncut() {
        return new PlayWatch(Instant.MAX, Instant.MAX, () -> { }, () -> { });
    }

    /** A site whose line is cut from {@code from} to {@code until} in event time. */
    static PlayWatch cutting(Instant from, Instant until, Step cut, Step restore) {
        return new PlayWatch(from, until, cut, restore);
    }

    @Override
    public void beforePublish(DeviceMessage message) throws InterruptedException {
        try {
            if (!lineCut && !message.ts().isBefore(cutFrom)) {
                cut.run();
                lineCut = true;
            }
            if (lineCut && !restored && !message.ts().isBefore(cutUntil)) {
                restore.run();
                restored = true;
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        lastSent = message.ts();
    }

    @Override
    public void decided(DeviceMessage badge, JsonNode decision, Duration latency) {
        boolean whileCut = !badge.ts().isBefore(cutFrom) && badge.ts().isBefore(cutUntil);
        (whileCut ? duringCut : otherwise).add(latency);
    }

    /** The event time of the last message sent, null before the first. */
    Instant lastSent() {
        return lastSent;
    }

    boolean wasCutAndRestored() {
        return lineCut && restored;
    }

    /** The decision latencies of the badges sent while the line was cut, in no particular order. */
    List<Duration> duringCut() {
        synchronized (duringCut) {
            return List.copyOf(duringCut);
        }
    }

    /** The decision latencies of the other badges. */
    List<Duration> otherwise() {
        synchronized (otherwise) {
            return List.copyOf(otherwise);
        }
    }

    /** The {@code p}-th percentile (nearest rank) of {@code latencies}; zero for none. */
    static Duration percentile(List<Duration> latencies, double p) {
        if (latencies.isEmpty()) {
            return Duration.ZERO;
        }
        List<Duration> sorted = latencies.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** "n badges, p50 / p95 / p99 / max = a / b / c / d ms". */
    static String describe(List<Duration> latencies) {
        return String.format(Locale.ROOT, "%d badges, p50 / p95 / p99 / max = %.2f / %.2f / %.2f / %.2f ms",
                latencies.size(), millis(percentile(latencies, 50)), millis(percentile(latencies, 95)),
                millis(percentile(latencies, 99)), millis(percentile(latencies, 100)));
    }

    static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
