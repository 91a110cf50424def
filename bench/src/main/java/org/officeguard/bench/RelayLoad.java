package org.officeguard.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher of badge-sized messages and a subscriber that counts what it receives on its filters, with up to ten
 * end-to-end windows outstanding: the load generator of the raw relay (and of the bare relay beside it).
 */
final class RelayLoad implements AutoCloseable {

    final AtomicLong received = new AtomicLong();
    final byte[] payload = Workload.badgePayload("raw-0000000", Workload.T0, "E00001", "IN");
    final BenchClient publisher;
    private final int outstandingMax;
    private final Semaphore outstanding;
    private final BenchClient subscriber;

    /** {@code durable}: the subscriber's session outlives its connection, as the services' input sessions do. */
    RelayLoad(BenchRun run, String clientIdPrefix, boolean durable, String... filters) throws Exception {
        this.outstandingMax = run.options().e2eWindow() * 10;
        this.outstanding = new Semaphore(outstandingMax);
        subscriber = BenchClient.connect(run.brokerUrl(), clientIdPrefix + "-sub", 1, (topic, message) -> {
            received.incrementAndGet();
            outstanding.release();
        }, durable);
        try {
            publisher = BenchClient.connect(run.brokerUrl(), clientIdPrefix + "-pub", run.options().window(), null);
            subscriber.subscribe(filters);
        } catch (Exception e) {
            subscriber.close();
            throw e;
        }
    }

    /** One message to {@code root}'s front door, once the window allows. */
    Saturation.Step publishing(String root) {
        return () -> {
            outstanding.acquire();
            publisher.publish(root + "/door/front/badge", payload);
        };
    }

    /** Everything published has been received. */
    boolean idle() {
        return outstanding.availablePermits() == outstandingMax;
    }

    @Override
    public void close() {
        try {
            publisher.close();
        } finally {
            subscriber.close();
        }
    }
}
