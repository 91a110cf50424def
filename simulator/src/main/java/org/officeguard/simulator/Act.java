package org.officeguard.simulator;

import java.time.Instant;
import java.util.List;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.PcState;

/**
 * One thing that happens in the simulated office, in the simulator's own model. Every act but a
 * {@link Tailgate} is something a device publishes. {@code seq} orders acts with the same {@code ts}
 * (the order they were planned in); {@code cause} is the lapse that made it happen, or null for normal
 * behaviour.
 */
sealed interface Act permits Act.Badge, Act.Tailgate, Act.PcReport, Act.AgentPoll, Act.Panel, Act.Register, Act.Tick {

    Instant ts();

    long seq();

    LapseEvent cause();

    /** A badge presented at a reader. {@code expectGrant}: what the planner made the person do next. */
    record Badge(Instant ts, long seq, LapseEvent cause, String door, Direction direction, String badge,
            boolean expectGrant) implements Act {}

    /** Someone passes a door without badging (following a colleague): not published, moves them all the same. */
    record Tailgate(Instant ts, long seq, LapseEvent cause, String door, Direction direction, String badge)
            implements Act {}

    record PcReport(Instant ts, long seq, LapseEvent cause, String pc, PcState state, long idleSeconds, String user)
            implements Act {}

    /**
     * What a PC's HASS.Agent publishes at one instant (SPEC §8): at a poll, each sensor whose value changed since it
     * last published it ({@code lastActive} and {@code session}, null when unchanged), {@code availability} when it
     * starts ({@code online}) or the PC shuts down ({@code offline}). {@code state} and {@code idleSeconds} are the PC
     * state the device-bridge makes of it, null when it makes none; {@code cause} is the lapse behind that state.
     */
    record AgentPoll(Instant ts, long seq, LapseEvent cause, String pc, Instant lastActive, String session,
            String availability, PcState state, long idleSeconds) implements Act {}

    record Panel(Instant ts, long seq, LapseEvent cause, String badge, LastExitAction action) implements Act {}

    /** Reception registers a visitor's pass. */
    record Register(Instant ts, long seq, LapseEvent cause, String badge, String name, String host, List<String> zones,
            Instant validFrom, Instant validUntil) implements Act {}

    record Tick(Instant ts, long seq) implements Act {
        @Override
        public LapseEvent cause() {
            return null;
        }
    }
}
