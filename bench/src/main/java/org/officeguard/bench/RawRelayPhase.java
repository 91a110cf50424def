package org.officeguard.bench;

import static org.officeguard.bench.Figures.grouped;

import java.util.Map;

/**
 * Phase 1, the broker's ceiling: one publisher to one subscriber through the broker, QoS 1, with a clean and with a
 * durable subscriber session. The other phases' ratios are to the clean one.
 */
final class RawRelayPhase {

    private final BenchRun run;

    RawRelayPhase(BenchRun run) {
        this.run = run;
    }

    /** Measures both relays; returns the clean one's rate, the ceiling. */
    double run() throws Exception {
        double clean = relay("rawRelay", "1 broker raw relay (QoS 1, 1 pub → 1 sub)", false);
        relay("rawRelayDurable", "1 broker raw relay, durable subscriber session", true);
        return clean;
    }

    /** {@code durable}: the subscriber's session outlives its connection (cleanStart=false), as the services' do. */
    private double relay(String name, String label, boolean durable) throws Exception {
        Map<String, Object> section = run.report().section(name);
        String root = durable ? "bench/rawd" : "bench/raw";
        try (RelayLoad load = new RelayLoad(run, "bench-" + name, durable, root + "/#")) {
            section.put("publisherWindow", load.publisher.window());
            section.put("payloadBytes", load.payload.length);
            section.put("durableSubscriber", durable);
            double rate = run.saturate(load.publishing(root), load.received, section);
            section.put("lostOrPending", Saturation.missing(section, load.received));
            run.report().row(label, grouped(rate) + " msg/s", durable ? "the services' kind of session" : "ceiling");
            return rate;
        }
    }
}
