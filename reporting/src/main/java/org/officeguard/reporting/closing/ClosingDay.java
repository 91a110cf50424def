package org.officeguard.reporting.closing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.officeguard.core.retry.Backoff;

/**
 * One day of one site on its way to a final report (SPEC §4, docs/decisions.md "Day close"):
 *
 * <pre>
 *   OPEN ──watermark past the close point──▶ SETTLING ──settle over, report written, marked──▶ FINAL
 *                                               │   ▲                                             ▲
 *                                   attempt failed  └─ a violation restarts the settle            │
 *                                               ▼                                                 │
 *                                            RETRYING ──back-off over, report written, marked─────┘
 *                                               └─ attempt failed: the next, longer back-off
 *
 *   FINAL ──new data for the day (a cut site's backlog)──▶ CORRECTING ──settle over, report rewritten──▶ FINAL
 *                                                             └─ more data: settles again; failed: back-off
 * </pre>
 *
 * A CORRECTING day is still final: its report was published and mailed, and is rewritten from what is stored now.
 *
 * Not thread-safe: the closer's lock guards it.
 */
public final class ClosingDay {

    public enum State {
        /** The watermark has not passed the day's close point: its inputs may still come on time. */
        OPEN,
        /**
         * The close point has passed; the day waits a short settle of wall time, restarted by every violation for it,
         * for the violations still in flight (the tick that closes it may fire its last LOCKUP_MISSING).
         */
        SETTLING,
        /** An attempt to make the report final failed; the day waits out its back-off, then is tried again. */
        RETRYING,
        /** The report is written, published and the database says the day is closed: closed once, never again. */
        FINAL,
        /**
         * A final day for which new data was stored (a site's backlog that came after the close): after a settle of
         * wall time, restarted by more of it, its report is rewritten and published again; then FINAL.
         */
        CORRECTING
    }

    private final LocalDate date;
    private final Instant closesAt;
    private final Backoff.Attempts attempts;
    private State state;
    /** SETTLING, RETRYING and CORRECTING: when (wall clock) to try to write the report. */
    private Instant dueAt;

    private ClosingDay(LocalDate date, Instant closesAt, Backoff retry, State state) {
        this.date = date;
        this.closesAt = closesAt;
        this.attempts = retry.attempts();
        this.state = state;
    }

    /** A day whose report is not final: OPEN. */
    static ClosingDay open(LocalDate date, Instant closesAt, Backoff retry) {
        return new ClosingDay(date, closesAt, retry, State.OPEN);
    }

    /** A day the database already says is closed: FINAL. */
    static ClosingDay alreadyFinal(LocalDate date, Instant closesAt, Backoff retry) {
        return new ClosingDay(date, closesAt, retry, State.FINAL);
    }

    public LocalDate date() {
        return date;
    }

    public State state() {
        return state;
    }

    /** Closed: its report was made final (and may be being corrected). */
    public boolean isFinal() {
        return state == State.FINAL || state == State.CORRECTING;
    }

    /** Whether the day's final report waits to be rewritten. */
    public boolean isCorrecting() {
        return state == State.CORRECTING;
    }

    /**
     * New data for the day was stored: a FINAL day is to be rewritten from {@code settledAt} on (CORRECTING); a
     * CORRECTING one waits at least until then. Returns whether the day is correcting.
     */
    boolean dataCameAfterClose(Instant settledAt) {
        if (state == State.FINAL) {
            state = State.CORRECTING;
            dueAt = settledAt;
        } else if (state == State.CORRECTING && settledAt.isAfter(dueAt)) {
            dueAt = settledAt;
        }
        return state == State.CORRECTING;
    }

    /** CORRECTING → FINAL: the report is rewritten. */
    void corrected() {
        require(state == State.CORRECTING, "correct");
        state = State.FINAL;
        dueAt = null;
        attempts.succeeded();
    }

    /** The day's close point: its next local midnight plus the largest grace period and the reorder margin. */
    Instant closesAt() {
        return closesAt;
    }

    /** Whether this day is OPEN and {@code watermark} is past its close point. */
    boolean closePointPassedBy(Instant watermark) {
        return state == State.OPEN && watermark.isAfter(closesAt);
    }

    /** OPEN → SETTLING, due at {@code settledAt}. */
    void settle(Instant settledAt) {
        require(state == State.OPEN, "settle");
        state = State.SETTLING;
        dueAt = settledAt;
    }

    /**
     * A violation for the day came: a SETTLING or RETRYING day waits at least until {@code settledAt}. A back-off is
     * not cut short; OPEN and FINAL days do not change.
     */
    void violationCame(Instant settledAt) {
        if (waits() && settledAt.isAfter(dueAt)) {
            dueAt = settledAt;
        }
    }

    /** Whether the day's wait is over at {@code now}: its report is to be made final, or rewritten. */
    boolean isDue(Instant now) {
        return (waits() || state == State.CORRECTING) && !dueAt.isAfter(now);
    }

    /**
     * SETTLING or RETRYING → RETRYING, CORRECTING stays: the attempt at {@code now} failed; returns the back-off
     * before the next.
     */
    Duration attemptFailed(Instant now) {
        require(waits() || state == State.CORRECTING, "fail an attempt");
        Duration wait = attempts.failed();
        state = state == State.CORRECTING ? State.CORRECTING : State.RETRYING;
        dueAt = now.plus(wait);
        return wait;
    }

    /** Attempts that failed in a row. */
    int failures() {
        return attempts.failures();
    }

    /** SETTLING or RETRYING → FINAL. */
    void madeFinal() {
        require(waits(), "make final");
        state = State.FINAL;
        dueAt = null;
        attempts.succeeded();
    }

    private boolean waits() {
        return state == State.SETTLING || state == State.RETRYING;
    }

    private void require(boolean allowed, String transition) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + transition + " day " + date + " in state " + state);
        }
    }

    @Override
    public String toString() {
        return date + " " + state + (dueAt == null ? "" : " due " + dueAt);
    }
}
