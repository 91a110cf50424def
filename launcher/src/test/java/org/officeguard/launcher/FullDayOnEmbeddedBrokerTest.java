package org.officeguard.launcher;

import org.officeguard.broker.EmbeddedBroker;

/** The whole product on the embedded broker and the embedded database: what {@code demo} runs. */
class FullDayOnEmbeddedBrokerTest extends FullDayEndToEndTest {
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
