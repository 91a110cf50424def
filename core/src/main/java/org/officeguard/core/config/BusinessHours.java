package org.officeguard.core.config;

import java.time.LocalTime;

/** Local business hours, {@code [start, end)}; an end before the start spans midnight. */
public record BusinessHours(LocalTime start, LocalTime end) {

    public boolean contains(LocalTime t) {
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }
}
