package org.officeguard.bridge;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.officeguard.camel.hivemq.HiveMqttConstants;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.runtime.CommonRoutes;
import org.officeguard.runtime.Envelopes;
import org.officeguard.runtime.ServiceMetrics;

/**
 * The first step of every message the bridge takes, as {@link Envelopes} is for the other services: which device
 * (and site) it comes from, as a {@link DeviceInput}; the raw topic and payload stay on the exchange for the dead
 * letter and the journal, and a refused message goes to its site's dead-letter topic. A topic that no site file lists
 * is bad input (SPEC §8): a subscription the broker kept from a site file that listed the device then.
 */
final class DeviceInputs implements Processor {

    private final String service;
    private final DeviceDirectory directory;
    private final ServiceMetrics metrics;

    DeviceInputs(String service, DeviceDirectory directory, ServiceMetrics metrics) {
        this.service = service;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** True for a message of a device of this kind: the condition of a {@code choice().when(...)}. */
    static Predicate kind(Device.Kind kind) {
        return exchange -> exchange.getMessage().getBody(DeviceInput.class).kind() == kind;
    }

    /** True for a site's clock tick. */
    static Predicate clockTick() {
        return exchange -> exchange.getMessage().getBody(DeviceInput.class).clockTick();
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(HiveMqttConstants.TOPIC, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(Envelopes.SERVICE_PROPERTY, service);
        exchange.setProperty(Envelopes.RAW_TOPIC_PROPERTY, topic);
        exchange.setProperty(Envelopes.RAW_PAYLOAD_PROPERTY, payload);
        DeviceInput input = directory.find(topic, payload == null ? new byte[0] : payload).orElse(null);
        if (input == null) {
            metrics.taken(ServiceMetrics.UNKNOWN_SITE);
            throw new InvalidInputException("topic '" + topic + "' is not the topic of a device in the site files"
                    + " served here");
        }
        metrics.taken(input.site().site());
        exchange.setProperty(CommonRoutes.DEAD_LETTER_SITE, input.site().site());
        exchange.getMessage().setBody(input);
    }
}
