package org.officeguard.simulator;

import java.time.LocalDate;

/**
 * Draws a day's lapses at their rates and counts the opportunities each kind had (the denominators of the rates
 * that {@code verify} reports). A lapse that finds no place in the day is taken back with its opportunity.
 */
final class LapseDraws {

    private final DayRandom random;
    private final LapseRates rates;
    private final LocalDate date;
    private final PlannedDays days;
    private int drawn;

    LapseDraws(DayRandom random, LapseRates rates, LocalDate date, PlannedDays days) {
        this.random = random;
        this.rates = rates;
        this.date = date;
        this.days = days;
    }

    void opportunity(Lapse kind) {
        days.opportunities.merge(kind, 1, Integer::sum);
    }

    /** Draws the lapse at its rate, or null; the random stream advances the same whatever the rate. */
    LapseEvent draw(Lapse kind, String who) {
        double draw = random.fraction();
        if (draw >= rates.of(kind)) {
            return null;
        }
        LapseEvent lapse = new LapseEvent(date + "/" + kind.key() + "/" + (++drawn), kind, date, who);
        days.lapses.add(lapse);
        return lapse;
    }

    /** A drawn lapse that found no place in the day: neither it nor its opportunity counts. */
    void undo(LapseEvent lapse) {
        days.lapses.remove(lapse);
        days.opportunities.merge(lapse.kind(), -1, Integer::sum);
    }

    /** A drawn lapse whose opportunity was never counted (the day had none): it does not count either. */
    void discard(LapseEvent lapse) {
        days.lapses.remove(lapse);
    }
}
