package org.officeguard.launcher;

import org.officeguard.testsupport.MosquittoProcess;

/**
 * The whole product on a Mosquitto process.
 * Runs every {@code @Test} of {@link FullDayEndToEndTest}, where the assertions are; this class only starts
 * and stops what it runs on.
 */
class FullDayOnMosquittoTest extends FullDayEndToEndTest {
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
