package org.officeguard.reporting;

import org.officeguard.runtime.RetryableException;

/**
 * The database could not take a write. Not bad input: the message is retried and not acknowledged,
 * so the broker keeps it until the database is back.
 */
public final class StorageUnavailableException extends RetryableException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
