package org.officeguard.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The door-gateway's load and what comes back: badges on the front door, person {@code n % people} going IN and
 * (next round) OUT, so every badge is granted and none is a violation; decisions counted, and those of the paced
 * badges ({@code L<i>}) timed from their intended send time.
 */
final class GatewayProbe {

    final AtomicLong decisions = new AtomicLong();
    /** The badges not yet decided, as many as the end-to-end window allows. */
    final Semaphore undecided;
    /** The first seconds at 500/s, measured apart: right after saturation the JIT re-optimises for the new load. */
    final int settleCount;
    /** The badges of one measured round at 500/s ({@code --latency-seconds}). */
    final int roundCount;
    /** The badges sent at 500/s: the settling ones, then {@code --rounds} rounds. */
    final int latencyCount;
    /** The intended send time of each paced badge, and its latency (nanoseconds). */
    final long[] intended;
    final long[] latency;
    final AtomicLong latencyReceived = new AtomicLong();
    private final int window;
    private final int people;
    private final String topic;
    private long sent;

    /** Badges to {@code topic}. */
    GatewayProbe(BenchOptions options, String topic) {
        this.window = options.e2eWindow();
        this.undecided = new Semaphore(window);
        this.people = options.people();
        this.settleCount = (int) (500 * options.settleSeconds());
        this.roundCount = (int) (500 * options.latencySeconds());
        this.latencyCount = settleCount + options.rounds() * roundCount;
        this.intended = new long[latencyCount];
        this.latency = new long[latencyCount];
        this.topic = topic;
    }

    /** The decision subscriber's handler. */
    void received(String decisionTopic, byte[] payload) {
        String decision = new String(payload, StandardCharsets.US_ASCII);
        int eventId = decision.indexOf("\"eventId\":\"") + 11;
        if (decision.charAt(eventId) == 'L') {
            int paced = Integer.parseInt(decision, eventId + 1, decision.indexOf('"', eventId), 10);
            latency[paced] = System.nanoTime() - intended[paced];
            latencyReceived.incrementAndGet();
        } else {
            decisions.incrementAndGet();
            undecided.release();
        }
    }

    /** The next saturating badge, once the end-to-end window allows. */
    void saturating(BenchClient publisher) throws Exception {
        undecided.acquire();
        long number = sent++;
        publisher.publish(topic, badge("S" + number, number));
    }

    /** Every saturating badge has its decision. */
    boolean idle() {
        return undecided.availablePermits() == window;
    }

    /** The {@code paced}-th badge at 500/s, due at {@code due}; it carries on the people where saturation stopped. */
    void paced(BenchClient publisher, int paced, long due) throws Exception {
        intended[paced] = due;
        publisher.publish(topic, badge("L" + paced, sent + paced));
    }

    /** Badge {@code number} of the stream: its person, direction and event time follow from it. */
    private byte[] badge(String eventId, long number) {
        int person = (int) (number % people) + 1;
        String direction = (number / people) % 2 == 0 ? "IN" : "OUT";
        return Workload.badgePayload(eventId, Workload.T0.plusMillis(number), Workload.badge(person), direction);
    }
}
