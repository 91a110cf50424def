package org.officeguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestMqttClientTest {

    private static MosquittoProcess mosquitto;

    @BeforeAll
    static void startBroker() {
        mosquitto = MosquittoProcess.start();
    }

    @AfterAll
    static void stopBroker() {
        mosquitto.close();
    }

    @Test
    void recordsMessagesInArrivalOrderAndFiltersThem() {
        try (TestMqttClient observer = client("observer").subscribe("office/+/door/+/badge", "office/hq/clock");
             TestMqttClient device = client("device")) {
            for (int i = 0; i < 200; i++) {
                device.publish("office/hq/door/d" + (i % 3) + "/badge", "{\"n\":" + i + "}");
            }
            device.publish("office/hq/clock", "{\"ts\":\"2026-11-25T09:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
            device.publish("office/hq/pc/pc1/state", "not subscribed");

            TestMqttClient.Received clock = observer.awaitOne("office/hq/clock", r -> true);
            assertEquals("{\"ts\":\"2026-11-25T09:00:00Z\"}", clock.text());
            assertFalse(clock.retained());
            assertNull(clock.responseTopic());

            List<String> badges = observer.received("office/hq/door/+/badge").stream()
                    .map(TestMqttClient.Received::text).toList();
            assertEquals(IntStream.range(0, 200).mapToObj(i -> "{\"n\":" + i + "}").toList(), badges);
            assertEquals(67, observer.received("office/hq/door/d0/badge").size());
            assertEquals(201, observer.received().size());
            assertEquals(clock, observer.received().get(200), "arrival order");

            observer.clear();
            assertTrue(observer.received().isEmpty());
            device.publish("office/hq/door/d1/badge", "{\"n\":200}");
            assertEquals("office/hq/door/d1/badge",
                    observer.awaitOne("office/#", r -> r.text().contains("200")).topic());
        }
    }

    @Test
    void keepsResponseTopicAndCorrelationData() {
        try (TestMqttClient observer = client("rr-observer").subscribe("office/lab/door/main/badge");
             TestMqttClient device = client("rr-device")) {
            byte[] correlation = {7, 0, 7};
            device.publishWithResponseTopic("office/lab/door/main/badge", "{\"eventId\":\"rt-1\"}",
                    "test/replies/main", correlation);
            TestMqttClient.Received request = observer.awaitOne("office/lab/door/+/badge",
                    r -> r.text().contains("rt-1"));
            assertEquals("test/replies/main", request.responseTopic());
            assertArrayEquals(correlation, request.correlationData());
        }
    }

    @Test
    void marksMessagesFromTheRetainedStore() throws Exception {
        MqttAsyncClient reporter = new MqttAsyncClient(mosquitto.url(), "retained-reporter", new MemoryPersistence());
        reporter.connect().waitForCompletion(10_000);
        byte[] payload = "{\"day\":1}".getBytes(StandardCharsets.UTF_8);
        reporter.publish("office/hq/report/2026-11-25", new MqttMessage(payload, 1, true, null))
                .waitForCompletion(10_000);
        reporter.disconnect().waitForCompletion(10_000);
        reporter.close();

        try (TestMqttClient reader = client("retained-reader").subscribe("office/hq/report/+")) {
            TestMqttClient.Received report = reader.awaitOne("office/hq/report/2026-11-25", r -> true);
            assertTrue(report.retained());
            assertEquals("{\"day\":1}", report.text());
        }
    }

    private static TestMqttClient client(String id) {
        return TestMqttClient.connect(mosquitto.url(), "test-mqtt-client-" + id);
    }
}
