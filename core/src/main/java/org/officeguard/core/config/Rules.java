package org.officeguard.core.config;

import java.time.Duration;
import org.officeguard.core.model.PcState;

/** The tunables of a site's rules (SPEC §1 {@code rules:}), with the SPEC defaults. */
public record Rules(
        Duration escort,
        Duration screenLock,
        Duration leaveGrace,
        Duration lastExitGrace,
        Duration visitorCheckoutGrace,
        AntiPassback antiPassback,
        PcState pcAtLockup,
        Duration reorder) {

    public static Rules defaults() {
        return new Rules(Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(30),
                Duration.ofSeconds(900), Duration.ofSeconds(900), AntiPassback.SOFT, PcState.OFF,
                Duration.ofSeconds(5));
    }

    /** The longest grace period: a day closes this long after its local midnight (SPEC §4). */
    public Duration largestGrace() {
        Duration max = escort;
        for (Duration grace : new Duration[] {leaveGrace, lastExitGrace, visitorCheckoutGrace}) {
            if (grace.compareTo(max) > 0) {
                max = grace;
            }
        }
        return max;
    }
}
