package org.officeguard.core.model;

/** An input that cannot be used. Its message is the reason written to the dead-letter topic. */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String reason) {
        super(reason, null, false, false);
    }
}
