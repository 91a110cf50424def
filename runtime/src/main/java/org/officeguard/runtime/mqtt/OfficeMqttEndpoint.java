package org.officeguard.runtime.mqtt;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** A Paho MQTT 5 endpoint whose consumer subscribes to every comma-separated filter of its topic. */
public class OfficeMqttEndpoint extends PahoMqtt5Endpoint {

    public OfficeMqttEndpoint(String uri, String topic, OfficeMqttComponent component,
            PahoMqtt5Configuration configuration) {
        super(uri, topic, component, configuration);
    }

    /** Outputs in flight per publishing session, at most (the broker's receive maximum caps it further). */
    static final int PUBLISH_WINDOW = 1_000;

    private volatile java.util.function.Consumer<List<org.apache.camel.Exchange>> acknowledging = list -> { };

    private volatile java.time.Duration acknowledgementInterval = java.time.Duration.ZERO;

    private AsyncPublisher publisher;

    /**
     * One publisher (one MQTT session) per endpoint, however many routes send to it: a client id is one session.
     * Each route gets its own handle on it, and stopping a route leaves the session open for the others: it
     * closes when the endpoint stops, after every route. (Handing every route the publisher itself let the
     * first route to stop close the session under another route's message, which then waited until the
     * shutdown timed out.)
     */
    @Override
    public synchronized org.apache.camel.Producer createProducer() {
        if (publisher == null) {
            publisher = new AsyncPublisher(this, PUBLISH_WINDOW);
        }
        return new SharedPublisher(this, publisher);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        AsyncPublisher p;
        synchronized (this) {
            p = publisher;
            publisher = null;
        }
        org.apache.camel.support.service.ServiceHelper.stopService(p);
    }

    /** A route's handle on the endpoint's publisher: starts it if need be, never stops it. */
    private static final class SharedPublisher extends org.apache.camel.support.DefaultAsyncProducer {
        private final AsyncPublisher publisher;

        SharedPublisher(OfficeMqttEndpoint endpoint, AsyncPublisher publisher) {
            super(endpoint);
            this.publisher = publisher;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            org.apache.camel.support.service.ServiceHelper.startService(publisher);
        }

        @Override
        public boolean process(org.apache.camel.Exchange exchange, org.apache.camel.AsyncCallback callback) {
            return publisher.process(exchange, callback);
        }
    }

    /**
     * Called by the consumer with the exchanges it is about to acknowledge, in the order the broker
     * delivered them, before the acknowledgements are sent: where a service makes its handling durable
     * (its journal) in that order.
     */
    public void onAcknowledge(java.util.function.Consumer<List<org.apache.camel.Exchange>> hook) {
        this.acknowledging = hook;
    }

    /**
     * Takes the next group of acknowledgements (and calls the hook) at least this long after the last one:
     * fewer, larger durable writes for a service whose hook is costly, at the price of later PUBACKs.
     * Zero (the default): as soon as the acknowledger is free.
     */
    public void acknowledgeAtMostEvery(java.time.Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("acknowledgement interval must not be negative: " + interval);
        }
        this.acknowledgementInterval = interval;
    }

    java.time.Duration acknowledgementInterval() {
        return acknowledgementInterval;
    }

    java.util.function.Consumer<List<org.apache.camel.Exchange>> acknowledging() {
        return acknowledging;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MultiTopicConsumer consumer = new MultiTopicConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The topic filters this endpoint subscribes to. */
    public List<String> topicFilters() {
        return Arrays.stream(getTopic().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    MqttConnectionOptions connectionOptions() {
        return createMqttConnectionOptions();
    }
}
