package org.officeguard.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import org.apache.camel.Exchange;
import org.officeguard.core.model.Payloads;

/** {@code GET /health}: 200 once every service is connected and ready, 503 before (SPEC §7). */
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
            boolean ready = s.ready(e.getContext());
            up &= ready;
            ObjectNode n = list.putObject(s.name());
            n.put("status", ready ? "UP" : "STARTING");
            for (Map.Entry<String, Object> c : s.counters(e.getContext()).entrySet()) {
                n.set(c.getKey(), Payloads.JSON.valueToTree(c.getValue()));
            }
            for (Map.Entry<String, Object> d : s.healthDetails().entrySet()) {
                n.set(d.getKey(), Payloads.JSON.valueToTree(d.getValue()));
            }
        }
        body.put("status", up ? "UP" : "STARTING");
        body.set("services", list);
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setHeader("Cache-Control", "no-store"); // a status of now, not to be kept
        e.getMessage().setBody(Payloads.bytes(body));
    }
}
