package org.officeguard.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.VisitorRegistration;
import org.officeguard.gateway.rules.DoorGateway;
import org.officeguard.gateway.rules.GatewayState;
import org.officeguard.gateway.rules.Locations;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.LiveStatePacer;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceMetrics;
import org.officeguard.runtime.SiteEngines;
import org.officeguard.runtime.SnapshotSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the routes call: one {@link DoorGateway} engine per site, payloads in, messages out; and each site's
 * occupancy, retained, when it changed.
 */
public final class Gateways implements SnapshotSource<GatewayState> {

    private static final Logger LOG = LoggerFactory.getLogger(Gateways.class);

    private final ServiceContext context;
    private final ServiceMetrics metrics;
    private final SiteEngines<DoorGateway> engines;
    private final AtomicLong refusedReplies = new AtomicLong();
    private final LiveStatePacer pacer = LiveStatePacer.everySecond();

    public Gateways(ServiceContext context, ServiceMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
        this.engines = new SiteEngines<>(context, metrics, DoorGateway::new, DoorGateway::lateEvents);
    }

    /** The decision, to the door (and to the badge's response topic, if it named one), then its violations. */
    public List<Outbound> badge(Envelope in) {
        BadgeEvent e = Payloads.badge(in.payload(), in.name());
        DoorGateway.Result r = engines.call(in.site(), e.ts(), g -> g.onBadge(e));
        if (r.decision() == null) {
            return List.of(); // a redelivery of a badge decided long ago: its door had its answer
        }
        metrics.decided(in.site().site(), r.decision().reason(), r.decision().decidedByDevice());
        List<Outbound> out = new ArrayList<>(2 + r.violations().size());
        byte[] decision = Payloads.write(r.decision(), in.site().timezone());
        out.add(Outbound.of(context.topics().decision(in.site().site(), e.door()), decision));
        String replyTo = in.responseTopic();
        if (replyTo != null) {
            if (context.topics().parse(replyTo).isPresent()) {
                // The reply is published with the service's rights: a response topic that is itself an
                // officeguard topic (another door's badges, another site's) would let a reader forge inputs.
                refusedReplies.incrementAndGet();
                LOG.warn("Badge {} asked for its decision on {}, an officeguard topic: not sent there", e.eventId(), replyTo);
            } else {
                out.add(new Outbound(replyTo, decision, false, in.correlationData()));
            }
        }
        engines.addViolations(out, in.site(), r.violations());
        return out;
    }

    public List<Outbound> registration(Envelope in) {
        VisitorRegistration r = Payloads.visitorRegistration(in.payload());
        return engines.violations(in.site(), engines.call(in.site(), r.ts(), g -> g.onRegistration(r)).violations());
    }

    public List<Outbound> lastExit(Envelope in) {
        LastExitEvent e = Payloads.lastExit(in.payload());
        return engines.violations(in.site(), engines.call(in.site(), e.ts(), g -> g.onLastExit(e)).violations());
    }

    public List<Outbound> clock(Envelope in) {
        Instant ts = Payloads.clock(in.payload());
        return engines.violations(in.site(), engines.call(in.site(), ts, g -> g.onClock(ts)).violations());
    }

    /** Wall mode: every site's event time follows the system clock. */
    public List<Outbound> wallClock() {
        return engines.tickAll((g, now) -> g.onClock(now).violations());
    }

    /**
     * The retained {@code office/{site}/occupancy} of every site whose occupancy is due ({@link LiveStatePacer}),
     * built here, off the door's path: read without the engine's lock, so no badge waits for it.
     */
    public List<Outbound> occupancy() {
        List<Outbound> out = new ArrayList<>(1);
        engines.eachWithoutLock((site, gateway) -> {
            Locations locations = gateway.locations();
            if (pacer.due(site.site(), locations.version())) {
                byte[] snapshot = locations.snapshot(site.site(), gateway.watermark()).toJson(site.timezone());
                out.add(Outbound.retained(context.topics().occupancy(site.site()), snapshot));
            }
        });
        return out;
    }

    @Override
    public Class<GatewayState> stateType() {
        return GatewayState.class;
    }

    @Override
    public Map<String, GatewayState> export(BooleanSupplier quiet) {
        return engines.exportAll(DoorGateway::exportState, quiet);
    }

    @Override
    public void restore(Map<String, GatewayState> sites) {
        engines.restoreAll(sites, DoorGateway::restore);
    }

    /** Response topics refused because they were officeguard topics. */
    public long refusedReplies() {
        return refusedReplies.get();
    }

    /** Per site: watermark and late events, for {@code /health}. */
    public Map<String, Object> health() {
        return engines.health(g -> {
            Map<String, Object> s = new LinkedHashMap<>();
            Instant w = g.watermark();
            s.put("watermark", w == null ? null : TimeFormat.format(w, g.site().timezone()));
            s.put("late", g.lateEvents());
            return s;
        });
    }
}
