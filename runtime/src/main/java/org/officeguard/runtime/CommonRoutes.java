package org.officeguard.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;

/**
 * What every officeguard process has once, whatever services it runs: the error handling the routes opt into (an
 * inbox's, and that of the {@code direct:} routes it calls), the dead-letter route, {@code GET /health} and
 * {@code GET /metrics}.
 */
public final class CommonRoutes {

    /** The route configuration inbox routes use: any failure goes to the dead-letter topic. */
    public static final String INBOUND_ERRORS = "inbound-errors";
    /**
     * The route configuration of a {@code direct:} route an inbox calls (the rules): a failure goes back to the
     * caller, whose {@link #INBOUND_ERRORS} handles it; while the journal is replayed, to the replay, which skips it.
     */
    public static final String CALLED_BY_THE_INBOX = "called-by-the-inbox";
    /**
     * The exchange property naming the site whose dead-letter topic gets a refused input, when its topic does not
     * name it (a device's own topic, SPEC §8). Without it the site is the topic's site level.
     */
    public static final String DEAD_LETTER_SITE = "officeguard.deadLetterSite";
    /** The client id of the session a dead letter is published on: its service's. */
    private static final String DEAD_LETTER_SESSION = "officeguard.deadLetterSession";

    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9-]+");
    private static final int ECHO_LIMIT = 4096;
    private static final DeadLetterLog LOG = new DeadLetterLog();

    private CommonRoutes() {}

    public static RouteConfigurationBuilder errorHandling() {
        return new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                // a dependency away (the database) is retried by the inbox route itself (UntilAvailable); it only
                // gets here while the service stops: not the input's fault, so not dead-lettered
                routeConfiguration(INBOUND_ERRORS)
                        .onException(RetryableException.class).handled(false)
                            .log(LoggingLevel.WARN, "officeguard",
                                    "Stopping: ${exchangeProperty[officeguard.rawTopic]} stays unacknowledged (${exception.message})")
                        .end()
                        .onException(InvalidInputException.class).handled(true)
                            .to("direct:dead-letter")
                        .end()
                        .onException(Exception.class).handled(true)
                            .log(LoggingLevel.ERROR, "officeguard",
                                    "Failed on ${exchangeProperty[officeguard.rawTopic]}: ${exception.stacktrace}")
                            .to("direct:dead-letter")
                        .end();
                routeConfiguration(CALLED_BY_THE_INBOX).errorHandler(noErrorHandler());
            }
        };
    }

    public static RouteBuilder routes(ServiceContext context, List<RunningService> services,
            PrometheusMeterRegistry metrics) {
        Map<String, RunningService> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the publisher retries until the broker takes it (HiveMqttProducer): dead letters are not dropped
                from("direct:dead-letter").routeId("dead-letter")
                        .process(e -> deadLetter(e, context, byName))
                        // on the session of the service that refused the input: a client id of its own would be
                        // the same in every process of a site, and each would take the session from the others
                        .toD(MqttEndpoints.deadLetters(DEAD_LETTER_SESSION));

                // each service's readiness is a Camel health check; /health shows them in officeguard's JSON
                HealthCheckRegistry checks = HealthCheckRegistry.get(getContext());
                byName.values().forEach(service -> checks.register(new ServiceHealthCheck(service)));
                getContext().getRegistry().bind("healthHeaders", Health.HEADERS);
                from("platform-http:/health?httpMethodRestrict=GET&headerFilterStrategy=#healthHeaders").routeId("health")
                        .process(e -> Health.answer(e, byName.values()));

                getContext().getRegistry().bind("metricsHeaders", PrometheusMetrics.HEADERS);
                from("platform-http:/metrics?httpMethodRestrict=GET&headerFilterStrategy=#metricsHeaders")
                        .routeId("metrics")
                        .process(e -> PrometheusMetrics.answer(e, metrics));
            }
        };
    }

    /** Builds {@code {"topic","payload","error","receivedAt"}} and counts the reject. */
    private static void deadLetter(Exchange e, ServiceContext context, Map<String, RunningService> services) {
        Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String topic = e.getProperty(Envelopes.RAW_TOPIC_PROPERTY, String.class);
        byte[] payload = e.getProperty(Envelopes.RAW_PAYLOAD_PROPERTY, byte[].class);
        RunningService service = services.get(e.getProperty(Envelopes.SERVICE_PROPERTY, String.class));
        String namedSite = e.getProperty(DEAD_LETTER_SITE, String.class);
        if (service != null) {
            Envelope input = Envelopes.of(e);
            service.metrics().deadLettered(input != null ? input.site().site()
                    : namedSite != null ? namedSite : ServiceMetrics.UNKNOWN_SITE);
        }
        e.setProperty(DEAD_LETTER_SESSION,
                context.clientId((service != null ? service : services.values().iterator().next()).name()));
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("topic", topic);
        putPayload(o, payload == null ? new byte[0] : payload);
        String reason = cause == null ? "unknown error" : cause.getMessage();
        if (cause != null && !(cause instanceof InvalidInputException)) {
            reason = "internal error: " + cause;
        }
        o.put("error", reason);
        o.put("receivedAt", Instant.now().toString());
        if (service != null) {
            o.put("service", service.name());
        }
        String site = namedSite != null ? namedSite : deadLetterSite(context.topics(), topic);
        LOG.refused(site, service != null ? service.name() : null, topic, reason);
        e.getMessage().setBody(Outbound.of(context.topics().deadletter(site), Payloads.bytes(o)));
    }

    /**
     * The dead-letter topic of the site the refused topic names, even a site not served here; {@code _unknown}'s
     * when the topic is not under the root or its site level is not a site id (SPEC §1: {@code [a-z0-9-]+}).
     */
    static String deadLetterTopic(Topics topics, String topic) {
        return topics.deadletter(deadLetterSite(topics, topic));
    }

    private static String deadLetterSite(Topics topics, String topic) {
        return topics.siteLevel(topic).filter(site -> SITE_ID.matcher(site).matches()).orElse("_unknown");
    }

    /** The payload as text when it is UTF-8 (cut at 4 KiB), else as base64 of its first 4 KiB. */
    private static void putPayload(ObjectNode o, byte[] payload) {
        boolean cut = payload.length > ECHO_LIMIT;
        byte[] head = cut ? Arrays.copyOf(payload, ECHO_LIMIT) : payload;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(cut ? CodingErrorAction.IGNORE : CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head)).toString();
            o.put("payload", text);
        } catch (CharacterCodingException ex) {
            o.put("payload", Base64.getEncoder().encodeToString(head));
            o.put("payloadEncoding", "base64");
        }
        if (cut) {
            o.put("payloadBytes", payload.length);
            o.put("truncated", true);
        }
    }
}
