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
sealed interface Act permits Act.Badge, Act.Tailgate, Act.PcReport, Act.Panel, Act.Register, Act.Tick {

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
