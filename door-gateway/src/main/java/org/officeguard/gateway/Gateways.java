package org.officeguard.gateway;


import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.VisitorRegistration;
import org.officeguard.core.rules.DoorGateway;
import org.officeguard.runtime.Envelope;
import org.officeguard.runtime.Outbound;
import org.officeguard.runtime.ServiceContext;

/**
 * The bean the routes call: one {@link DoorGateway} engine per site, payloads in, messages out.
 * Calls for a site are serialised on its engine (the inbox and the wall clock may call at once).
 */
public final class Gateways {

    private final ServiceContext context;
    private final Topics topics;
    private final Map<String, DoorGateway> engines = new LinkedHashMap<>();

    public Gateways(ServiceContext context) {
        this.context = context;
        this.topics = context.topics();
        for (SiteConfig site : context.sites()) {
            engines.put(site.site(), new DoorGateway(site));
        }
    }

    public List<Outbound> badge(Envelope in) {
        BadgeEvent e = Payloads.badge(in.payload(), in.name());
        context.checkNotInFuture(e.ts());
        DoorGateway engine = engines.get(in.site().site());
        DoorGateway.Result r;
        synchronized (engine) {
            r = engine.onBadge(e);
        }
        List<Outbound> out = new ArrayList<>(2 + r.violations().size());
        byte[] decision = Payloads.write(r.decision(), in.site().timezone());
        out.add(Outbound.of(topics.decision(in.site().site(), e.door()), decision));
        MqttProperties request = in.properties();
        if (request != null && request.getResponseTopic() != null) {
            MqttProperties reply = new MqttProperties();
            reply.setCorrelationData(request.getCorrelationData());
            out.add(new Outbound(request.getResponseTopic(), decision, false, reply));
        }
        addViolations(out, in.site(), r.violations());
        return out;
    }

    public List<Outbound> registration(Envelope in) {
        VisitorRegistration r = Payloads.visitorRegistration(in.payload());
        context.checkNotInFuture(r.ts());
        DoorGateway engine = engines.get(in.site().site());
        synchronized (engine) {
            return violations(in.site(), engine.onRegistration(r));
        }
    }

    public List<Outbound> lastExit(Envelope in) {
        LastExitEvent e = Payloads.lastExit(in.payload());
        context.checkNotInFuture(e.ts());
        DoorGateway engine = engines.get(in.site().site());
        synchronized (engine) {
            return violations(in.site(), engine.onLastExit(e));
        }
    }

    public List<Outbound> clock(Envelope in) {
        Instant ts = Payloads.clock(in.payload());
        context.checkNotInFuture(ts);
        DoorGateway engine = engines.get(in.site().site());
        synchronized (engine) {
            return violations(in.site(), engine.onClock(ts));
        }
    }

    /** Wall mode: every site's event time follows the system clock. */
    public List<Outbound> wallClock() {
        Instant now = context.clock().instant();
        List<Outbound> out = new ArrayList<>();
        for (DoorGateway engine : engines.values()) {
            synchronized (engine) {
                out.addAll(violations(engine.site(), engine.onClock(now)));
            }
        }
        return out;
    }

    /** Per site: watermark and late events, for {@code /health}. */
    public Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        engines.forEach((id, engine) -> {
            synchronized (engine) {
                Map<String, Object> s = new LinkedHashMap<>();
                Instant w = engine.watermark();
                s.put("watermark", w == null ? null : TimeFormat.format(w, engine.site().timezone()));
                s.put("late", engine.lateEvents());
                m.put(id, s);
            }
        });
        return m;
    }

    private List<Outbound> violations(SiteConfig site, DoorGateway.Result r) {
        List<Outbound> out = new ArrayList<>(r.violations().size());
        addViolations(out, site, r.violations());
        return out;
    }

    private void addViolations(List<Outbound> out, SiteConfig site, List<Violation> violations) {
        for (Violation v : violations) {
            out.add(Outbound.of(topics.violation(site.site(), v.rule()), Payloads.write(v, site.timezone())));
        }
    }

}
