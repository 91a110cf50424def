package org.officeguard.runtime;

import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A message a service publishes: topic, payload, retained flag and MQTT 5 properties (may be null). */
public record Outbound(String topic, byte[] payload, boolean retained, MqttProperties properties) {

    public static Outbound of(String topic, byte[] payload) {
        return new Outbound(topic, payload, false, null);
    }

    public static Outbound retained(String topic, byte[] payload) {
        return new Outbound(topic, payload, true, null);
    }
}
