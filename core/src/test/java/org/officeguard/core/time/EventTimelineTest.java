package org.officeguard.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class EventTimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Records what the timeline hands out, as "name@second" (events) and "!name@second" (deadlines). */
    private static final class Recorder implements EventTimeline.Handler<String, String> {
        final List<String> log = new ArrayList<>();
        final List<String> late = new ArrayList<>();
        BiConsumer<String, Instant> onEvent = (e, ts) -> {};

        @Override
        public void onEvent(String event, Instant ts, boolean isLate) {
            log.add(event + "@" + (ts.getEpochSecond() - T0.getEpochSecond()));
            if (isLate) {
                late.add(event);
            }
            onEvent.accept(event, ts);
        }

        @Override
        public void onDeadline(String deadline, Instant at) {
            log.add("!" + deadline + "@" + (at.getEpochSecond() - T0.getEpochSecond()));
        }

        List<String> take() {
            List<String> out = List.copyOf(log);
            log.clear();
            return out;
        }
    }

    private final Recorder rec = new Recorder();

    private EventTimeline<String, String> timeline(long reorderSeconds) {
        return new EventTimeline<>(Duration.ofSeconds(reorderSeconds), rec);
    }

    @Test
    void events_submitted_out_of_order_within_the_window_are_released_in_ts_order() {
        EventTimeline<String, String> tl = timeline(5);

        tl.submit(at(3), "c");
        tl.submit(at(1), "a");
        tl.submit(at(2), "b");
        assertEquals(List.of(), rec.take(), "held until the watermark is 5 s past them");
        assertEquals(3, tl.bufferedEvents());

        tl.advance(at(7));
        assertEquals(List.of("a@1", "b@2"), rec.take());

        tl.advance(at(8));
        assertEquals(List.of("c@3"), rec.take());
        assertEquals(0, tl.bufferedEvents());
        assertEquals(List.of(), rec.late);
        assertEquals(0, tl.lateCount());
    }

    @Test
    void an_event_is_released_when_a_later_event_moves_the_watermark_far_enough() {
        EventTimeline<String, String> tl = timeline(5);

        tl.submit(at(10), "x");
        tl.submit(at(14), "y");
        assertEquals(List.of(), rec.take());

        tl.submit(at(15), "z");
        assertEquals(List.of("x@10"), rec.take());
        assertEquals(at(15), tl.watermark());
    }

    @Test
    void events_with_equal_ts_keep_their_arrival_order() {
        EventTimeline<String, String> tl = timeline(5);

        tl.submit(at(4), "second-ts");
        tl.submit(at(1), "first");
        tl.submit(at(1), "then");
        tl.submit(at(1), "last");
        tl.advance(at(30));

        assertEquals(List.of("first@1", "then@1", "last@1", "second-ts@4"), rec.take());
    }

    @Test
    void an_event_more_than_reorder_behind_the_watermark_is_applied_at_once_and_counted_late() {
        EventTimeline<String, String> tl = timeline(5);
        tl.submit(at(20), "now");
        assertEquals(List.of(), rec.take());

        tl.submit(at(14), "stale");

        assertEquals(List.of("stale@14"), rec.take(), "applied at once, ahead of the held event");
        assertEquals(List.of("stale"), rec.late);
        assertEquals(1, tl.lateCount());
        assertEquals(at(20), tl.watermark(), "a late event does not move the watermark back");
        assertEquals(1, tl.bufferedEvents());
    }

    @Test
    void an_event_exactly_reorder_behind_the_watermark_is_not_late() {
        EventTimeline<String, String> tl = timeline(5);
        tl.submit(at(20), "now");

        tl.submit(at(15), "edge");

        assertEquals(List.of("edge@15"), rec.take());
        assertEquals(List.of(), rec.late);
        assertEquals(0, tl.lateCount());
    }

    @Test
    void a_deadline_at_d_is_released_after_every_event_with_ts_up_to_d() {
        EventTimeline<String, String> tl = timeline(5);
        tl.schedule(at(10), "D");
        tl.submit(at(9), "e9");
        tl.advance(at(14));
        assertEquals(List.of("e9@9"), rec.take(), "D is not due before the watermark is 5 s past it");

        // submitted after D was scheduled and after e9 was released, but still within the window
        tl.submit(at(10), "e10");
        tl.submit(at(11), "e11");
        tl.submit(at(8), "e8-late");
        assertEquals(List.of("e8-late@8"), rec.take());

        tl.advance(at(15));
        assertEquals(List.of("e10@10"), rec.take(), "D waits: an event stamped 10 is still on time");

        // exactly `reorder` behind the watermark: on time, not late, so it too comes before D
        tl.submit(at(10), "e10-edge");
        assertEquals(List.of("e10-edge@10"), rec.take());
        assertEquals(1, tl.lateCount(), "only e8 was late");

        tl.advance(at(16));
        assertEquals(List.of("!D@10", "e11@11"), rec.take(), "D once the watermark is past D + reorder, then e11");
        tl.submit(at(10), "e10-late");
        assertEquals(List.of("e10-late@10"), rec.take());
        assertEquals(2, tl.lateCount(), "now an event stamped D is late");
        assertEquals(0, tl.pendingDeadlines());
    }

    @Test
    void a_deadline_is_released_by_a_clock_tick_without_any_event() {
        EventTimeline<String, String> tl = timeline(5);
        tl.schedule(at(60), "escort");
        tl.advance(at(0));

        tl.advance(at(65));
        assertEquals(List.of(), rec.take(), "an event stamped 60 would still be on time");
        assertEquals(1, tl.pendingDeadlines());

        tl.advance(at(66));
        assertEquals(List.of("!escort@60"), rec.take());
        assertEquals(0, tl.pendingDeadlines());
    }

    @Test
    void deadlines_are_released_in_time_order_and_equal_times_in_schedule_order() {
        EventTimeline<String, String> tl = timeline(0);
        tl.schedule(at(30), "late");
        tl.schedule(at(10), "early");
        tl.schedule(at(10), "early-too");

        tl.advance(at(100));

        assertEquals(List.of("!early@10", "!early-too@10", "!late@30"), rec.take());
    }

    @Test
    void a_deadline_scheduled_from_inside_a_handler_is_released_in_order_within_the_same_advance() {
        EventTimeline<String, String> tl = timeline(5);
        rec.onEvent = (e, ts) -> tl.schedule(ts.plusSeconds(2), "after-" + e);
        tl.submit(at(1), "a");
        tl.submit(at(4), "b");
        assertEquals(List.of(), rec.take());

        tl.advance(at(30));

        assertEquals(List.of("a@1", "!after-a@3", "b@4", "!after-b@6"), rec.take());
    }

    @Test
    void a_deadline_scheduled_from_inside_a_handler_waits_for_its_own_time() {
        EventTimeline<String, String> tl = timeline(5);
        rec.onEvent = (e, ts) -> tl.schedule(ts.plusSeconds(60), "check-" + e);
        tl.submit(at(0), "visit");

        tl.advance(at(5));
        assertEquals(List.of("visit@0"), rec.take());
        assertEquals(1, tl.pendingDeadlines());

        tl.advance(at(65));
        assertEquals(List.of(), rec.take());
        tl.advance(at(66));
        assertEquals(List.of("!check-visit@60"), rec.take());
    }

    @Test
    void a_handler_that_moves_time_itself_is_not_handed_the_next_event_before_it_returns() {
        EventTimeline<String, String> tl = timeline(5);
        rec.onEvent = (event, ts) -> {
            if (event.equals("a")) {
                tl.advance(at(100));
            }
            rec.log.add("done-" + event);
        };
        tl.submit(at(1), "a");
        tl.submit(at(2), "b");

        tl.advance(at(10));

        assertEquals(List.of("a@1", "done-a", "b@2", "done-b"), rec.take());
    }

    @Test
    void a_late_event_can_schedule_a_deadline_that_is_already_due() {
        EventTimeline<String, String> tl = timeline(5);
        rec.onEvent = (e, ts) -> tl.schedule(ts.plusSeconds(1), "after-" + e);
        tl.submit(at(100), "now");
        rec.take();

        tl.submit(at(50), "stale");

        assertEquals(List.of("stale@50", "!after-stale@51"), rec.take());
        assertEquals(1, tl.lateCount());
    }

    @Test
    void a_deadline_already_due_when_scheduled_from_outside_is_released_by_the_next_advance() {
        EventTimeline<String, String> tl = timeline(5);
        tl.advance(at(100));
        tl.schedule(at(10), "overdue");
        assertEquals(List.of(), rec.take());

        tl.advance(at(100));

        assertEquals(List.of("!overdue@10"), rec.take());
    }

    @Test
    void with_reorder_zero_every_event_is_released_at_once() {
        EventTimeline<String, String> tl = timeline(0);
        tl.schedule(at(6), "D");

        tl.submit(at(5), "a");
        assertEquals(List.of("a@5"), rec.take());
        tl.submit(at(5), "b");
        assertEquals(List.of("b@5"), rec.take(), "the same ts is not behind the watermark");
        assertEquals(List.of(), rec.late);

        tl.submit(at(4), "c");
        assertEquals(List.of("c@4"), rec.take());
        assertEquals(List.of("c"), rec.late, "any ts behind the watermark is late");

        tl.submit(at(6), "d");
        assertEquals(List.of("d@6"), rec.take(), "another event stamped 6 would still be on time");
        tl.submit(at(6), "d2");
        tl.advance(at(7));
        assertEquals(List.of("d2@6", "!D@6"), rec.take());
    }

    @Test
    void the_watermark_is_the_largest_ts_seen_and_never_goes_back() {
        EventTimeline<String, String> tl = timeline(5);
        assertNull(tl.watermark());

        tl.advance(at(10));
        tl.advance(at(3));
        assertEquals(at(10), tl.watermark());

        tl.submit(at(8), "e");
        assertEquals(at(10), tl.watermark());
        tl.submit(at(12), "f");
        assertEquals(at(12), tl.watermark());
    }

    @Test
    void nothing_is_released_before_the_first_input() {
        EventTimeline<String, String> tl = timeline(0);
        tl.schedule(at(0), "D");

        assertEquals(List.of(), rec.take());
        assertEquals(1, tl.pendingDeadlines());

        tl.advance(at(0));
        assertEquals(List.of(), rec.take(), "an event stamped 0 may still come");
        tl.advance(at(1));
        assertEquals(List.of("!D@0"), rec.take());
    }

    @Test
    void a_long_stream_mostly_in_order_with_stragglers_and_equal_times_is_released_in_ts_then_arrival_order() {
        EventTimeline<String, String> tl = timeline(30);
        Random random = new Random(7);
        List<String> submitted = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // one in five arrives up to 20 s late (within the 30 s margin); seconds repeat, so many ts are equal
            long ts = i / 10 - (random.nextInt(5) == 0 ? random.nextInt(21) : 0);
            submitted.add("e" + i);
            times.add(Math.max(0, ts));
            tl.submit(at(Math.max(0, ts)), "e" + i);
        }
        tl.advance(at(10_000));

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < submitted.size(); i++) {
            expected.add(i);
        }
        expected.sort(Comparator.comparing(times::get)); // stable: arrival order among equal ts
        assertEquals(expected.stream().map(i -> submitted.get(i) + "@" + times.get(i)).toList(), rec.take());
        assertEquals(0, tl.lateCount());
        assertEquals(0, tl.bufferedEvents());
    }
}
