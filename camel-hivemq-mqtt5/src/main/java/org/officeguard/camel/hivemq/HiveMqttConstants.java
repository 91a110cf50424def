package org.officeguard.camel.hivemq;

import org.apache.camel.spi.Metadata;

/** The headers a {@link HiveMqttConsumer} sets on each message it takes. */
public final class HiveMqttConstants {

    @Metadata(label = "consumer", description = "The topic the message came on.", javaType = "String")
    public static final String TOPIC = "CamelHiveMqtt5Topic";

    @Metadata(label = "consumer", description = "The MQTT 5 response topic of the message, when it names one.",
            javaType = "String")
    public static final String RESPONSE_TOPIC = "CamelHiveMqtt5ResponseTopic";

    @Metadata(label = "consumer", description = "The MQTT 5 correlation data of the message, when it carries some.",
            javaType = "byte[]")
    public static final String CORRELATION_DATA = "CamelHiveMqtt5CorrelationData";

    private HiveMqttConstants() {
    }
}
