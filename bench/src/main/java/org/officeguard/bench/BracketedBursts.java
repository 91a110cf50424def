package org.officeguard.bench;

import static org.officeguard.bench.Figures.median;
import static org.officeguard.bench.Figures.percents;
import static org.officeguard.bench.Figures.round;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.officeguard.camel.hivemq.MqttSettings;

/**
 * Gateway bursts between raw-relay bursts on the same broker ({@code --pairs} of them, each 2 s warm-up and 5 s
 * measured, or a fifth of that with {@code --quick}): raw, gateway, bare relay, raw, gateway, bare relay, ...,
 * raw. Each gateway burst's ratio is to the mean of the two raw bursts around it; the median of those ratios is
 * the verdict. The bare relay ({@link BareRelay}, in this JVM) receives and republishes through the services'
 * MQTT client as a service does, with none of a service's own work: what the gateway could reach if its rules,
 * JSON, journal and Camel cost nothing.
 */
final class BracketedBursts {

    private final BenchRun run;
    private final double warmup;
    private final double measure;
    private final List<Double> raws = new ArrayList<>();
    private final List<Double> gateways = new ArrayList<>();
    private final List<Double> bares = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();
    private final List<Double> bareRatios = new ArrayList<>();
    /** The machine's CPU per message relayed, per decision, per message bare-relayed (µs), burst by burst. */
    private final List<Double> rawCpu = new ArrayList<>();
    private final List<Double> gatewayCpu = new ArrayList<>();
    private final List<Double> bareCpu = new ArrayList<>();

    BracketedBursts(BenchRun run) {
        this.run = run;
        this.warmup = run.options().quick() ? 0.5 : 2;
        this.measure = run.options().quick() ? 1 : 5;
    }

    /**
     * The bursts of the gateway serving {@code root}: {@code badge} sends one, {@code decisions} counts what came
     * back, {@code gatewayIdle} says that every badge is decided.
     */
    Map<String, Object> measure(String root, Saturation.Step badge, AtomicLong decisions, BooleanSupplier gatewayIdle,
            String where) throws Exception {
        String rawTopic = "bench/" + root + "-raw";
        String bareIn = "bench/" + root + "-bare-in";
        String bareOut = "bench/" + root + "-bare-out";
        // one subscriber counts what the broker relays and what the bare relay republishes (never at the same time)
        try (RelayLoad load = new RelayLoad(run, root + "-raw", false, rawTopic + "/#", bareOut + "/#");
                BareRelay bare = new BareRelay(MqttSettings.of(run.brokerUrl()), root + "-bare", bareIn, bareOut)) {
            Saturation.Step relay = load.publishing(rawTopic);
            Saturation.Step bareStep = load.publishing(bareIn);
            BooleanSupplier idle = load::idle;
            raws.add(burst(relay, load.received, rawCpu));
            Waits.waitFor(idle, 30);
            for (int pair = 0; pair < run.options().pairs(); pair++) {
                gateways.add(burst(badge, decisions, gatewayCpu));
                Waits.waitFor(gatewayIdle, 30);
                bares.add(burst(bareStep, load.received, bareCpu));
                Waits.waitFor(idle, 30);
                raws.add(burst(relay, load.received, rawCpu));
                Waits.waitFor(idle, 30);
                double ceiling = (raws.get(pair) + raws.get(pair + 1)) / 2;
                ratios.add(round(gateways.get(pair) / ceiling));
                bareRatios.add(round(bares.get(pair) / ceiling));
            }
        }
        return figures(where);
    }

    /**
     * One burst's rate; adds to {@code cpu} the machine's CPU per message over the whole burst (every process: the
     * broker and the load generator cost the same per message in each kind of burst, so the difference between a
     * gateway burst and a bare-relay burst is what the gateway's own work costs).
     */
    private double burst(Saturation.Step step, AtomicLong received, List<Double> cpu) throws Exception {
        double cpuBefore = CpuAccount.machineBusySeconds();
        long receivedBefore = received.get();
        double rate = Saturation.measure(step, received, new LinkedHashMap<>(), warmup, measure);
        long messages = Math.max(1, received.get() - receivedBefore);
        cpu.add(round((CpuAccount.machineBusySeconds() - cpuBefore) * 1e6 / messages));
        return rate;
    }

    private Map<String, Object> figures(String where) {
        double medianRatio = median(ratios);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rawBursts", raws.stream().map(Figures::round).toList());
        figures.put("gatewayBursts", gateways.stream().map(Figures::round).toList());
        figures.put("bareRelayBursts", bares.stream().map(Figures::round).toList());
        figures.put("ratios", ratios);
        figures.put("bareRelayRatios", bareRatios);
        figures.put("medianRatio", medianRatio);
        figures.put("bareRelayMedianRatio", median(bareRatios));
        figures.put("machineCpuMicrosPerRawMessage", rawCpu);
        figures.put("machineCpuMicrosPerDecision", gatewayCpu);
        figures.put("machineCpuMicrosPerBareRelayMessage", bareCpu);
        double gatewayOwn = round(median(gatewayCpu) - median(bareCpu));
        figures.put("gatewayOwnCpuMicrosPerDecision", gatewayOwn);
        figures.put("gatewayRateToBareRelay", round(median(gateways) / median(bares)));
        figures.put("load", Machine.load());
        run.report().row("2 door-gateway" + where + " vs the raw relay around it (" + run.options().pairs() + " bursts)",
                "gateway " + gateways.stream().map(Figures::grouped).collect(Collectors.joining(" / ")) + " decisions/s, "
                        + percents(ratios) + "; a bare relay on the services' MQTT client " + percents(bareRatios),
                "median " + Math.round(100 * medianRatio) + "% (bare relay " + Math.round(100 * median(bareRatios))
                        + "%); target ≥ 50% → " + (medianRatio >= 0.5 ? "MET" : "NOT MET"));
        run.report().row("2 door-gateway" + where + " CPU per decision (the machine's, median of the bursts)",
                median(gatewayCpu) + " µs; a bare-relayed message " + median(bareCpu) + " µs, a raw-relayed one "
                        + median(rawCpu) + " µs: officeguard's own work " + gatewayOwn + " µs per decision",
                "gateway at " + Math.round(100 * median(gateways) / median(bares))
                        + "% of the bare relay's rate; aim ≥ 90%");
        return figures;
    }
}
