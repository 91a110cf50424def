package org.officeguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.officeguard.core.model.Payloads;

/** GET requests to a service's HTTP port on this machine (/health, /reports), as the tests make them. */
public final class LocalHttp {

    /**
     * HTTP/1.1, as a browser speaks to an {@code http://} address. Left to itself the JDK's client asks to
     * upgrade such a connection to HTTP/2 (h2c); Vert.x accepts, and can then answer a large report (670 KB)
     * with a frame the client refuses ("Frame type(50) length(670824) exceeds MAX_FRAME_SIZE").
     */
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LocalHttp() {}

    /** {@code GET http://127.0.0.1:port/path}, the body as text; at most 10 s. */
    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return get(port, path, Map.of());
    }

    /** The same GET with these request headers (a token, a cookie). */
    public static HttpResponse<String> get(int port, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same GET, its body read as JSON. */
    public static JsonNode json(int port, String path) throws IOException, InterruptedException {
        return Payloads.JSON.readTree(get(port, path).body());
    }
}
