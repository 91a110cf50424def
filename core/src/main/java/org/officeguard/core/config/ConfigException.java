package org.officeguard.core.config;

/** A site config that cannot be used. The message names the file, the line and the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
