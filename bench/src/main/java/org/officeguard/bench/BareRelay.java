package org.officeguard.bench;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.officeguard.camel.hivemq.MqttSession;
import org.officeguard.camel.hivemq.MqttSettings;
import org.officeguard.camel.hivemq.Outbound;

/**
 * Republishes every message under {@code in} to the same topic under {@code out}, through one session as a service
 * uses it: QoS 1 both ways, each input acknowledged once its output has been acknowledged by the broker, cleanStart
 * false. No Camel, no rules, no JSON, no journal. The benchmark runs it beside the door-gateway: what a service on
 * this MQTT client could relay if its own work cost nothing, on the same broker and the same cores.
 *
 * <p>It is the benchmark's alone, so it ships in the bench module; it stays in the session's package because it
 * drives {@link MqttSession} directly, which the services reach only through their Camel endpoints.
 */
public final class BareRelay implements AutoCloseable {

    private final MqttSession session;
    private final String in;
    private final String out;
    private final AtomicLong relayed = new AtomicLong();

    /** Connects as {@code clientId} and relays {@code in/#} to {@code out/...} until closed. */
    public BareRelay(MqttSettings settings, String clientId, String in, String out) {
        this.in = in;
        this.out = out;
        this.session = new MqttSession(clientId, settings);
        session.open();
        try {
            session.subscribe(List.of(in + "/#"));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        session.attach(this::relay);
    }

    private void relay(Mqtt5Publish message) {
        String topic = out + message.getTopic().toString().substring(in.length());
        session.publish(Outbound.of(topic, message.getPayloadAsBytes())).whenComplete((result, failure) -> {
            if (failure == null && result.getError().isEmpty()) {
                relayed.incrementAndGet();
                session.acknowledge(message);
            } // else left unacknowledged: a benchmark run that loses one shows it as missing
        });
    }

    /** Inputs whose output the broker has acknowledged. */
    public long relayed() {
        return relayed.get();
    }

    @Override
    public void close() {
        session.detach();
        session.close();
    }
}
