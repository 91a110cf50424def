package org.officeguard.runtime;

import org.apache.camel.Message;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A message a service publishes: topic, payload, retained flag and MQTT 5 properties (may be null). */
public record Outbound(String topic, byte[] payload, boolean retained, MqttProperties properties) {

    public static Outbound of(String topic, byte[] payload) {
        return new Outbound(topic, payload, false, null);
    }

    public static Outbound retained(String topic, byte[] payload) {
        return new Outbound(topic, payload, true, null);
    }

    /** Turns the body into what camel-paho-mqtt5's producer reads. */
    public static void toMqtt(Message message) {
        Outbound out = message.getBody(Outbound.class);
        message.setHeader(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, out.topic());
        message.setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_RETAINED, out.retained());
        message.setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_QOS, 1);
        if (out.properties() != null) {
            message.setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, out.properties());
        } else {
            message.removeHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES);
        }
        message.setBody(out.payload());
    }
}
