package org.officeguard.broker;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedBrokerTest {

    private static final String HOST = "127.0.0.1";

    @Test
    void deliversQos1WithResponseTopicAndCorrelationData() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(HOST, 0)) {
            assertTrue(broker.port() > 0);
            assertEquals("tcp://127.0.0.1:" + broker.port(), broker.url());

            List<Arrival> arrivals = new CopyOnWriteArrayList<>();
            MqttClient client = connect(broker.url(), "embedded-broker-test");
            try {
                client.setCallback(new Recorder(arrivals));
                client.subscribe(new MqttSubscription[] {new MqttSubscription("office/+/door/+/badge", 1)}, null);

                MqttProperties properties = new MqttProperties();
                properties.setResponseTopic("reader/front/reply");
                properties.setCorrelationData(new byte[] {1, 2, 3});
                byte[] payload = "{\"eventId\":\"e-1\",\"badge\":\"E001\"}".getBytes(StandardCharsets.UTF_8);
                MqttMessage message = new MqttMessage(payload, 1, false, properties);
                client.publish("office/hq/door/front/badge", message); // returns after PUBACK

                await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.size() == 1);
                Arrival arrival = arrivals.get(0);
                assertEquals("office/hq/door/front/badge", arrival.topic());
                assertEquals("{\"eventId\":\"e-1\",\"badge\":\"E001\"}",
                        new String(arrival.message().getPayload(), StandardCharsets.UTF_8));
                assertEquals(1, arrival.message().getQos());
                assertEquals("reader/front/reply", arrival.message().getProperties().getResponseTopic());
                assertArrayEquals(new byte[] {1, 2, 3}, arrival.message().getProperties().getCorrelationData());
                assertEquals(0, broker.droppedMessages());
            } finally {
                client.disconnect();
                client.close();
            }
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(HOST, 0);
        int port = broker.port();
        broker.close();
        broker.close(); // idempotent
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            assertEquals(port, socket.getLocalPort());
        }
    }

    @Test
    void failsClearlyWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.start(HOST, taken.getLocalPort()));
            assertTrue(refused.getMessage().contains(String.valueOf(taken.getLocalPort())), refused.getMessage());
        }
    }

    static MqttClient connect(String url, String clientId) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        return client;
    }

    record Arrival(String topic, MqttMessage message) {
    }

    /** Records every message; the other callbacks are not needed here. */
    record Recorder(List<Arrival> arrivals) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            arrivals.add(new Arrival(topic, message));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
