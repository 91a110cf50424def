package org.officeguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MosquittoProcessTest {

    @Test
    void startsOnAFreePortAndReleasesItOnClose() throws IOException {
        MosquittoProcess mosquitto = MosquittoProcess.start();
        int port = mosquitto.port();
        assertEquals("tcp://127.0.0.1:" + port, mosquitto.url());
        try (TestMqttClient client = TestMqttClient.connect(mosquitto.url(), "mosquitto-process-test")) {
            client.subscribe("ping").publish("ping", "pong");
            assertEquals("pong", client.awaitOne("ping", r -> true).text());
        } finally {
            mosquitto.close();
        }
        assertTrue(mosquitto.log().startsWith("(no log"), "the temporary folder is deleted");
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, socket.getLocalPort(), "the port is free again");
        }
    }

    @Test
    void appliesExtraConfigLines() {
        try (MosquittoProcess mosquitto = MosquittoProcess.start("allow_anonymous false")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TestMqttClient.connect(mosquitto.url(), "anonymous"));
            assertTrue(refused.getMessage().contains("anonymous"), refused.getMessage());
            assertTrue(mosquitto.log().contains("not authorised"), mosquitto.log());
        }
    }

    @Test
    void namesTheClientThatPublishedEachMessageWhenItLogsEveryPacket() {
        try (MosquittoProcess mosquitto = MosquittoProcess.start(MosquittoProcess.LOG_EVERY_PACKET);
                TestMqttClient first = TestMqttClient.connect(mosquitto.url(), "first-publisher");
                TestMqttClient second = TestMqttClient.connect(mosquitto.url(), "second-publisher")) {
            first.subscribe("a/b");
            first.publish("a/b", "1");
            second.publishRetained("a/b", "2");
            second.publish("a/c", "3");
            first.awaitOne("a/b", r -> r.text().equals("2"));
            assertEquals(List.of("first-publisher", "second-publisher"), mosquitto.publishersOf("a/b"));
            assertEquals(List.of("second-publisher"), mosquitto.publishersOf("a/c"));
            assertEquals(List.of(), mosquitto.publishersOf("a/+"), "a topic, not a filter");
        }
    }

    @Test
    void saysHowToInstallMosquittoWhenItIsMissing() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> MosquittoProcess.locate(List.of(Path.of("/nonexistent/mosquitto"))));
        assertTrue(missing.getMessage().contains("scripts/test.sh"), missing.getMessage());
        assertTrue(missing.getMessage().contains("apt-get install mosquitto"), missing.getMessage());
    }
}
