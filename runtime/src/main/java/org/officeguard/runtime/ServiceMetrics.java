package org.officeguard.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** The counters a service shows on {@code /health}. */
public final class ServiceMetrics {
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong published = new AtomicLong();

    public void taken() {
        taken.incrementAndGet();
    }

    public void deadLettered() {
        deadLettered.incrementAndGet();
    }

    public void published(int n) {
        published.addAndGet(n);
    }

    /** Back to zero: the replay of the journal at start-up is not traffic. */
    void reset() {
        taken.set(0);
        deadLettered.set(0);
        published.set(0);
    }

    public long takenCount() {
        return taken.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    public long publishedCount() {
        return published.get();
    }
}
