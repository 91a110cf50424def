package org.officeguard.reporting.live;

import java.time.Instant;
import org.officeguard.core.model.PcState;

/**
 * One PC as the lockout-monitor's retained {@code pcs} gives it (SPEC §2): its last state, the badge of its user
 * (null when not known) and since when it is in that state (null for a PC that never reported, which SPEC §3 counts
 * as OFF).
 */
public record PcLine(String pc, String zone, String user, PcState state, Instant since) {

    /** Whether the PC never reported a state. */
    public boolean neverReported() {
        return since == null;
    }
}
