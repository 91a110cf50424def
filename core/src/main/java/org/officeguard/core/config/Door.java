package org.officeguard.core.config;

import org.officeguard.core.model.Direction;

/** A door between two zones: IN moves {@code from -> to}, OUT moves {@code to -> from}. */
public record Door(String id, String from, String to) {

    public String origin(Direction direction) {
        return direction == Direction.IN ? from : to;
    }

    public String destination(Direction direction) {
        return direction == Direction.IN ? to : from;
    }
}
