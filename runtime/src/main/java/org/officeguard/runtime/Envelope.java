package org.officeguard.runtime;

import java.time.Instant;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Topics;

/** One MQTT message as a service takes it: where it came from, for which site, and its bytes. */
public record Envelope(String topic, Topics.Address address, SiteConfig site, byte[] payload,
        MqttProperties properties, Instant receivedAt) {

    public Topics.Kind kind() {
        return address.kind();
    }

    /** The door, PC, rule or date named in the topic. */
    public String name() {
        return address.name();
    }
}
