package org.officeguard.runtime;

import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.officeguard.camel.hivemq.HiveMqttConstants;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Topics;

/**
 * The first step of every input: turns the MQTT message into an {@link Envelope} and keeps the raw topic and payload
 * on the exchange (for the dead letter and the journal). An unknown site or topic is bad input.
 */
public final class Envelopes implements Processor {

    /** The name of the service that took the input. */
    public static final String SERVICE_PROPERTY = "officeguard.service";
    public static final String RAW_TOPIC_PROPERTY = "officeguard.rawTopic";
    public static final String RAW_PAYLOAD_PROPERTY = "officeguard.rawPayload";
    private static final String ENVELOPE_PROPERTY = "officeguard.envelope";

    private final String service;
    private final ServiceContext context;
    private final Map<String, SiteConfig> sites;
    private final ServiceMetrics metrics;

    Envelopes(String service, ServiceContext context, ServiceMetrics metrics) {
        this.service = service;
        this.context = context;
        this.sites = context.sitesById();
        this.metrics = metrics;
    }

    /** True for an input of this kind: the condition of a {@code choice().when(...)}. */
    public static Predicate kind(Topics.Kind kind) {
        return exchange -> exchange.getMessage().getBody(Envelope.class).kind() == kind;
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(HiveMqttConstants.TOPIC, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(SERVICE_PROPERTY, service);
        exchange.setProperty(RAW_TOPIC_PROPERTY, topic);
        exchange.setProperty(RAW_PAYLOAD_PROPERTY, payload);
        Topics.Address address = context.topics().parse(topic).orElse(null);
        SiteConfig site = address == null ? null : sites.get(address.site());
        metrics.taken(site == null ? ServiceMetrics.UNKNOWN_SITE : site.site());
        if (address == null) {
            throw new InvalidInputException("topic '" + topic + "' is not one officeguard reads");
        }
        if (site == null) {
            throw new InvalidInputException("unknown site '" + address.site() + "' (served here: "
                    + String.join(", ", sites.keySet()) + ")");
        }
        Envelope envelope = new Envelope(topic, address, site, payload,
                exchange.getMessage().getHeader(HiveMqttConstants.RESPONSE_TOPIC, String.class),
                exchange.getMessage().getHeader(HiveMqttConstants.CORRELATION_DATA, byte[].class), Instant.now());
        exchange.setProperty(ENVELOPE_PROPERTY, envelope);
        exchange.getMessage().setBody(envelope);
    }

    /** The input's envelope, kept while the body becomes what the rules publish; null if it never had one. */
    static Envelope of(Exchange exchange) {
        return exchange.getProperty(ENVELOPE_PROPERTY, Envelope.class);
    }

    /** The step of a {@code choice().otherwise()}: an input of a kind the service does not take. */
    public static void notAnInput(Exchange exchange) {
        Envelope in = exchange.getMessage().getBody(Envelope.class);
        throw new InvalidInputException("topic '" + in.topic() + "' is not an input of this service");
    }
}
