package org.officeguard.camel.hivemq;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send and receive MQTT 5 messages with the HiveMQ MQTT Client, on one durable session per client id that consumer
 * and producers share; the consumer acknowledges each message after its route has completed, in delivery order.
 *
 * <p>The consumer takes every topic filter of the path on the session named by {@code clientId}; the producer
 * publishes {@link Outbound}s on that session at QoS 1 without blocking.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "hivemq-mqtt5", title = "HiveMQ MQTT 5",
        syntax = "hivemq-mqtt5:topics", category = { Category.MESSAGING, Category.IOT },
        headersClass = HiveMqttConstants.class)
public class HiveMqttEndpoint extends DefaultEndpoint {

    @UriPath(description = "For a consumer, the topic filters to subscribe to at QoS 1, separated by commas: all of"
            + " them on the one session, so that the broker's order holds across them. For a producer, only a name: each"
            + " Outbound it publishes names its own topic.")
    @Metadata(required = true)
    private String topics;
    @UriParam(description = "The MQTT client id, which names the session. Every endpoint of the component with the same"
            + " client id, consumer or producer, shares one durable session (cleanStart=false) on one connection; it"
            + " opens with its first user and closes after its last.")
    @Metadata(required = true)
    private String clientId;
    @UriParam(label = "consumer", javaType = "java.time.Duration", defaultValue = "0",
            description = "The consumer takes the next group of acknowledgements (and calls acknowledgeHook) at least"
                    + " this long after the last one: fewer, larger durable writes for a service whose hook is costly,"
                    + " at the price of later PUBACKs. 0: as soon as the acknowledger is free.")
    private volatile long acknowledgeInterval;
    @UriParam(label = "consumer,advanced",
            description = "Called with each group of completed exchanges, in delivery order, before they are"
                    + " acknowledged: where a service makes its handling durable (its journal, a database commit). If"
                    + " it throws, the group is not acknowledged and the broker delivers it again. A Java object: set"
                    + " it with onAcknowledge, or refer to a bean (#name).")
    private volatile AcknowledgeHook acknowledgeHook;

    HiveMqttEndpoint(String uri, HiveMqttComponent component, String topics) {
        super(uri, component);
        this.topics = topics;
    }

    @Override
    public HiveMqttComponent getComponent() {
        return (HiveMqttComponent) super.getComponent();
    }

    /** One producer per route, each holding the session open while its route runs. */
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
        return Arrays.stream(topics.split(",")).map(String::trim).filter(filter -> !filter.isEmpty()).toList();
    }

    /** Sets {@code acknowledgeHook}: what makes each group durable before it is acknowledged. */
    public void onAcknowledge(AcknowledgeHook hook) {
        setAcknowledgeHook(hook);
    }

    /** Sets {@code acknowledgeInterval}: the next group of acknowledgements waits at least this long after the last. */
    public void acknowledgeAtMostEvery(Duration interval) {
        setAcknowledgeInterval(interval.toMillis());
    }

    public String getTopics() {
        return topics;
    }

    public void setTopics(String topics) {
        this.topics = topics;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** In milliseconds. */
    public long getAcknowledgeInterval() {
        return acknowledgeInterval;
    }

    /** In milliseconds; not negative. */
    public void setAcknowledgeInterval(long acknowledgeInterval) {
        if (acknowledgeInterval < 0) {
            throw new IllegalArgumentException("the acknowledgement interval must not be negative: "
                    + acknowledgeInterval + " ms");
        }
        this.acknowledgeInterval = acknowledgeInterval;
    }

    public AcknowledgeHook getAcknowledgeHook() {
        return acknowledgeHook;
    }

    public void setAcknowledgeHook(AcknowledgeHook acknowledgeHook) {
        this.acknowledgeHook = acknowledgeHook;
    }
}
