package org.officeguard.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Event time for one site (SPEC §4): the watermark, the reorder buffer and the deadlines.
 *
 * <p>The watermark is the largest {@code ts} seen. An event is held until the watermark is
 * {@code reorder} past it, then handed to the handler in {@code ts} order (arrival order among equal
 * {@code ts}), so inputs that arrive out of order within that margin give the same result as ordered
 * ones. A deadline at {@code D} is released once the watermark is past {@code D + reorder}, after every event
 * with {@code ts <= D}, so it is evaluated on the state after all of them: an event exactly {@code reorder}
 * behind the watermark is still on time, so a deadline of its instant waits for it. An event more than
 * {@code reorder} behind the watermark is applied at once and counted as late.
 *
 * <p>Not thread-safe: the owning engine serialises calls. Only {@link #watermark()} may be read from another thread
 * (a service's live state says as of when it is).
 */
public final class EventTimeline<E, D> {

    /** What the owner does with released events and deadlines; it may schedule more deadlines. */
    public interface Handler<E, D> {
        void onEvent(E event, Instant ts, boolean late);

        void onDeadline(D deadline, Instant at);
    }

    private record Item<T>(Instant at, long seq, T value) {}

    /**
     * By time, then by arrival. Written out, since it runs for every event held: a comparator chain costs 6 % of
     * the pipeline's Java CPU samples.
     */
    private static int order(Item<?> first, Item<?> second) {
        int byTime = first.at().compareTo(second.at());
        return byTime != 0 ? byTime : Long.compare(first.seq(), second.seq());
    }

    private final Duration reorder;
    private final Handler<E, D> handler;
    /**
     * Held events, in order, in two parts: most arrive in {@code ts} order and are appended to
     * {@code inOrder} (sorted by construction); the others wait in {@code outOfOrder}. Release takes the
     * earlier of the two heads.
     */
    private final ArrayDeque<Item<E>> inOrder = new ArrayDeque<>();
    private final PriorityQueue<Item<E>> outOfOrder = new PriorityQueue<>(EventTimeline::order);
    private final PriorityQueue<Item<D>> deadlines = new PriorityQueue<>(EventTimeline::order);
    private volatile Instant watermark;
    private long seq;
    private long late;
    private boolean releasing;

    public EventTimeline(Duration reorder, Handler<E, D> handler) {
        this.reorder = reorder;
        this.handler = handler;
    }

    /** Takes an event: buffers it (or applies it at once when late) and releases what is due. */
    public void submit(Instant ts, E event) {
        if (watermark != null && ts.isBefore(watermark.minus(reorder))) {
            late++;
            handler.onEvent(event, ts, true);
        } else {
            Item<E> item = new Item<>(ts, seq++, event);
            Item<E> last = inOrder.peekLast();
            if (last == null || !ts.isBefore(last.at())) {
                inOrder.addLast(item);
            } else {
                outOfOrder.add(item);
            }
        }
        advance(ts);
    }

    /** Moves the watermark (a clock tick, or any input's {@code ts}) and releases what is due. */
    public void advance(Instant ts) {
        if (watermark == null || ts.isAfter(watermark)) {
            watermark = ts;
        }
        release();
    }

    /** Schedules a deadline; one already due is released with the next {@link #advance}. */
    public void schedule(Instant at, D deadline) {
        deadlines.add(new Item<>(at, seq++, deadline));
    }

    private void release() {
        if (releasing || watermark == null) {
            return; // a handler scheduling from inside the loop: the loop picks it up
        }
        releasing = true;
        try {
            Instant horizon = watermark.minus(reorder);
            while (true) {
                Item<E> event = nextEvent();
                Item<D> deadline = deadlines.peek();
                boolean eventDue = event != null && !event.at().isAfter(horizon);
                // strictly before: an event stamped exactly D may still arrive on time (exactly `reorder` behind
                // the watermark is not late), and D is evaluated after every event with ts <= D
                boolean deadlineDue = deadline != null && deadline.at().isBefore(horizon);
                if (eventDue && (!deadlineDue || !event.at().isAfter(deadline.at()))) {
                    if (event == inOrder.peekFirst()) {
                        inOrder.pollFirst();
                    } else {
                        outOfOrder.poll();
                    }
                    handler.onEvent(event.value(), event.at(), false);
                } else if (deadlineDue) {
                    deadlines.poll();
                    handler.onDeadline(deadline.value(), deadline.at());
                } else {
                    return;
                }
            }
        } finally {
            releasing = false;
        }
    }

    /** The earliest held event, or null. */
    private Item<E> nextEvent() {
        Item<E> inOrderHead = inOrder.peekFirst();
        Item<E> outOfOrderHead = outOfOrder.peek();
        if (inOrderHead == null || outOfOrderHead == null) {
            return inOrderHead != null ? inOrderHead : outOfOrderHead;
        }
        return order(inOrderHead, outOfOrderHead) <= 0 ? inOrderHead : outOfOrderHead;
    }

    /** The largest {@code ts} seen, or null before the first input. */
    public Instant watermark() {
        return watermark;
    }

    public long lateCount() {
        return late;
    }

    public int bufferedEvents() {
        return inOrder.size() + outOfOrder.size();
    }

    public int pendingDeadlines() {
        return deadlines.size();
    }

    /** A deadline waiting for event time, with its place among deadlines of the same instant. */
    public record Pending<D>(Instant at, long seq, D deadline) {}

    /**
     * What a timeline holds at a point where no event is held ({@link #bufferedEvents()} is 0): the watermark, the
     * pending deadlines in release order, the arrival counter and the late count.
     */
    public record State<D>(Instant watermark, long seq, long late, List<Pending<D>> deadlines) {}

    /** The timeline's state, for a snapshot; only where no event is held in the reorder buffer. */
    public State<D> exportState() {
        if (bufferedEvents() > 0) {
            throw new IllegalStateException(bufferedEvents() + " events held in the reorder buffer: no snapshot point");
        }
        List<Item<D>> items = new ArrayList<>(deadlines);
        items.sort(EventTimeline::order);
        List<Pending<D>> pending = new ArrayList<>(items.size());
        for (Item<D> item : items) {
            pending.add(new Pending<>(item.at(), item.seq(), item.value()));
        }
        return new State<>(watermark, seq, late, pending);
    }

    /** Takes {@code state} in place of what this timeline holds. */
    public void restore(State<D> state) {
        inOrder.clear();
        outOfOrder.clear();
        deadlines.clear();
        for (Pending<D> pending : state.deadlines()) {
            deadlines.add(new Item<>(pending.at(), pending.seq(), pending.deadline()));
        }
        watermark = state.watermark();
        seq = state.seq();
        late = state.late();
    }
}
