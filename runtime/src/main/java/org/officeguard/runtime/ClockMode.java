package org.officeguard.runtime;

/** SPEC §4: what moves event time. */
public enum ClockMode {
    /** Only events and clock ticks (simulations, replays, tests). */
    EVENT,
    /** The services also tick every second from the system clock and refuse events far in the future. */
    WALL;

    public static ClockMode parse(String s) {
        return switch (s.trim().toLowerCase()) {
            case "event" -> EVENT;
            case "wall" -> WALL;
            default -> throw new IllegalArgumentException("--clock must be wall or event, not '" + s + "'");
        };
    }
}
