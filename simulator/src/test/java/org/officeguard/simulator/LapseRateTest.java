package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Rule;

/**
 * Every lapse happens at its configured rate (per opportunity: person-day, visit or day), causes the
 * violation it exists for, and does not happen at rate 0; normal behaviour causes nothing. All without a
 * broker: the model alone.
 */
class LapseRateTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void person_day_and_visit_lapses_happen_at_their_rate_and_cause_their_violation() {
        double rate = 0.2;
        Scenario s = Scenario.generate(SampleSite.config(100, DAY), DAY, 50, 11, LapseRates.all(rate)
                .with(Lapse.FORGOTTEN_LOCKUP, 0.3).with(Lapse.LOCKUP_WITH_OCCUPANTS, 0.3));
        assertClean(s);
        for (Lapse kind : Lapse.values()) {
            if (kind.unit() != Lapse.Unit.DAY) {
                assertRate(s.truth(), kind, kind.unit() == Lapse.Unit.VISIT ? 300 : 3000);
            }
            assertEachCausesItsViolation(s.truth(), kind);
        }
    }

    @Test
    void day_lapses_happen_at_their_rate() {
        Scenario s = Scenario.generate(SampleSite.config(8, DAY), DAY, 500, 12, LapseRates.none()
                .with(Lapse.FORGOTTEN_LOCKUP, 0.3).with(Lapse.LOCKUP_WITH_OCCUPANTS, 0.4));
        assertClean(s);
        assertRate(s.truth(), Lapse.FORGOTTEN_LOCKUP, 450);
        assertRate(s.truth(), Lapse.LOCKUP_WITH_OCCUPANTS, 300);
        assertEachCausesItsViolation(s.truth(), Lapse.FORGOTTEN_LOCKUP);
        assertEachCausesItsViolation(s.truth(), Lapse.LOCKUP_WITH_OCCUPANTS);
    }

    @Test
    void a_perfect_office_breaks_no_rule() {
        Scenario s = Scenario.generate(SampleSite.config(60, DAY), DAY, 20, 13, LapseRates.none());
        assertClean(s);
        assertEquals(List.of(), s.truth().lapses());
        assertEquals(List.of(), s.truth().violations());
    }

    @Test
    void a_lapse_at_rate_zero_never_happens_while_the_others_do() {
        for (Lapse off : Lapse.values()) {
            Scenario s = Scenario.generate(SampleSite.config(40, DAY), DAY, 8, 14, LapseRates.all(0.3).with(off, 0));
            assertClean(s);
            assertEquals(0, s.truth().lapses(off), off + " at rate 0");
            assertEquals(0, s.truth().violations().stream()
                    .filter(v -> v.lapse() != null && v.lapse().kind() == off).count(), off + " caused nothing");
            if (off != Lapse.PC_LEFT_ON) { // PCs still on are also reported at a forgotten lockup or one with occupants
                assertEquals(0, s.truth().count(off.rule()), off.rule() + " without " + off);
            }
            assertTrue(s.truth().lapses().size() > 20, "the other lapses still happen");
        }
    }

    static void assertClean(Scenario s) {
        assertEquals(List.of(), s.problems(), "the plan is consistent: everybody badges where they are");
        assertEquals(List.of(), s.truth().unintended(), "normal behaviour breaks no rule");
    }

    /** Observed share of opportunities within 4 standard deviations of the rate (and enough opportunities). */
    static void assertRate(GroundTruth truth, Lapse kind, int minOpportunities) {
        double rate = truth.rates().get(kind);
        int n = truth.opportunities().get(kind);
        long k = truth.lapses(kind);
        assertTrue(n >= minOpportunities, kind + ": only " + n + " opportunities");
        double observed = (double) k / n;
        double sigma = Math.sqrt(rate * (1 - rate) / n);
        assertTrue(Math.abs(observed - rate) <= 4 * sigma,
                kind + ": " + k + " of " + n + " = " + observed + ", rate " + rate + " ± " + 4 * sigma);
    }

    /** Each lapse of the kind is behind its rule's violation: exactly one, or at least one for PCs left on. */
    static void assertEachCausesItsViolation(GroundTruth truth, Lapse kind) {
        Map<String, Long> byLapse = truth.violations().stream()
                .filter(v -> v.rule() == kind.rule() && v.lapse() != null && v.lapse().kind() == kind)
                .collect(Collectors.groupingBy(v -> v.lapse().id(), Collectors.counting()));
        List<LapseEvent> lapses = truth.lapses().stream().filter(l -> l.kind() == kind).toList();
        assertTrue(!lapses.isEmpty(), kind + " happened");
        for (LapseEvent l : lapses) {
            long n = byLapse.getOrDefault(l.id(), 0L);
            if (kind == Lapse.PC_LEFT_ON) {
                assertTrue(n >= 1, l + " caused " + n + " " + kind.rule());
            } else {
                assertEquals(1, n, l + " caused " + n + " " + kind.rule());
            }
        }
        Rule rule = kind.rule();
        assertTrue(truth.count(rule) >= lapses.size(), rule + " at least once per lapse");
    }
}
