package org.officeguard.runtime.mqtt;

import java.time.Duration;

/**
 * Tells when another client is using this session's client id (a second process of the same site and services
 * with the same prefix): the broker says so (a DISCONNECT with "session taken over", as HiveMQ sends), or closes the
 * connection without a word soon after it was made, {@value #IN_A_ROW} times in a row (what Mosquitto does to the
 * older of two clients with one id). The two then take the session from each other on every reconnect, and the
 * log said only "connection lost".
 *
 * <p>Plain bookkeeping, told the times ({@link System#nanoTime}); not thread-safe (the client calls its connection
 * listeners one at a time).
 */
final class TakeoverWatch {

    /** Silent closes in a row, each soon after connecting, that point at another client with the same id. */
    static final int IN_A_ROW = 3;
    /** A connection the broker closes later than this after it was made is not counted. */
    static final Duration SOON = Duration.ofSeconds(10);

    private int inARow;
    private long connectedAt;
    private boolean connected;

    /** A connection was made (CONNACK). */
    void connected(long nanos) {
        connected = true;
        connectedAt = nanos;
    }

    /**
     * A connection ended, or an attempt to make one failed. True when it was taken over: the broker said so, or this
     * was the {@value #IN_A_ROW}th silent close in a row soon after connecting (the count starts again after that).
     *
     * @param brokerSaidTakenOver the broker's DISCONNECT gave "session taken over" as its reason
     * @param closedSilently the broker closed the connection without a DISCONNECT
     */
    boolean disconnected(long nanos, boolean brokerSaidTakenOver, boolean closedSilently) {
        boolean soon = connected && nanos - connectedAt <= SOON.toNanos();
        connected = false;
        if (brokerSaidTakenOver) {
            inARow = 0;
            return true;
        }
        if (!closedSilently || !soon) {
            inARow = 0;
            return false;
        }
        if (++inARow < IN_A_ROW) {
            return false;
        }
        inARow = 0;
        return true;
    }
}
