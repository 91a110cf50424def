package org.officeguard.bridge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.officeguard.bridge.translate.EspRfidTranslator;
import org.officeguard.bridge.translate.HassAgentTranslator;
import org.officeguard.bridge.translate.Translation;
import org.officeguard.bridge.translate.UhppotedTranslator;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceMetrics;
import org.officeguard.runtime.SnapshotSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the bridge's routes call: per site, one translator per device kind and the site's event time. A translated
 * message becomes the site's input to publish; an ignored one is counted; an unreadable one is refused with its
 * reason (to the dead-letter topic). In wall mode a device's time more than 300 s ahead of the system clock is
 * refused, as every service refuses such an input.
 */
public final class Bridges implements SnapshotSource<BridgeState> {

    private static final Logger LOG = LoggerFactory.getLogger(Bridges.class);

    private final ServiceContext context;
    private final ServiceMetrics metrics;
    private final Map<String, SiteBridge> sites = new LinkedHashMap<>();

    /** What the bridge keeps for one site; guarded by itself. */
    private static final class SiteBridge {
        final SiteConfig site;
        final SiteTime time;
        final EspRfidTranslator espRfid;
        final UhppotedTranslator uhppoted;
        final HassAgentTranslator hassAgent;

        SiteBridge(ServiceContext context, SiteConfig site) {
            this.site = site;
            this.time = new SiteTime(context.clockMode(), context.clock());
            this.espRfid = new EspRfidTranslator(context.topics(), site);
            this.uhppoted = new UhppotedTranslator(context.topics(), site);
            this.hassAgent = new HassAgentTranslator(context.topics(), site);
        }
    }

    public Bridges(ServiceContext context, ServiceMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
        for (SiteConfig site : context.sites()) {
            sites.put(site.site(), new SiteBridge(context, site));
        }
    }

    public List<Outbound> espRfid(DeviceInput in) {
        return translate(in, bridge -> bridge.espRfid.translate((Device.EspRfid) in.device(), in.payload()));
    }

    public List<Outbound> uhppoted(DeviceInput in) {
        return translate(in, bridge -> bridge.uhppoted.translate((Device.Uhppoted) in.device(), in.payload()));
    }

    public List<Outbound> hassAgent(DeviceInput in) {
        return translate(in, bridge -> bridge.hassAgent.translate((Device.HassAgent) in.device(), in.sensorPath(),
                in.payload(), bridge.time.stamp()));
    }

    /** A site's clock tick: it moves the site's event time, and publishes nothing. */
    public List<Outbound> clock(DeviceInput in) {
        Instant ts = Payloads.clock(in.payload());
        context.checkNotInFuture(ts);
        SiteBridge bridge = sites.get(in.site().site());
        synchronized (bridge) {
            bridge.time.advance(ts);
        }
        return List.of();
    }

    private List<Outbound> translate(DeviceInput in, Function<SiteBridge, Translation> translator) {
        SiteBridge bridge = sites.get(in.site().site());
        synchronized (bridge) {
            Translation result = translator.apply(bridge);
            if (result instanceof Translation.Translated message) {
                context.checkNotInFuture(message.ts());
                bridge.time.advance(message.ts());
                return List.of(Outbound.of(message.topic(), message.payload()));
            }
            if (result instanceof Translation.Ignored ignored) {
                metrics.ignored(in.site().site(), in.kind().id(), ignored.reason());
                LOG.debug("{} {} on {}: ignored, {}", in.kind(), in.device().id(), in.topic(), ignored.detail());
                return List.of();
            }
            if (result instanceof Translation.Unreadable unreadable) {
                throw new InvalidInputException(in.kind() + " device '" + in.device().id() + "': "
                        + unreadable.reason());
            }
            return List.of(); // noted: the bridge knows more, nothing to publish
        }
    }

    @Override
    public Class<BridgeState> stateType() {
        return BridgeState.class;
    }

    /** Every site's state, under every site's lock once {@code quiet} holds there. */
    @Override
    public Map<String, BridgeState> export(BooleanSupplier quiet) {
        return exportLocked(new ArrayList<>(sites.values()), 0, quiet);
    }

    private Map<String, BridgeState> exportLocked(List<SiteBridge> all, int index, BooleanSupplier quiet) {
        if (index < all.size()) {
            synchronized (all.get(index)) {
                return exportLocked(all, index + 1, quiet);
            }
        }
        if (!quiet.getAsBoolean()) {
            return null;
        }
        Map<String, BridgeState> states = new LinkedHashMap<>();
        sites.forEach((id, bridge) -> states.put(id,
                new BridgeState(bridge.time.watermark(), bridge.hassAgent.lastActiveByPc())));
        return states;
    }

    @Override
    public void restore(Map<String, BridgeState> states) {
        states.forEach((id, state) -> {
            SiteBridge bridge = sites.get(id);
            if (bridge != null) { // a site no longer served here is left out
                synchronized (bridge) {
                    bridge.time.restore(state.watermark());
                    bridge.hassAgent.restore(state.lastActive());
                }
            }
        });
    }

    /** For {@code /health}: per site, its event time (event mode), its devices and its ignored messages. */
    public Map<String, Object> health() {
        Map<String, Object> all = new LinkedHashMap<>();
        sites.forEach((id, bridge) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            synchronized (bridge) {
                Instant watermark = bridge.time.watermark();
                figures.put("watermark",
                        watermark == null ? null : TimeFormat.format(watermark, bridge.site.timezone()));
            }
            figures.put("devices", bridge.site.devices().size());
            figures.put("ignored", metrics.ignoredCounts(id));
            all.put(id, figures);
        });
        return all;
    }
}
