package org.officeguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.officeguard.core.model.Payloads;

/** What the bench asks the services over HTTP: {@code /health}, the day's report and the roll call. */
final class ServiceHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceHttp() {}

    static HttpResponse<byte[]> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A JSON answer of the service; missing while it does not answer. */
    static JsonNode json(int port, String path) {
        try {
            return Payloads.JSON.readTree(get(port, path).body());
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    static boolean healthy(int port) {
        try {
            return get(port, "/health").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** A service's part of {@code /health}; missing values while the service is not answering. */
    static JsonNode health(int port, String service) {
        try {
            return Payloads.JSON.readTree(get(port, "/health").body()).path("services").path(service);
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    static JsonNode reporting(int port) {
        return health(port, "reporting");
    }

    /** The inputs reporting has taken; -1 if it did not answer. */
    static long reportingTaken(int port) {
        return reporting(port).path("taken").asLong(-1);
    }

    /**
     * Decisions and violations the bench has seen that reporting has not taken yet (its inbox's backlog);
     * {@link Long#MAX_VALUE} if reporting did not answer.
     */
    static long reportingBacklog(int port, AtomicLong decisions, AtomicLong violationsSeen) {
        long taken = reportingTaken(port);
        return taken < 0 ? Long.MAX_VALUE : decisions.get() + violationsSeen.get() - taken;
    }

    /**
     * How often a service started its MQTT session afresh because the broker kept breaking the protocol (what the
     * broker held for it was lost); -1 if it did not answer.
     */
    static long sessionsDiscarded(int port, String service) {
        return health(port, service).path("sessionsDiscarded").asLong(-1);
    }

    /**
     * A service's inputs taken and not yet acknowledged ({@code officeguard_inputs_backlog} of {@code /metrics});
     * -1 if it did not answer.
     */
    static long backlog(int port, String service) {
        try {
            String metrics = new String(get(port, "/metrics").body(), StandardCharsets.UTF_8);
            Matcher matcher = Pattern.compile("(?m)^officeguard_inputs_backlog\\{[^}]*service=\"" + Pattern.quote(service)
                    + "\"[^}]*} (\\S+)$").matcher(metrics);
            return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** The bench day's report as JSON. */
    static JsonNode report(int port) throws IOException, InterruptedException {
        return Payloads.JSON.readTree(get(port, "/reports/" + Workload.SITE + "/" + Workload.DATE + ".json").body());
    }

    /** The passages the day's report shows, granted or denied; -1 if it did not answer. */
    static long passages(int port) {
        try {
            return passages(report(port));
        } catch (Exception e) {
            return -1;
        }
    }

    static long passages(JsonNode report) {
        JsonNode activity = report.path("activity");
        return activity.path("passagesGranted").asLong() + activity.path("passagesDenied").asLong();
    }

    /** A port free on the loopback interface now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
