package org.officeguard.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.officeguard.camel.hivemq.HiveMqttConstants;
import org.officeguard.camel.hivemq.HiveMqttConsumer;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.camel.hivemq.SessionDiscard;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Topics;

/**
 * The base of a service's routes. It gives each service one MQTT session for its inputs
 * ({@link #inbox}), one for its outputs ({@link #publish}), the {@link Envelope} of every message and
 * the shared error handling ({@link CommonRoutes#INBOUND_ERRORS}: bad input to the dead-letter topic,
 * the route goes on).
 */
public abstract class ServiceRoutes extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceRoutes.class);

    public static final String SERVICE_PROPERTY = "officeguard.service";
    public static final String RAW_TOPIC_PROPERTY = "officeguard.rawTopic";
    public static final String RAW_PAYLOAD_PROPERTY = "officeguard.rawPayload";
    /** Set once an input's outputs are published: the input is then journaled and acknowledged. */
    private static final String HANDLED_PROPERTY = "officeguard.handled";

    protected final ServiceContext context;
    private final String name;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final Map<String, SiteConfig> sites;
    private InputJournal journal;
    /** Routes that move time or close days: started only once the journal is replayed and the inbox is open. */
    private final List<String> afterRecovery = new ArrayList<>();

    protected ServiceRoutes(String name, ServiceContext context) {
        this.name = name;
        this.context = context;
        this.sites = context.sitesById();
    }

    public String name() {
        return name;
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    @Override
    public final void configure() throws Exception {
        String out = "hivemq-mqtt5:" + name + "-out?clientId=" + context.clientId(name);
        Processor rules = handler();

        // One session takes every input; the rules turn it into messages, which are published (many inputs in
        // flight at once); then, in delivery order, the input is journaled and acknowledged.
        HiveMqttEndpoint inbox = getContext().getEndpoint(inbox(inputs()), HiveMqttEndpoint.class);
        inbox.onAcknowledge(this::beforeAcknowledge);
        inbox.acknowledgeAtMostEvery(acknowledgementInterval());
        from(inbox).routeId(name + "-inbox").autoStartup(false)
                .routeConfigurationId(CommonRoutes.INBOUND_ERRORS)
                .process(this::toEnvelope)
                .process(new UntilAvailable(rules, () -> getContext().isStopping() || getContext().isStopped()))
                .to(out)
                .process(this::published)
                .setProperty(HANDLED_PROPERTY, constant(true));

        // The same rules when the journal is replayed at start-up: what they would publish is dropped.
        from(handle()).routeId(name + "-replay").errorHandler(noErrorHandler())
                .process(rules);

        // Outputs not caused by an input (wall-clock ticks, closed days). Never dropped: while the broker is
        // away they wait in the publisher and are sent again.
        from(publish()).routeId(name + "-publish")
                .to(out)
                .process(this::published);
        routes();
        getRouteCollection().getRoutes().stream().filter(r -> afterRecovery.contains(r.getRouteId()))
                .forEach(r -> r.setAutoStartup("false"));
    }

    /** The kinds of input the service takes, all on its one MQTT session. */
    protected abstract Topics.Kind[] inputs();

    /**
     * The service's rules: takes an {@link Envelope} and leaves the list of {@link Outbound} messages to
     * publish, or throws for bad input. Usually {@link #byKind}.
     */
    protected abstract Processor handler();

    /** The service's other routes (timers, HTTP), if any. */
    protected void routes() throws Exception {}

    /**
     * With the wall clock ({@code --clock wall}), calls {@code tick} every second and publishes what it
     * returns, so that deadlines fall due while no input comes. With the event clock, nothing.
     */
    protected void tickOnTheWallClock(java.util.function.Supplier<List<Outbound>> tick) {
        if (context.clockMode() == ClockMode.WALL) {
            from("timer:" + name + "-clock?period=1000").routeId(startsAfterRecovery(name + "-clock"))
                    .process(e -> e.getMessage().setBody(tick.get()))
                    .to(publish());
        }
    }

    /**
     * Marks a route that moves time or acts on it (a wall-clock tick, the closing of days) to start only after {@link
     * #recover}: a tick while the journal is replayed would move the watermark to now on a state weeks old, fire
     * every pending deadline against it, and make the rest of the replay late (found in review: invented violations
     * published, real ones lost). Returns the id, for {@code routeId(...)}; such a route does not start with Camel.
     */
    protected String startsAfterRecovery(String routeId) {
        afterRecovery.add(routeId);
        return routeId;
    }

    private void published(Exchange e) {
        metrics.published(e.getMessage().getBody() instanceof java.util.Collection<?> c ? c.size() : 1);
    }

    /** Where the journal's inputs are replayed through the rules. */
    private String handle() {
        return "direct:" + name + "-handle";
    }

    /** False for a service whose state is already durable elsewhere (reporting keeps it in its database). */
    protected boolean journaled() {
        return true;
    }

    /**
     * Rebuilds the rule state by replaying the journal through {@link #handle()}, discarding what it would
     * publish (it was published before the crash, or its input is redelivered), then opens the inbox.
     */
    public void recover(org.apache.camel.ProducerTemplate template) throws Exception {
        if (journaled()) {
            journal = new InputJournal(context.dataDir().resolve("journal").resolve(name + ".journal"));
            long replayed = journal.replay((topic, payload) -> {
                org.apache.camel.Exchange e = new org.apache.camel.support.DefaultExchange(getContext());
                e.getMessage().setHeader(HiveMqttConstants.TOPIC, topic);
                e.getMessage().setBody(payload);
                try {
                    toEnvelope(e);
                    template.send(handle(), e);
                } catch (RuntimeException ignored) {
                    // only handled inputs are journaled; one the rules now refuse is skipped as it was then
                }
            });
            if (replayed > 0) {
                LOG.info("{}: rule state rebuilt from {} journaled inputs", name, replayed);
            }
            metrics.reset();
        }
        getContext().getRouteController().startRoute(name + "-inbox");
        afterRecovery();
        for (String route : afterRecovery) {
            getContext().getRouteController().startRoute(route);
        }
    }

    /** Called once the inbox is open, before the timers start: a service's own last step of start-up. */
    protected void afterRecovery() {}

    /**
     * Makes a group of completed inputs durable just before they are acknowledged (in delivery order, on
     * one thread): by default, journals the handled ones. Throwing leaves them unacknowledged; the broker
     * sends them again.
     */
    protected void beforeAcknowledge(List<Exchange> completed) {
        journal(completed);
    }

    /**
     * How long the inbox lets completed inputs gather before it makes them durable and acknowledges them
     * (see {@link #beforeAcknowledge}); zero by default: a journal write is cheap.
     */
    protected java.time.Duration acknowledgementInterval() {
        return java.time.Duration.ZERO;
    }

    /** Journals the handled inputs among {@code acknowledged}, in order, before they are acknowledged. */
    private void journal(List<Exchange> acknowledged) {
        if (journal == null) {
            return;
        }
        List<InputJournal.Record> records = new ArrayList<>(acknowledged.size());
        for (Exchange e : acknowledged) {
            if (Boolean.TRUE.equals(e.getProperty(HANDLED_PROPERTY, Boolean.class))) {
                records.add(new InputJournal.Record(e.getProperty(RAW_TOPIC_PROPERTY, String.class),
                        e.getProperty(RAW_PAYLOAD_PROPERTY, byte[].class)));
            }
        }
        journal.appendAll(records);
    }

    public void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    /** Service-specific figures for {@code /health} (watermarks, late events, ...). */
    public Map<String, Object> healthDetails() {
        return Map.of();
    }

    /** The consumer endpoint of the service's single input session, subscribed to every kind given. */
    private String inbox(Topics.Kind... kinds) {
        String filters = String.join(",", context.topics().filters(kinds));
        return "hivemq-mqtt5:" + filters + "?clientId=" + context.clientId(name);
    }

    /** Where a list of {@link Outbound} messages is sent to be published in order. */
    protected String publish() {
        return "direct:" + name + "-publish";
    }

    /** Turns the MQTT message into an {@link Envelope}; an unknown site or topic is bad input. */
    protected void toEnvelope(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(HiveMqttConstants.TOPIC, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(SERVICE_PROPERTY, name);
        exchange.setProperty(RAW_TOPIC_PROPERTY, topic);
        exchange.setProperty(RAW_PAYLOAD_PROPERTY, payload);
        metrics.taken();
        Topics.Address address = context.topics().parse(topic)
                .orElseThrow(() -> new InvalidInputException("topic '" + topic + "' is not one officeguard reads"));
        SiteConfig site = sites.get(address.site());
        if (site == null) {
            throw new InvalidInputException("unknown site '" + address.site() + "' (served here: "
                    + String.join(", ", sites.keySet()) + ")");
        }
        exchange.getMessage().setBody(new Envelope(topic, address, site, payload,
                exchange.getMessage().getHeader(HiveMqttConstants.RESPONSE_TOPIC, String.class),
                exchange.getMessage().getHeader(HiveMqttConstants.CORRELATION_DATA, byte[].class), Instant.now()));
    }

    /**
     * The content-based router of a handle route: each kind of input goes to its handler, whose list of
     * messages to publish becomes the body. (A plain switch on the kind: this runs for every input.)
     */
    protected static Processor byKind(Map<Topics.Kind, Function<Envelope, List<Outbound>>> handlers) {
        Map<Topics.Kind, Function<Envelope, List<Outbound>>> table = new EnumMap<>(handlers);
        return exchange -> {
            Envelope in = exchange.getMessage().getBody(Envelope.class);
            Function<Envelope, List<Outbound>> handler = table.get(in.kind());
            if (handler == null) {
                throw new InvalidInputException("topic '" + in.topic() + "' is not an input of this service");
            }
            exchange.getMessage().setBody(handler.apply(in));
        };
    }

    /** A handler that only stores or updates state: it publishes nothing. */
    protected static Function<Envelope, List<Outbound>> publishingNothing(Consumer<Envelope> handler) {
        return in -> {
            handler.accept(in);
            return List.of();
        };
    }

    /** Connected and subscribed, in every input session of this service. */
    public boolean ready() {
        List<HiveMqttConsumer> inboxes = inboxes();
        return !inboxes.isEmpty() && inboxes.stream().allMatch(HiveMqttConsumer::isReady);
    }

    /** The consumers of this service's input sessions. */
    private List<HiveMqttConsumer> inboxes() {
        List<HiveMqttConsumer> inboxes = new ArrayList<>();
        for (Route route : getContext().getRoutes()) {
            if (route.getConsumer() instanceof HiveMqttConsumer c && route.getRouteId().startsWith(name + "-")) {
                inboxes.add(c);
            }
        }
        return inboxes;
    }

    protected Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taken", metrics.takenCount());
        m.put("deadLettered", metrics.deadLetteredCount());
        m.put("published", metrics.publishedCount());
        // A session the broker kept breaking, started afresh: what the broker held for it was lost (MqttSession).
        long discarded = 0;
        long takenOver = 0;
        SessionDiscard last = null;
        for (HiveMqttConsumer inbox : inboxes()) {
            discarded += inbox.sessionsDiscarded();
            takenOver += inbox.sessionsTakenOver();
            SessionDiscard d = inbox.lastSessionDiscard();
            if (d != null && (last == null || d.at().isAfter(last.at()))) {
                last = d;
            }
        }
        m.put("sessionsDiscarded", discarded);
        // Another client with this service's client id (a second process of the same site and services).
        m.put("sessionsTakenOver", takenOver);
        if (last != null) {
            m.put("lastSessionDiscarded", Map.of("at", last.at().toString(), "reason", last.reason()));
        }
        return m;
    }
}
