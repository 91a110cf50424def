package org.officeguard.reporting;

/**
 * The database could not take a write. Not bad input: the message is retried and not acknowledged,
 * so the broker keeps it until the database is back.
 */
public final class StorageUnavailableException extends org.officeguard.runtime.RetryableException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
