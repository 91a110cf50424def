package org.officeguard.runtime;

import java.time.Instant;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Topics;

/**
 * One MQTT message as a service takes it: where it came from, for which site, and its bytes.
 *
 * @param responseTopic the MQTT 5 response topic the sender named; null if none
 * @param correlationData the MQTT 5 correlation data it carried; null if none
 */
public record Envelope(String topic, Topics.Address address, SiteConfig site, byte[] payload,
        String responseTopic, byte[] correlationData, Instant receivedAt) {

    public Topics.Kind kind() {
        return address.kind();
    }

    /** The door, PC, rule or date named in the topic. */
    public String name() {
        return address.name();
    }
}
