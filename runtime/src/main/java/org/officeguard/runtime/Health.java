package org.officeguard.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.officeguard.core.model.Payloads;

/**
 * {@code GET /health}: 200 once every service is ready, 503 before (SPEC §7). Each service's part is the result of
 * its {@link ServiceHealthCheck}, called through Camel's health-check registry.
 */
final class Health {
    private Health() {}

    /** The headers of an answer; no other header leaves (see {@link AnswerHeaders}). */
    static final AnswerHeaders HEADERS = new AnswerHeaders(Exchange.CONTENT_TYPE, "Cache-Control");

    static void answer(Exchange e, Collection<RunningService> services) {
        HEADERS.forgetRequestValues(e.getMessage());
        ObjectNode body = Payloads.JSON.createObjectNode();
        ObjectNode list = Payloads.JSON.createObjectNode();
        boolean up = !services.isEmpty();
        for (RunningService s : services) {
            HealthCheck.Result result = readiness(e.getContext(), s.name());
            boolean ready = result != null && result.getState() == HealthCheck.State.UP;
            up &= ready;
            ObjectNode n = list.putObject(s.name());
            n.put("status", ready ? "UP" : "STARTING");
            if (result != null && result.getDetails().get(ServiceHealthCheck.FIGURES) instanceof Map<?, ?> figures) {
                for (Map.Entry<?, ?> figure : figures.entrySet()) {
                    n.set(figure.getKey().toString(), Payloads.JSON.valueToTree(figure.getValue()));
                }
            }
        }
        body.put("status", up ? "UP" : "STARTING");
        body.set("services", list);
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setHeader("Cache-Control", "no-store"); // a status of now, not to be kept
        e.getMessage().setBody(Payloads.bytes(body));
    }

    /** The readiness of the service's health check; null if it is not registered. */
    private static HealthCheck.Result readiness(CamelContext camel, String service) {
        return HealthCheckHelper.invoke(camel, service, Map.of(HealthCheck.CHECK_KIND, HealthCheck.Kind.READINESS))
                .orElse(null);
    }
}
