package org.officeguard.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;

/** {@code GET /metrics}: every meter of the process ({@link ServiceMetrics}), in Prometheus's text format. */
final class PrometheusMetrics {
    private PrometheusMetrics() {}

    /** Prometheus's text exposition format, the one {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The headers of an answer; no other header leaves (see {@link AnswerHeaders}). */
    static final AnswerHeaders HEADERS = new AnswerHeaders(Exchange.CONTENT_TYPE, "Cache-Control");

    static void answer(Exchange e, PrometheusMeterRegistry registry) {
        HEADERS.forgetRequestValues(e.getMessage());
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        e.getMessage().setHeader("Cache-Control", "no-store");
        e.getMessage().setBody(registry.scrape());
    }
}
