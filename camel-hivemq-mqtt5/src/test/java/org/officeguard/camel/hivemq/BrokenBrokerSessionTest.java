package org.officeguard.camel.hivemq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A broker whose session for a service is broken for good — it sends two messages in flight under one packet
 * identifier on every connection that resumes the session, as Mosquitto 2.0.11 does after a backlog of more than
 * 65,535 — must not keep the service reconnecting for ever: after three such
 * connections the session starts afresh, subscribes again and takes new messages, and says that it did.
 */
class BrokenBrokerSessionTest {

    @Test
    void a_session_the_broker_keeps_breaking_is_started_afresh_once_and_subscribed_again() throws Exception {
        try (PoisonedSessionBroker broker = PoisonedSessionBroker.start()) {
            MqttSession session = new MqttSession("poisoned", MqttSettings.of(broker.url()));
            List<String> received = new CopyOnWriteArrayList<>();
            session.attach(message -> {
                received.add(StandardCharsets.UTF_8.decode(message.getPayload().orElseThrow()).toString());
                session.acknowledge(message);
            });
            try {
                session.open();
                session.subscribe(List.of("in/#"));
                assertNull(session.lastDiscard());

                await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("fresh"));
                List<PoisonedSessionBroker.Connection> connections = broker.connections();
                assertEquals(List.of(false, false, false, true), connections.stream().map(c -> c.cleanStart).toList(),
                        "resumed until the third breach in a row, then started afresh");
                PoisonedSessionBroker.Connection fresh = connections.get(3);
                assertEquals(List.of("in/#"), fresh.subscribed, "the fresh session subscribed again");
                await().atMost(Duration.ofSeconds(10)).until(() -> fresh.acknowledged.contains(1));
                assertEquals(1, session.sessionsDiscarded());
                assertNotNull(session.lastDiscard());
                assertTrue(session.lastDiscard().reason().contains("must not be resent"), session.lastDiscard().reason());

                // The fresh session is kept like any other: the next reconnect resumes it.
                broker.dropConnection();
                await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 5 && session.isConnected());
                assertEquals(false, connections.get(4).cleanStart);
                assertEquals(1, session.sessionsDiscarded());
            } finally {
                session.close();
            }
        }
    }
}
