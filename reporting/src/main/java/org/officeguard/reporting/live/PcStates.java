package org.officeguard.reporting.live;

import java.time.Instant;
import java.util.List;

/** The lockout-monitor's retained {@code office/{site}/pcs} (SPEC §2): every PC's last state at {@code ts}. */
public record PcStates(Instant ts, String site, List<PcLine> pcs) {

    public PcStates {
        pcs = List.copyOf(pcs);
    }
}
