package org.officeguard.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.model.Violation;

/**
 * What a per-site rule engine shares: inputs of type {@code E} and deadlines of type {@code D} released
 * in {@code ts} order by an {@link EventTimeline}, and the violations they make due, collected until the
 * current call returns them.
 */
public abstract class OrderedEngine<E, D> {

    protected final EventTimeline<E, D> timeline;
    private final List<Violation> due = new ArrayList<>();

    protected OrderedEngine(Duration reorder) {
        this.timeline = new EventTimeline<>(reorder, new EventTimeline.Handler<>() {
            @Override
            public void onEvent(E event, Instant ts, boolean late) {
                apply(event);
            }

            @Override
            public void onDeadline(D deadline, Instant at) {
                fire(deadline, at);
            }
        });
    }

    /** An input released in ts order. */
    protected abstract void apply(E event);

    /** A deadline reached by event time. */
    protected abstract void fire(D deadline, Instant at);

    protected void report(Violation violation) {
        due.add(violation);
    }

    protected void report(List<Violation> vs) {
        due.addAll(vs);
    }

    /** The violations made due since the last call, and forgets them. */
    protected List<Violation> drain() {
        if (due.isEmpty()) {
            return List.of();
        }
        List<Violation> out = List.copyOf(due);
        due.clear();
        return out;
    }

    public Instant watermark() {
        return timeline.watermark();
    }

    public long lateEvents() {
        return timeline.lateCount();
    }
}
