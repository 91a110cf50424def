package org.officeguard.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Violation;

/**
 * One rule engine per site, and the chores every service's bean shares: refusing far-future events in
 * wall mode, serialising the calls on a site's engine (the inbox and the wall clock may call at once),
 * turning violations into messages for {@code office/{site}/violation/{RULE}}, and counting them and the late
 * inputs ({@link ServiceMetrics}).
 */
public final class SiteEngines<E> {

    private final ServiceContext context;
    private final ServiceMetrics metrics;
    private final Map<String, E> engines = new LinkedHashMap<>();
    private final Map<String, SiteConfig> sites = new LinkedHashMap<>();

    /** {@code lateInputs}: how many inputs an engine took after its watermark had passed them. */
    public SiteEngines(ServiceContext context, ServiceMetrics metrics, Function<SiteConfig, E> factory,
            ToLongFunction<E> lateInputs) {
        this.context = context;
        this.metrics = metrics;
        for (SiteConfig site : context.sites()) {
            E engine = factory.apply(site);
            engines.put(site.site(), engine);
            sites.put(site.site(), site);
            metrics.lateInputs(site.site(), engine, lateInputs);
        }
    }

    /** Runs {@code call} on the site's engine for an input stamped {@code ts}. */
    public <R> R call(SiteConfig site, Instant ts, Function<E, R> call) {
        context.checkNotInFuture(ts);
        E engine = engines.get(site.site());
        synchronized (engine) {
            return call.apply(engine);
        }
    }

    /** Runs {@code call} on every site's engine with the wall clock's time; collects the violations. */
    public List<Outbound> tickAll(BiFunction<E, Instant, List<Violation>> call) {
        Instant now = context.now();
        List<Outbound> out = new ArrayList<>();
        engines.forEach((id, engine) -> {
            List<Violation> due;
            synchronized (engine) {
                due = call.apply(engine, now);
            }
            out.addAll(violations(sites.get(id), due));
        });
        return out;
    }

    /** Per-site figures for {@code /health}, read under the engine's lock. */
    public Map<String, Object> health(Function<E, Map<String, Object>> figures) {
        Map<String, Object> m = new LinkedHashMap<>();
        engines.forEach((id, engine) -> {
            synchronized (engine) {
                m.put(id, figures.apply(engine));
            }
        });
        return m;
    }

    /**
     * Runs {@code read} on every site's engine <em>without</em> its lock: for what an engine keeps readable from any
     * thread (its live state), so that no input waits for the reader.
     */
    public void eachWithoutLock(BiConsumer<SiteConfig, E> read) {
        engines.forEach((id, engine) -> read.accept(sites.get(id), engine));
    }

    /**
     * Every site's state for a snapshot, exported under every engine's lock once {@code quiet} holds there (no input
     * in the rules); null when it does not, or when an engine has no snapshot point now ({@code export} gives null).
     */
    public <S> Map<String, S> exportAll(Function<E, S> export, BooleanSupplier quiet) {
        List<E> all = new ArrayList<>(engines.values());
        return exportLocked(all, 0, export, quiet);
    }

    private <S> Map<String, S> exportLocked(List<E> all, int index, Function<E, S> export, BooleanSupplier quiet) {
        if (index < all.size()) {
            synchronized (all.get(index)) {
                return exportLocked(all, index + 1, export, quiet);
            }
        }
        if (!quiet.getAsBoolean()) {
            return null;
        }
        Map<String, S> states = new LinkedHashMap<>();
        for (Map.Entry<String, E> site : engines.entrySet()) {
            S state = export.apply(site.getValue());
            if (state == null) {
                return null;
            }
            states.put(site.getKey(), state);
        }
        return states;
    }

    /** Restores each site's engine that {@code states} names; a site no longer served here is left out. */
    public <S> void restoreAll(Map<String, S> states, BiConsumer<E, S> restore) {
        states.forEach((id, state) -> {
            E engine = engines.get(id);
            if (engine != null) {
                synchronized (engine) {
                    restore.accept(engine, state);
                }
            }
        });
    }

    public List<Outbound> violations(SiteConfig site, List<Violation> violations) {
        List<Outbound> out = new ArrayList<>(violations.size());
        addViolations(out, site, violations);
        return out;
    }

    public void addViolations(List<Outbound> out, SiteConfig site, List<Violation> violations) {
        for (Violation v : violations) {
            out.add(Outbound.of(context.topics().violation(site.site(), v.rule()), Payloads.write(v, site.timezone())));
            metrics.violation(site.site(), v.rule().name());
        }
    }
}
