package org.officeguard.runtime;

import java.util.List;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.model.Topics;

/**
 * The URIs of officeguard's MQTT endpoints, built here only. The client id names the session: a service takes its
 * inputs and publishes its outputs (and its dead letters) on one session.
 */
public final class MqttEndpoints {

    private MqttEndpoints() {}

    /** The consumer of every input kind given, all subscribed on the service's one session. */
    static String inbox(ServiceContext context, String service, Topics.Kind... kinds) {
        return inbox(context, service, context.topics().filters(kinds));
    }

    /**
     * The consumer of every topic filter given (a device's own topics), all on the service's one session. A filter
     * may not hold a comma (it separates filters), {@code ?} or {@code &} (they start the endpoint's options).
     */
    static String inbox(ServiceContext context, String service, List<String> filters) {
        for (String filter : filters) {
            if (filter.contains(",") || filter.contains("?") || filter.contains("&")) {
                throw new IllegalArgumentException("cannot subscribe to '" + filter + "': a topic for officeguard may"
                        + " not hold ',', '?' or '&'");
            }
        }
        return "hivemq-mqtt5:" + String.join(",", filters) + "?clientId=" + context.clientId(service);
    }

    /** The producer that publishes {@link Outbound} messages (one or a list) on the service's session. */
    static String outbox(ServiceContext context, String service) {
        return "hivemq-mqtt5:" + service + "-out?clientId=" + context.clientId(service);
    }

    /** The producer of dead letters, for {@code toD}: on the session named by the exchange property given. */
    static String deadLetters(String sessionProperty) {
        return "hivemq-mqtt5:deadletter?clientId=${exchangeProperty." + sessionProperty + "}";
    }
}
