package org.officeguard.runtime.mqtt;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5ComponentConfigurer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5EndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;

/**
 * camel-paho-mqtt5, with one addition: a consumer endpoint may name several topic filters, separated
 * by commas, and they are all subscribed on ONE client session. SPEC §4 needs that: a service must
 * take a site's inputs in the order the broker received them, across topics (a visitor registration
 * and the badge that follows it, say), and separate sessions per topic do not keep that order.
 * Producers, configuration and properties ({@code camel.component.paho-mqtt5.*}) are Paho's own.
 */
public class OfficeMqttComponent extends PahoMqtt5Component {

    private static final PropertyConfigurer COMPONENT_CONFIGURER = new PahoMqtt5ComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_CONFIGURER = new PahoMqtt5EndpointConfigurer();

    /** Paho's generated configurers are registered for its own class: reuse them for this subclass. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_CONFIGURER;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_CONFIGURER;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PahoMqtt5Configuration configuration = getConfiguration().copy();
        OfficeMqttEndpoint endpoint = new OfficeMqttEndpoint(uri, remaining, this, configuration);
        endpoint.setClient(getClient());
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
