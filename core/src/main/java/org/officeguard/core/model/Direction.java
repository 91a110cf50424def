package org.officeguard.core.model;

/** Which way a badge passes a door: IN moves {@code from -> to}, OUT {@code to -> from}. */
public enum Direction {
    IN,
    OUT
}
