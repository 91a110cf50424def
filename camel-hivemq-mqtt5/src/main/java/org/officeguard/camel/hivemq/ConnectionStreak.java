package org.officeguard.camel.hivemq;

import java.time.Duration;

/**
 * Counts connections that end in a row for one reason, each soon after it was made, and says when there have been
 * enough: what {@link Disconnects} needs to tell a broker that keeps breaking a session (the protocol broken at once
 * on every reconnect) and a client id that another client keeps taking (the broker closing the connection at once).
 * One such end is not enough to decide (a broker may err once), nor is a connection that lived a while before it
 * ended (the next may live longer); an end for another reason, or an attempt that never connected, starts the count
 * again.
 *
 * <p>Plain bookkeeping, told the times ({@link System#nanoTime}); not thread-safe (the client calls its connection
 * listeners one at a time, on its event loop).
 */
final class ConnectionStreak {

    private final int inARow;
    private final long soonNanos;
    private int count;
    private long connectedAt;
    private boolean connected;

    /** Enough when {@code inARow} connections in a row end for the reason, each at most {@code soon} after it was made. */
    ConnectionStreak(int inARow, Duration soon) {
        this.inARow = inARow;
        this.soonNanos = soon.toNanos();
    }

    int inARow() {
        return inARow;
    }

    /** A connection was made (CONNACK). */
    void connected(long nanos) {
        connected = true;
        connectedAt = nanos;
    }

    /**
     * A connection ended ({@code forTheReason} or not), or an attempt to make one failed. True when this was the
     * {@code inARow}th end for the reason in a row, each soon after connecting; the count starts again after that.
     */
    boolean disconnected(long nanos, boolean forTheReason) {
        boolean soon = connected && nanos - connectedAt <= soonNanos;
        connected = false;
        if (!forTheReason || !soon) {
            count = 0;
            return false;
        }
        if (++count < inARow) {
            return false;
        }
        count = 0;
        return true;
    }
}
