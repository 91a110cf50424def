package org.officeguard.runtime;

import java.util.List;
import java.util.regex.Pattern;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.model.Topics;

/**
 * The URIs of officeguard's MQTT endpoints, built here only. The client id names the session: a service takes its
 * inputs and publishes what they cause (and its dead letters) on one session, {@code {prefix}-{service}}. What it
 * publishes on a timer and for no input, the retained live state, goes out on a side session of its own,
 * {@code {prefix}-{service}-{name}}, so that a large snapshot never sits ahead of a decision on the decisions'
 * connection (docs/decisions.md, "Live state on a side session").
 */
public final class MqttEndpoints {

    /** A side session's name: it ends the client id and the producer's name, so no URI syntax in it. */
    private static final Pattern SIDE_SESSION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

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

    /**
     * The producer that publishes {@link Outbound} messages on the service's side session {@code name}, client id
     * {@code {prefix}-{service}-{name}}: for what no input waits for and that needs no order with the inputs' outputs.
     */
    static String sideOutbox(ServiceContext context, String service, String name) {
        if (!SIDE_SESSION.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot name a side session: lower-case letters, digits"
                    + " and single hyphens only");
        }
        return "hivemq-mqtt5:" + service + "-" + name + "-out?clientId=" + context.clientId(service + "-" + name);
    }

    /** The producer of dead letters, for {@code toD}: on the session named by the exchange property given. */
    static String deadLetters(String sessionProperty) {
        return "hivemq-mqtt5:deadletter?clientId=${exchangeProperty." + sessionProperty + "}";
    }
}
