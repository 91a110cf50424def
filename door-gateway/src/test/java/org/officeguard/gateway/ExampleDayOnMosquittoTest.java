package org.officeguard.gateway;

import org.officeguard.testsupport.MosquittoProcess;

/**
 * The example day against a Mosquitto process started for the test.
 * Runs every {@code @Test} of {@link ExampleDayEndToEndTest}, where the assertions are; this class only starts
 * and stops what it runs on.
 */
class ExampleDayOnMosquittoTest extends ExampleDayEndToEndTest {
    private MosquittoProcess mosquitto;

    @Override
    protected String startBroker() {
        mosquitto = MosquittoProcess.start();
        return mosquitto.url();
    }

    @Override
    protected void stopBroker() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
