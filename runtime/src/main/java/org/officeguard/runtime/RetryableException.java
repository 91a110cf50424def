package org.officeguard.runtime;

import org.officeguard.camel.hivemq.LeaveUnacknowledgedException;

/**
 * A failure of something the service depends on (a database, a disk), not of the input: the message
 * is retried with back-off and stays unacknowledged until it succeeds, instead of being dead-lettered.
 * If the service stops first, the MQTT consumer leaves it, and every later input, unacknowledged.
 */
public class RetryableException extends LeaveUnacknowledgedException {
    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
