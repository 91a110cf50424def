package org.officeguard.bench;

import static org.officeguard.bench.Figures.millis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;

/**
 * Part of phase 4: the roll call of the bench site with everyone inside and every PC on — the retained occupancy and
 * PC states published as the door-gateway and the lockout-monitor publish them, then {@code GET /sites/{site}/now} and
 * {@code now.html} asked for a few times each, after {@value #WARM_UP} of each to warm the code (the best and the
 * median count; the target is 200 ms).
 */
final class RollCallTiming {

    static final double TARGET_MS = 200;

    /**
     * Requests of each form before the measured ones: a page that reloads itself every 15 s is asked for again and
     * again, and its code is compiled by then; the first few requests of a fresh JVM are its interpreter's.
     */
    static final int WARM_UP = 10;

    /**
     * HTTP/1.1, as a browser speaks to an {@code http://} address. The JDK's client would ask to upgrade to HTTP/2
     * (h2c), which Vert.x grants, and a body of megabytes then crawls through HTTP/2's flow-control windows.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BenchRun run;

    RollCallTiming(BenchRun run) {
        this.run = run;
    }

    /** Publishes the states under {@code root}, waits until reporting has them, and times both forms. */
    Map<String, Object> time(int port, SiteConfig site, String root) throws Exception {
        Map<String, Object> section = new LinkedHashMap<>();
        String ts = Workload.DATE + "T18:30:00+09:00";
        byte[] occupancy = occupancy(site, ts);
        byte[] pcs = pcs(site, ts);
        section.put("inside", site.people().size());
        section.put("occupancyBytes", occupancy.length);
        section.put("pcsBytes", pcs.length);
        try (BenchClient client = BenchClient.connect(run.brokerUrl(), root + "-rollcall", 10, null)) {
            client.publishRetained(root + "/" + site.site() + "/occupancy", occupancy);
            client.publishRetained(root + "/" + site.site() + "/pcs", pcs);
            client.drain(60_000);
        }
        Waits.waitFor(() -> ServiceHttp.json(port, "/sites/" + site.site() + "/now").at("/occupancy/count").asInt()
                == site.people().size() && !ServiceHttp.json(port, "/sites/" + site.site() + "/now").path("pcs").isNull(), 60);
        for (String form : List.of("now", "now.html")) {
            section.put(form, time(port, "/sites/" + site.site() + "/" + form, site.people().size()));
        }
        return section;
    }

    private Map<String, Object> time(int port, String path, int inside) throws Exception {
        int runs = run.options().quick() ? 3 : 5;
        for (int warmUp = 0; warmUp < WARM_UP; warmUp++) {
            get(port, path);
        }
        long[] times = new long[runs];
        long bytes = 0;
        for (int attempt = 0; attempt < runs; attempt++) {
            long asked = System.nanoTime();
            HttpResponse<byte[]> response = get(port, path);
            times[attempt] = System.nanoTime() - asked;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + ": HTTP " + response.statusCode());
            }
            bytes = response.body().length;
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runsMs", Arrays.stream(times).mapToObj(Figures::millis).toList());
        figures.put("bestMs", millis(sorted[0]));
        figures.put("medianMs", millis(sorted[runs / 2]));
        figures.put("bytes", bytes);
        figures.put("load", Machine.load());
        run.report().row("4 GET " + path + " (" + inside + " inside) best / median",
                millis(sorted[0]) + " / " + millis(sorted[runs / 2]) + " ms (" + bytes / 1024 + " KiB)",
                "target < 200 ms → " + (millis(sorted[runs / 2]) < TARGET_MS ? "MET" : "NOT MET"));
        return figures;
    }

    private static HttpResponse<byte[]> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Everyone of the site inside: a tenth in the lobby, the rest in the office, since the morning. */
    private static byte[] occupancy(SiteConfig site, String ts) {
        ObjectNode o = Payloads.JSON.createObjectNode().put("ts", ts).put("site", site.site())
                .put("count", site.people().size());
        ArrayNode occupants = o.putArray("occupants");
        int number = 0;
        for (Person person : site.people().values()) {
            occupants.addObject().put("badge", person.badge()).put("name", person.name()).put("kind", "person")
                    .put("zone", number++ % 10 == 0 ? "lobby" : "office")
                    .put("since", String.format("%sT%02d:%02d:00+09:00", Workload.DATE, 7 + number % 3, number % 60));
        }
        return Payloads.bytes(o);
    }

    /** Every PC of the site on and unlocked. */
    private static byte[] pcs(SiteConfig site, String ts) {
        ObjectNode o = Payloads.JSON.createObjectNode().put("ts", ts).put("site", site.site());
        ArrayNode pcs = o.putArray("pcs");
        site.pcs().values().forEach(pc -> pcs.addObject().put("pc", pc.id()).put("zone", pc.zone())
                .put("user", pc.owner()).put("state", "ACTIVE").put("since", ts));
        return Payloads.bytes(o);
    }
}
