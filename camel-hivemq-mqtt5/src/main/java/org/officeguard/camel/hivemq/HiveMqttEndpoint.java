package org.officeguard.camel.hivemq;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * An MQTT endpoint of {@link HiveMqttComponent}: its consumer takes every filter of the path on the session
 * named by {@code clientId}; its producer publishes {@link Outbound}s on that session.
 */
public class HiveMqttEndpoint extends DefaultEndpoint {

    /** The topic a consumed message came on. */
    public static final String TOPIC = "OfficeguardMqttTopic";
    /** The MQTT 5 response topic of a consumed message, when it named one. */
    public static final String RESPONSE_TOPIC = "OfficeguardMqttResponseTopic";
    /** The MQTT 5 correlation data of a consumed message, when it carried some. */
    public static final String CORRELATION_DATA = "OfficeguardMqttCorrelationData";

    private final String path;
    private final String clientId;
    private volatile java.util.function.Consumer<List<Exchange>> acknowledging = list -> { };
    private volatile Duration acknowledgementInterval = Duration.ZERO;

    HiveMqttEndpoint(String uri, HiveMqttComponent component, String path, String clientId) {
        super(uri, component);
        this.path = path;
        this.clientId = clientId;
    }

    @Override
    public HiveMqttComponent getComponent() {
        return (HiveMqttComponent) super.getComponent();
    }

    /** One publisher per route, each holding the session open while its route runs. */
    @Override
    public Producer createProducer() {
        return new HiveMqttProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        HiveMqttConsumer consumer = new HiveMqttConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    MqttSession acquireSession() {
        return getComponent().acquire(clientId);
    }

    void releaseSession(MqttSession session) {
        getComponent().release(session);
    }

    /** The topic filters this endpoint subscribes to. */
    public List<String> topicFilters() {
        return Arrays.stream(path.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Called by the consumer with the exchanges it is about to acknowledge, in the order the broker
     * delivered them, before the acknowledgements are sent: where a service makes its handling durable
     * (its journal) in that order.
     */
    public void onAcknowledge(java.util.function.Consumer<List<Exchange>> hook) {
        this.acknowledging = hook;
    }

    /**
     * Takes the next group of acknowledgements (and calls the hook) at least this long after the last one:
     * fewer, larger durable writes for a service whose hook is costly, at the price of later PUBACKs.
     * Zero (the default): as soon as the acknowledger is free.
     */
    public void acknowledgeAtMostEvery(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("acknowledgement interval must not be negative: " + interval);
        }
        this.acknowledgementInterval = interval;
    }

    Duration acknowledgementInterval() {
        return acknowledgementInterval;
    }

    java.util.function.Consumer<List<Exchange>> acknowledging() {
        return acknowledging;
    }

    String clientId() {
        return clientId;
    }
}
