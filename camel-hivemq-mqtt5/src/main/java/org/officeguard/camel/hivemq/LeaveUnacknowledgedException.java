package org.officeguard.camel.hivemq;

/**
 * A failure that is not the message's fault (a database or a disk away) and that outlasts the route, as when the
 * service stops while it waits: {@link HiveMqttConsumer} leaves the message, and every later one, unacknowledged, so
 * that the broker delivers them again to the next session. Any other failure goes to the consumer's exception handler,
 * and the message is acknowledged.
 */
public class LeaveUnacknowledgedException extends RuntimeException {

    public LeaveUnacknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
