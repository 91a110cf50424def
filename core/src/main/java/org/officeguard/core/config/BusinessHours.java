package org.officeguard.core.config;

import java.time.LocalTime;

/** Local business hours, {@code [start, end)}; an end before the start spans midnight. */
public record BusinessHours(LocalTime start, LocalTime end) {

    public boolean contains(LocalTime time) {
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }
}
