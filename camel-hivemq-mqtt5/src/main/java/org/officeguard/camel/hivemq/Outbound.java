package org.officeguard.camel.hivemq;

/**
 * A message that a {@link HiveMqttProducer} publishes (at QoS 1): the body of an exchange sent to a
 * {@code hivemq-mqtt5} endpoint is one of these or a list of them.
 *
 * @param correlationData the MQTT 5 correlation data of a reply; null for none
 */
public record Outbound(String topic, byte[] payload, boolean retained, byte[] correlationData) {

    public static Outbound of(String topic, byte[] payload) {
        return new Outbound(topic, payload, false, null);
    }

    public static Outbound retained(String topic, byte[] payload) {
        return new Outbound(topic, payload, true, null);
    }
}
