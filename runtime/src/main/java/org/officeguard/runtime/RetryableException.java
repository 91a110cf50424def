package org.officeguard.runtime;

/**
 * A failure of something the service depends on (a database, a disk), not of the input: the message
 * is retried with back-off and stays unacknowledged until it succeeds, instead of being dead-lettered.
 */
public class RetryableException extends RuntimeException {
    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
