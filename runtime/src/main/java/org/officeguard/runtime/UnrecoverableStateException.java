package org.officeguard.runtime;

/**
 * A service's rule state cannot be rebuilt from what is on disk (a snapshot that cannot be read and no journal
 * before it, or a journal whose start is gone): start-up stops, rather than run on a silently wrong state. The message
 * says what is wrong and what the operator can do.
 */
public final class UnrecoverableStateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public UnrecoverableStateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first {@code UnrecoverableStateException} among {@code failure} and its causes, or null. */
    public static UnrecoverableStateException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecoverableStateException unrecoverable) {
                return unrecoverable;
            }
        }
        return null;
    }
}
