package org.officeguard.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.officeguard.broker.EmbeddedBroker;
import org.officeguard.camel.hivemq.MqttSettings;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.TestMqttClient;
import org.officeguard.testsupport.TestMqttClient.Received;

/** The benchmark's bare relay through a real broker: it relays and acknowledges every input. */
class BareRelayTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start("127.0.0.1", FreePort.next());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void the_bare_relay_republishes_every_input_under_its_output_root_and_acknowledges_it() throws Exception {
        try (TestMqttClient watcher = TestMqttClient.connect(broker.url(), "bare-watcher").subscribe("bare/out/#");
                BareRelay relay = new BareRelay(MqttSettings.of(broker.url()), "bare-relay", "bare/in", "bare/out");
                TestMqttClient device = TestMqttClient.connect(broker.url(), "bare-device")) {
            for (int message = 1; message <= 50; message++) {
                device.publish("bare/in/door/" + message, "m" + message);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.relayed() == 50 && watcher.received().size() == 50);
            List<Received> relayed = watcher.received();
            assertEquals("bare/out/door/1 m1", relayed.get(0).topic() + " " + relayed.get(0).text());
            assertEquals("bare/out/door/50 m50", relayed.get(49).topic() + " " + relayed.get(49).text());
        }
        // every input was acknowledged: the session the broker kept has nothing to deliver again
        try (BareRelay again = new BareRelay(MqttSettings.of(broker.url()), "bare-relay", "bare/in", "bare/out")) {
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> again.relayed() == 0);
        }
    }
}
