package org.officeguard.simulator;

import java.io.PrintStream;

/** One line on a terminal, rewritten in place: day n/N, the share of messages sent, messages per second. */
public final class Progress {

    private static final long EVERY_NANOS = 200_000_000L;

    private final PrintStream out;
    private final long total;
    private final int days;
    private final long started = System.nanoTime();
    private long shown;
    private boolean any;

    public Progress(PrintStream out, long total, int days) {
        this.out = out;
        this.total = Math.max(1, total);
        this.days = days;
    }

    public void update(long done, int day) {
        long now = System.nanoTime();
        if (done < total && now - shown < EVERY_NANOS) {
            return;
        }
        shown = now;
        any = true;
        out.print("\r" + line(done, day, now));
        out.flush();
    }

    String line(long done, int day, long now) {
        int pct = (int) (100 * done / total);
        int bar = pct / 5;
        double secs = Math.max(1e-3, (now - started) / 1e9);
        return String.format("  day %d/%d [%s%s] %3d%%  %d/%d messages  %.0f msg/s ", day, days, "#".repeat(bar),
                "-".repeat(20 - bar), pct, done, total, done / secs);
    }

    public void finish(long done, int day) {
        shown = 0;
        update(done, day);
        if (any) {
            out.println();
        }
    }
}
