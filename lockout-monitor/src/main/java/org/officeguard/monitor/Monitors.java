package org.officeguard.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.monitor.rules.LockoutMonitor;
import org.officeguard.monitor.rules.MonitorState;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.LiveStatePacer;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceMetrics;
import org.officeguard.runtime.SiteEngines;
import org.officeguard.runtime.SnapshotSource;

/**
 * The bean the routes call: one {@link LockoutMonitor} per site, payloads in, violations out; and each site's PC
 * states, retained, when they changed.
 */
public final class Monitors implements SnapshotSource<MonitorState> {

    private final ServiceContext context;
    private final SiteEngines<LockoutMonitor> engines;
    private final LiveStatePacer pacer = LiveStatePacer.everySecond();

    public Monitors(ServiceContext context, ServiceMetrics metrics) {
        this.context = context;
        this.engines = new SiteEngines<>(context, metrics, LockoutMonitor::new, LockoutMonitor::lateEvents);
    }

    public List<Outbound> decision(Envelope in) {
        Decision d = Payloads.decision(in.payload());
        if (!d.door().equals(in.name())) {
            throw new InvalidInputException("decision for door '" + d.door() + "' came on the topic of door '"
                    + in.name() + "'");
        }
        return engines.violations(in.site(), engines.call(in.site(), d.ts(), m -> m.onDecision(d)));
    }

    public List<Outbound> pcState(Envelope in) {
        PcStateEvent e = Payloads.pcState(in.payload(), in.name());
        return engines.violations(in.site(), engines.call(in.site(), e.ts(), m -> m.onPcState(e)));
    }

    public List<Outbound> lastExit(Envelope in) {
        LastExitEvent e = Payloads.lastExit(in.payload());
        return engines.violations(in.site(), engines.call(in.site(), e.ts(), m -> m.onLastExit(e)));
    }

    public List<Outbound> clock(Envelope in) {
        Instant ts = Payloads.clock(in.payload());
        return engines.violations(in.site(), engines.call(in.site(), ts, m -> m.onClock(ts)));
    }

    /** Wall mode: every site's event time follows the system clock. */
    public List<Outbound> wallClock() {
        return engines.tickAll(LockoutMonitor::onClock);
    }

    /**
     * The retained {@code office/{site}/pcs} of every site whose PC states are due ({@link LiveStatePacer}), read
     * without the engine's lock, so no input waits for it.
     */
    public List<Outbound> pcs() {
        List<Outbound> out = new ArrayList<>(1);
        engines.eachWithoutLock((site, monitor) -> {
            if (pacer.due(site.site(), monitor.pcsVersion())) {
                out.add(Outbound.retained(context.topics().pcs(site.site()), monitor.pcs().toJson(site.timezone())));
            }
        });
        return out;
    }

    public Map<String, Object> health() {
        return engines.health(m -> {
            Map<String, Object> s = new LinkedHashMap<>();
            Instant w = m.watermark();
            s.put("watermark", w == null ? null : TimeFormat.format(w, m.site().timezone()));
            s.put("late", m.lateEvents());
            s.put("occupancy", m.occupancy());
            s.put("lockedUp", m.lockedUp());
            return s;
        });
    }

    @Override
    public Class<MonitorState> stateType() {
        return MonitorState.class;
    }

    @Override
    public Map<String, MonitorState> export(BooleanSupplier quiet) {
        return engines.exportAll(LockoutMonitor::exportState, quiet);
    }

    @Override
    public void restore(Map<String, MonitorState> sites) {
        engines.restoreAll(sites, LockoutMonitor::restore);
    }
}
