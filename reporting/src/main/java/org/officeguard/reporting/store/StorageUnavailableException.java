package org.officeguard.reporting.store;

import org.officeguard.runtime.RetryableException;

/**
 * The database could not take a write, or a report's files could not be written. Not bad input: the message is
 * retried and not acknowledged, so the broker keeps it until the database is back.
 */
public final class StorageUnavailableException extends RetryableException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
