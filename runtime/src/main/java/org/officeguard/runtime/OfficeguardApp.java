package org.officeguard.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;
import org.officeguard.camel.hivemq.HiveMqttComponent;
import org.officeguard.camel.hivemq.MqttSettings;
import org.officeguard.core.model.Topics;

/**
 * Runs a set of services in one Camel Main: each service keeps its own MQTT sessions (its own client
 * ids), exactly as if it ran alone, and the process answers {@code GET /health} for all of them.
 */
public final class OfficeguardApp implements AutoCloseable {

    private final Main main;
    private final List<RunningService> services;
    private final PrometheusMeterRegistry metrics;

    private OfficeguardApp(Main main, List<RunningService> services, PrometheusMeterRegistry metrics) {
        this.main = main;
        this.services = services;
        this.metrics = metrics;
    }

    /**
     * Starts the services named in {@code config} from {@code available}; returns once Camel has started and every
     * service has recovered (its {@link Recovery}: journal replayed, inbox open).
     */
    public static OfficeguardApp start(AppConfig config, List<OfficeService> available) throws Exception {
        config.validate();
        Map<String, OfficeService> byName = new LinkedHashMap<>();
        available.forEach(s -> byName.put(s.name(), s));
        ServiceContext context = new ServiceContext(config.sites(), new Topics(config.topicRoot()), config.clockMode(),
                Clock.systemUTC(), config.clientIdPrefix(), config.dataDir(), config);

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<RunningService> services = new ArrayList<>();
        List<RoutesBuilder> serviceRoutes = new ArrayList<>();
        for (String name : config.services()) {
            OfficeService service = byName.get(name);
            if (service == null) {
                throw new IllegalArgumentException("unknown service '" + name + "' (known: "
                        + String.join(", ", byName.keySet()) + ")");
            }
            RunningService running = new RunningService(name, context, metrics);
            services.add(running);
            serviceRoutes.add(service.routes(running));
        }
        checkHttpAddress(config.httpHost(), config.httpPort());
        Main main = new Main();
        main.bind("hivemq-mqtt5", new HiveMqttComponent(new MqttSettings(config.brokerUrl(), config.mqttUser(),
                config.mqttPassword(), config.mqttCa(), MqttSettings.DEFAULT_SESSION_EXPIRY_SECONDS)));
        main.addOverrideProperty("camel.main.name", "officeguard");
        main.addOverrideProperty("camel.main.shutdownTimeout", "10");
        // Every input is a small byte[] read once: no stream caching.
        main.addOverrideProperty("camel.main.streamCachingEnabled", "false");
        main.addOverrideProperty("camel.main.jmxEnabled", "false");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", config.httpHost());
        main.addOverrideProperty("camel.server.port", Integer.toString(config.httpPort()));
        // Health checks: the services' readiness (ServiceHealthCheck) and Camel's context; no check per route or
        // consumer (the inboxes are stopped until their recovery, by design).
        main.addOverrideProperty("camel.health.enabled", "true");
        main.addOverrideProperty("camel.health.routesEnabled", "false");
        main.addOverrideProperty("camel.health.consumersEnabled", "false");
        main.addOverrideProperty("camel.health.producersEnabled", "false");
        // The meters every Camel Micrometer integration looks up; /metrics serves them.
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics);

        main.configure().addRoutesBuilder(CommonRoutes.errorHandling());
        main.configure().addRoutesBuilder(CommonRoutes.routes(context, services, metrics));
        serviceRoutes.forEach(main.configure()::addRoutesBuilder);
        main.start();
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            throw new IllegalStateException("Camel did not start: see the log above");
        }
        return new OfficeguardApp(main, List.copyOf(services), metrics);
    }

    /**
     * Refuses to start when the HTTP address cannot be bound (in use, or not this machine's): platform-http only logs
     * that failure and starts without {@code /health} and {@code /reports}. A port taken between this check and the
     * server's start still goes unnoticed; the common mistakes do not.
     */
    static void checkHttpAddress(String host, int port) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Vert.x binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another process using the port? see --http-host and --http-port)", e);
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** The meters {@code GET /metrics} serves. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** True once every service is connected and subscribed. */
    public boolean ready() {
        return services.stream().allMatch(s -> s.ready(camelContext()));
    }

    public List<RunningService> services() {
        return services;
    }

    public RunningService service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not running: " + name));
    }

    /** Blocks until the process is asked to stop (Ctrl-C / SIGTERM). */
    public void awaitShutdown() throws Exception {
        main.run();
    }

    @Override
    public void close() throws Exception {
        // Main.stop() alone leaves the CamelContext running when Main was started but not run(): its routes, and with
        // them the MQTT sessions, would stay open and keep the JVM alive. The journals close once the inboxes stop.
        CamelContext context = main.getCamelContext();
        if (context != null) {
            context.stop();
        }
        main.stop();
        services.forEach(RunningService::close);
    }
}
