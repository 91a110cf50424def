package org.officeguard.launcher;

import org.officeguard.runtime.AppConfig;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.PostgresProcess;

/**
 * The whole product on Mosquitto with the reports kept in a real PostgreSQL server.
 * Runs every {@code @Test} of {@link FullDayEndToEndTest}, where the assertions are; this class only starts
 * and stops what it runs on.
 */
class FullDayOnPostgresTest extends FullDayEndToEndTest {
    private MosquittoProcess mosquitto;
    private PostgresProcess postgres;

    @Override
    protected String startBroker() {
        mosquitto = MosquittoProcess.start();
        return mosquitto.url();
    }

    @Override
    protected AppConfig database(AppConfig config) {
        postgres = PostgresProcess.start();
        return config.withJdbc(postgres.createDatabase("officeguard_e2e"), postgres.user(), "");
    }

    @Override
    protected void stopBroker() {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
