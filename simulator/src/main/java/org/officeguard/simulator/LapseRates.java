package org.officeguard.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How often each lapse happens: a probability per {@link Lapse#unit()}. */
public final class LapseRates {

    private final EnumMap<Lapse, Double> rates;

    private LapseRates(EnumMap<Lapse, Double> rates) {
        this.rates = rates;
    }

    public static LapseRates defaults() {
        EnumMap<Lapse, Double> m = new EnumMap<>(Lapse.class);
        for (Lapse l : Lapse.values()) {
            m.put(l, l.defaultRate());
        }
        return new LapseRates(m);
    }

    /** Every rate 0: a perfectly behaved office. */
    public static LapseRates none() {
        EnumMap<Lapse, Double> m = new EnumMap<>(Lapse.class);
        for (Lapse l : Lapse.values()) {
            m.put(l, 0.0);
        }
        return new LapseRates(m);
    }

    /** Every lapse at {@code rate}. */
    public static LapseRates all(double rate) {
        LapseRates r = none();
        for (Lapse l : Lapse.values()) {
            r = r.with(l, rate);
        }
        return r;
    }

    public LapseRates with(Lapse lapse, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate of " + lapse.key() + " must be within [0, 1], not " + rate);
        }
        EnumMap<Lapse, Double> m = new EnumMap<>(rates);
        m.put(lapse, rate);
        return new LapseRates(m);
    }

    /** Parses {@code left-pc-unlocked=0.1,tailgate=0} on top of these rates. */
    public LapseRates parse(String spec) {
        LapseRates r = this;
        if (spec == null || spec.isBlank()) {
            return r;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("a rate is KIND=P, not '" + part.trim() + "' (kinds: " + Lapse.keys() + ")");
            }
            try {
                r = r.with(Lapse.ofKey(kv[0].trim()), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate of " + kv[0].trim() + " must be a number, not '" + kv[1].trim() + "'");
            }
        }
        return r;
    }

    public double of(Lapse lapse) {
        return rates.get(lapse);
    }

    public Map<Lapse, Double> asMap() {
        return Collections.unmodifiableMap(rates);
    }
}
