package org.officeguard.gateway;

import org.officeguard.broker.EmbeddedBroker;

/**
 * The example day against the embedded broker that {@code ./officeguard serve} starts.
 * Runs every {@code @Test} of {@link ExampleDayEndToEndTest}, where the assertions are; this class only starts
 * and stops what it runs on.
 */
class ExampleDayOnEmbeddedBrokerTest extends ExampleDayEndToEndTest {
    private EmbeddedBroker broker;

    @Override
    protected String startBroker() {
        broker = EmbeddedBroker.start("127.0.0.1", 0);
        return broker.url();
    }

    @Override
    protected void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }
}
