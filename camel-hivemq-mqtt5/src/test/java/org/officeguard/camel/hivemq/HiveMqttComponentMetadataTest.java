package org.officeguard.camel.hivemq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/**
 * What Camel's build tooling generates from the component's annotations: the scheme resolves to the component with
 * nothing bound, the metadata JSON lists every option with a description (where Camel tooling reads them), and URI
 * and component options are set through the generated configurers.
 */
class HiveMqttComponentMetadataTest {

    @Test
    void the_metadata_lists_every_option_with_its_description_and_default() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            JsonNode schema = new ObjectMapper().readTree(camel.getComponentParameterJsonSchema("hivemq-mqtt5"));

            assertEquals("hivemq-mqtt5:topics", schema.at("/component/syntax").asText());
            assertEquals("messaging,iot", schema.at("/component/label").asText());
            assertEquals(HiveMqttComponent.class.getName(), schema.at("/component/javaType").asText());

            JsonNode endpoint = schema.get("properties");
            assertEquals(List.of("topics", "clientId", "acknowledgeInterval", "acknowledgeHook", "bridgeErrorHandler",
                    "exceptionHandler", "exchangePattern", "lazyStartProducer"), names(endpoint));
            assertEquals("path", endpoint.at("/topics/kind").asText());
            assertTrue(endpoint.at("/topics/required").asBoolean());
            assertTrue(endpoint.at("/clientId/required").asBoolean());
            assertEquals("duration", endpoint.at("/acknowledgeInterval/type").asText());
            assertEquals("0", endpoint.at("/acknowledgeInterval/defaultValue").asText());
            assertEquals(AcknowledgeHook.class.getName(), endpoint.at("/acknowledgeHook/javaType").asText());

            JsonNode component = schema.get("componentProperties");
            for (String option : List.of("brokerUrl", "username", "password", "caCertificate", "sessionExpiryInterval",
                    "healthCheckConsumerEnabled")) {
                assertTrue(component.has(option), option + " in " + names(component));
            }
            assertEquals("tcp://localhost:1883", component.at("/brokerUrl/defaultValue").asText());
            assertEquals("86400", component.at("/sessionExpiryInterval/defaultValue").asText());
            assertTrue(component.at("/password/secret").asBoolean());

            for (JsonNode options : List.of(endpoint, component)) {
                options.fields().forEachRemaining(option -> assertFalse(
                        option.getValue().path("description").asText().isBlank(), option.getKey() + " has no description"));
            }
            assertEquals(List.of(HiveMqttConstants.TOPIC, HiveMqttConstants.RESPONSE_TOPIC,
                    HiveMqttConstants.CORRELATION_DATA), names(schema.get("headers")));
        }
    }

    @Test
    void uri_options_are_set_through_the_generated_endpoint_configurer() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            AcknowledgeHook journal = group -> { };
            camel.getRegistry().bind("journal", journal);

            HiveMqttEndpoint endpoint = camel.getEndpoint(
                    "hivemq-mqtt5:site/+/badge,site/+/visitor?clientId=gateway&acknowledgeInterval=100ms"
                            + "&acknowledgeHook=#journal", HiveMqttEndpoint.class);

            assertInstanceOf(HiveMqttComponent.class, camel.getComponent("hivemq-mqtt5"), "found by its scheme alone");
            assertNotNull(PluginHelper.getConfigurerResolver(camel).resolvePropertyConfigurer("hivemq-mqtt5-endpoint",
                    camel), "the generated endpoint configurer");
            assertEquals(List.of("site/+/badge", "site/+/visitor"), endpoint.topicFilters());
            assertEquals("gateway", endpoint.getClientId());
            assertEquals(100, endpoint.getAcknowledgeInterval());
            assertSame(journal, endpoint.getAcknowledgeHook());

            assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("hivemq-mqtt5:t?clientId=a&qos=2"),
                    "an option the endpoint does not have");
            assertThrows(ResolveEndpointFailedException.class, () -> camel.getEndpoint("hivemq-mqtt5:t"),
                    "no client id");
        }
    }

    @Test
    void component_options_are_set_through_the_generated_component_configurer() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(camel)
                    .resolvePropertyConfigurer("hivemq-mqtt5-component", camel);
            assertNotNull(configurer, "the generated component configurer");
            HiveMqttComponent component = new HiveMqttComponent();
            Map<String, String> options = Map.of("brokerUrl", "ssl://broker.example:8883", "username", "gateway",
                    "password", "secret", "caCertificate", "/etc/officeguard/ca.pem", "sessionExpiryInterval", "3600");
            options.forEach((name, value) -> assertTrue(configurer.configure(camel, component, name, value, true), name));

            assertEquals(new MqttSettings("ssl://broker.example:8883", "gateway", "secret",
                    Path.of("/etc/officeguard/ca.pem"), 3600), component.settings());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
