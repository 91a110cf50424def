package org.officeguard.runtime.mqtt;

import java.time.Duration;

/**
 * Tells when a durable session cannot go on: the broker broke the MQTT protocol on {@value #IN_A_ROW} connections
 * in a row, each soon after it was made ({@link #SOON}).
 *
 * <p>A broker that has put a protocol error into what it keeps for a session — two unacknowledged messages under one
 * packet identifier (Mosquitto before 2.0.13 under a backlog of more than 65,535 messages), or more of them than the
 * client's receive maximum — sends it again on every reconnect, and the client drops every connection again: the
 * service never takes another message. The only way on is a fresh session, which loses what the broker held.
 * One breach is not enough to decide that (a broker may err once); nor is a connection that lived on for a while
 * before one (the next may live longer).
 *
 * <p>Plain bookkeeping, told the times ({@link System#nanoTime}); not thread-safe (the client calls its connection
 * listeners one at a time, on its event loop).
 */
final class BrokenSessionWatch {

    /** Breaches in a row, each soon after connecting, that end the session. */
    static final int IN_A_ROW = 3;
    /** A connection that breaks later than this after it was made is taken to have made progress. */
    static final Duration SOON = Duration.ofSeconds(30);

    private int inARow;
    private long connectedAt;
    private boolean connected;

    /** A connection was made (CONNACK). */
    void connected(long nanos) {
        connected = true;
        connectedAt = nanos;
    }

    /**
     * A connection ended, or an attempt to make one failed. True when the session should start afresh: this was the
     * {@value #IN_A_ROW}th breach in a row soon after connecting. The count starts again after that.
     */
    boolean disconnected(long nanos, boolean brokerBrokeProtocol) {
        boolean soon = connected && nanos - connectedAt <= SOON.toNanos();
        connected = false;
        if (!brokerBrokeProtocol || !soon) {
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
