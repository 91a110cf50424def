package org.officeguard.reporting.live;

import java.util.List;
import java.util.Locale;

/** The lock-up check's answer: ready, not ready (and why), or no data to tell. */
public record Verdict(Status status, List<Obstacle> obstacles) {

    public enum Status {
        /** At most one holder inside, not a visitor or an unknown badge, and no PC weaker than {@code pcAtLockup}. */
        READY,
        /** Something stands in the way: the obstacles say what. */
        NOT_READY,
        /** The retained state has not arrived: the check cannot be made (never "ready" for want of data). */
        NO_DATA;

        /** {@code ready}, {@code not-ready}, {@code no-data}: the JSON's and the page's word for it. */
        public String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Verdict {
        obstacles = List.copyOf(obstacles);
    }

    public boolean ready() {
        return status == Status.READY;
    }
}
