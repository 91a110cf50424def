package org.officeguard.runtime.mqtt;

import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Persistence;
import org.apache.camel.support.DefaultConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT session subscribed to several filters. Each message runs through the whole route,
 * synchronously, on Paho's callback thread: the route sees messages in the order the broker delivered
 * them, and Paho sends the PUBACK only when {@code messageArrived} returns — after the route's effects
 * (a published decision, a committed row). A message whose route is still retrying is not acknowledged.
 *
 * <p>Paho's manual-ack mode is deliberately not used: against HiveMQ it stalled delivery after about
 * two thousand messages, and it gives nothing more here, since the route is synchronous.
 */
public class MultiTopicConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MultiTopicConsumer.class);

    private volatile MqttClient client;
    private volatile boolean subscribed;

    public MultiTopicConsumer(OfficeMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public OfficeMqttEndpoint getEndpoint() {
        return (OfficeMqttEndpoint) super.getEndpoint();
    }

    /** Connected and subscribed: what {@code /health} calls ready. */
    public boolean isReady() {
        MqttClient c = client;
        return c != null && c.isConnected() && subscribed;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PahoMqtt5Configuration config = getEndpoint().getConfiguration();
        String clientId = config.getClientId() != null ? config.getClientId() : "officeguard-" + UUID.randomUUID();
        MqttClient c = new MqttClient(config.getBrokerUrl(), clientId, persistence(config));
        c.setCallback(new Callback());
        client = c;
        LOG.info("Connecting {} to {} for {}", clientId, config.getBrokerUrl(), getEndpoint().topicFilters());
        c.connect(getEndpoint().connectionOptions());
        subscribe();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MqttClient c = client;
        client = null;
        subscribed = false;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect();
                }
            } finally {
                c.close(true);
            }
        }
    }

    private void subscribe() throws MqttException {
        List<String> filters = getEndpoint().topicFilters();
        int qos = getEndpoint().getConfiguration().getQos();
        MqttSubscription[] subs = filters.stream().map(f -> new MqttSubscription(f, qos)).toArray(MqttSubscription[]::new);
        IMqttToken token = client.subscribe(subs);
        for (int rc : token.getReasonCodes()) {
            if (rc >= 0x80) {
                throw new IllegalStateException("broker refused subscription to " + filters + " (reason code " + rc + ")");
            }
        }
        subscribed = true;
    }

    private static MqttClientPersistence persistence(PahoMqtt5Configuration config) {
        if (config.getPersistence() == PahoMqtt5Persistence.MEMORY) {
            return new MemoryPersistence();
        }
        return config.getFilePersistenceDirectory() != null
                ? new MqttDefaultFilePersistence(config.getFilePersistenceDirectory())
                : new MqttDefaultFilePersistence();
    }

    private Exchange createExchange(String topic, MqttMessage message) {
        Exchange exchange = createExchange(true);
        exchange.getIn().setBody(message.getPayload());
        exchange.getIn().setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
        exchange.getIn().setHeader(PahoMqtt5Constants.MQTT_QOS, message.getQos());
        exchange.getIn().setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, message.getProperties());
        return exchange;
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Exchange exchange = createExchange(topic, message);
            try {
                getProcessor().process(exchange); // blocks until the route is done, async steps included
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Failed on " + topic, exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                try {
                    LOG.info("Reconnected to {}: subscribing again to {}", serverURI, getEndpoint().topicFilters());
                    subscribe();
                } catch (Exception e) {
                    LOG.error("Could not subscribe again after reconnecting: {}", e.getMessage(), e);
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            subscribed = false;
            LOG.warn("Disconnected from the broker: {}", response.getReasonString(), response.getException());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
