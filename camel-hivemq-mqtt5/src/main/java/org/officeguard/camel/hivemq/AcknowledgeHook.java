package org.officeguard.camel.hivemq;

import java.util.List;
import org.apache.camel.Exchange;

/**
 * Where a service makes its handling durable before the broker hears that the messages are handled: a
 * {@link HiveMqttConsumer} calls it with each group of completed exchanges, in the order the broker delivered them,
 * just before it acknowledges them. A hook that throws leaves the group unacknowledged: the session is restarted and
 * the broker delivers the group again.
 */
@FunctionalInterface
public interface AcknowledgeHook {

    void beforeAcknowledge(List<Exchange> group);
}
