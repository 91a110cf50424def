package org.officeguard.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * What the planner adds to, day after day: the acts, the lapses it made happen, and the opportunities each kind of
 * lapse had. {@link #nextSeq} numbers the acts in the order they are planned, which orders acts of the same instant.
 */
final class PlannedDays {

    final List<Act> acts = new ArrayList<>();
    final List<LapseEvent> lapses = new ArrayList<>();
    final EnumMap<Lapse, Integer> opportunities = new EnumMap<>(Lapse.class);
    private long seq;

    PlannedDays() {
        for (Lapse kind : Lapse.values()) {
            opportunities.put(kind, 0);
        }
    }

    long nextSeq() {
        return seq++;
    }

    void add(Act act) {
        acts.add(act);
    }
}
