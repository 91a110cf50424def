package org.officeguard.launcher;

import org.officeguard.testsupport.MosquittoProcess;

/** The whole product on a Mosquitto process. */
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
