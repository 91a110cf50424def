package org.officeguard.camel.hivemq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service acknowledges an input only once its outputs are acknowledged, and its outputs go out on the same session.
 * When the broker breaks the protocol while such inputs are held, their outputs cannot be acknowledged until the
 * session reconnects: the reconnect must not wait for the service to finish them. The session lets go of them, resumes
 * at once, and the inputs come again and are finished on the next connection; nothing is discarded.
 */
class BreachWithOutputsInFlightTest {

    @Test
    void a_breach_while_held_inputs_wait_for_their_outputs_resumes_the_session_at_once() throws Exception {
        try (PoisonedSessionBroker broker = PoisonedSessionBroker.breakingOnce()) {
            MqttSession session = new MqttSession("relay", MqttSettings.of(broker.url()));
            // As a service's inbox does: each input has an output, and is acknowledged once the output is.
            session.attach(input -> {
                String text = StandardCharsets.UTF_8.decode(input.getPayload().orElseThrow()).toString();
                session.publish(Outbound.of("out/relay", ("out-" + text).getBytes(StandardCharsets.UTF_8)))
                        .thenRun(() -> session.acknowledge(input));
            });
            try {
                session.open();
                session.subscribe(List.of("in/#"));

                // Well within the two minutes a reconnect once waited for the held inputs (and never got them).
                await().atMost(Duration.ofSeconds(15)).until(() -> broker.connections().size() >= 2
                        && broker.connections().get(1).acknowledged.containsAll(List.of(1, 7)));
                PoisonedSessionBroker.Connection first = broker.connections().get(0);
                PoisonedSessionBroker.Connection second = broker.connections().get(1);
                assertEquals(List.of(), first.acknowledged, "nothing acknowledged on the broken connection");
                assertTrue(first.published.contains("out-a"), "the output was in flight at the breach");
                assertEquals(false, second.cleanStart, "the session resumed");
                assertTrue(second.published.containsAll(List.of("out-a", "out-b")), String.valueOf(second.published));
                assertEquals(0, session.sessionsDiscarded());
                assertEquals(2, broker.connections().size(), "one reconnect was enough");
            } finally {
                session.close();
            }
        }
    }
}
