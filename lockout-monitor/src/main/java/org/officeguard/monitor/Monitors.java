package org.officeguard.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;
import org.officeguard.core.rules.LockoutMonitor;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.Outbound;
import org.officeguard.runtime.ServiceContext;

/**
 * The bean the routes call: one {@link LockoutMonitor} per site, payloads in, violations out. Calls
 * for a site are serialised on its engine (the inbox and the wall clock may call at once).
 */
public final class Monitors {

    private final ServiceContext context;
    private final Map<String, LockoutMonitor> engines = new LinkedHashMap<>();

    public Monitors(ServiceContext context) {
        this.context = context;
        for (SiteConfig site : context.sites()) {
            engines.put(site.site(), new LockoutMonitor(site));
        }
    }

    public List<Outbound> decision(Envelope in) {
        Decision d = Payloads.decision(in.payload());
        if (!d.door().equals(in.name())) {
            throw new InvalidInputException("decision for door '" + d.door() + "' came on the topic of door '"
                    + in.name() + "'");
        }
        return run(in, d.ts(), m -> m.onDecision(d));
    }

    public List<Outbound> pcState(Envelope in) {
        PcStateEvent e = Payloads.pcState(in.payload(), in.name());
        return run(in, e.ts(), m -> m.onPcState(e));
    }

    public List<Outbound> lastExit(Envelope in) {
        LastExitEvent e = Payloads.lastExit(in.payload());
        return run(in, e.ts(), m -> m.onLastExit(e));
    }

    public List<Outbound> clock(Envelope in) {
        Instant ts = Payloads.clock(in.payload());
        return run(in, ts, m -> m.onClock(ts));
    }

    /** Wall mode: every site's event time follows the system clock. */
    public List<Outbound> wallClock() {
        Instant now = context.clock().instant();
        List<Outbound> out = new ArrayList<>();
        for (LockoutMonitor engine : engines.values()) {
            synchronized (engine) {
                out.addAll(toOutbound(engine.site(), engine.onClock(now)));
            }
        }
        return out;
    }

    public Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        engines.forEach((id, engine) -> {
            synchronized (engine) {
                Map<String, Object> s = new LinkedHashMap<>();
                Instant w = engine.watermark();
                s.put("watermark", w == null ? null : TimeFormat.format(w, engine.site().timezone()));
                s.put("late", engine.lateEvents());
                s.put("occupancy", engine.occupancy());
                s.put("lockedUp", engine.lockedUp());
                m.put(id, s);
            }
        });
        return m;
    }

    private List<Outbound> run(Envelope in, Instant ts, Function<LockoutMonitor, List<Violation>> call) {
        context.checkNotInFuture(ts);
        LockoutMonitor engine = engines.get(in.site().site());
        synchronized (engine) {
            return toOutbound(in.site(), call.apply(engine));
        }
    }

    private List<Outbound> toOutbound(SiteConfig site, List<Violation> violations) {
        List<Outbound> out = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            out.add(Outbound.of(context.topics().violation(site.site(), v.rule()), Payloads.write(v, site.timezone())));
        }
        return out;
    }
}
