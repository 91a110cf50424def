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
        EnumMap<Lapse, Double> rates = new EnumMap<>(Lapse.class);
        for (Lapse lapse : Lapse.values()) {
            rates.put(lapse, lapse.defaultRate());
        }
        return new LapseRates(rates);
    }

    /** Every rate 0: a perfectly behaved office. */
    public static LapseRates none() {
        EnumMap<Lapse, Double> rates = new EnumMap<>(Lapse.class);
        for (Lapse lapse : Lapse.values()) {
            rates.put(lapse, 0.0);
        }
        return new LapseRates(rates);
    }

    /** Every lapse at {@code rate}. */
    public static LapseRates all(double rate) {
        LapseRates rates = none();
        for (Lapse lapse : Lapse.values()) {
            rates = rates.with(lapse, rate);
        }
        return rates;
    }

    public LapseRates with(Lapse lapse, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate of " + lapse.key() + " must be within [0, 1], not " + rate);
        }
        EnumMap<Lapse, Double> changed = new EnumMap<>(rates);
        changed.put(lapse, rate);
        return new LapseRates(changed);
    }

    /** Parses {@code left-pc-unlocked=0.1,tailgate=0} on top of these rates. */
    public LapseRates parse(String spec) {
        LapseRates parsed = this;
        if (spec == null || spec.isBlank()) {
            return parsed;
        }
        for (String part : spec.split(",")) {
            String[] kindAndRate = part.trim().split("=", 2);
            if (kindAndRate.length != 2) {
                throw new IllegalArgumentException("a rate is KIND=P, not '" + part.trim() + "' (kinds: " + Lapse.keys() + ")");
            }
            String kind = kindAndRate[0].trim();
            String rate = kindAndRate[1].trim();
            try {
                parsed = parsed.with(Lapse.ofKey(kind), Double.parseDouble(rate));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate of " + kind + " must be a number, not '" + rate + "'");
            }
        }
        return parsed;
    }

    public double of(Lapse lapse) {
        return rates.get(lapse);
    }

    public Map<Lapse, Double> asMap() {
        return Collections.unmodifiableMap(rates);
    }
}
