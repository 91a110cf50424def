package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;

/**
 * A reader whose card list has a card wrong lets its holder through where the site file refuses them: they walk in
 * and straight back out, the ground truth follows the reader, and the refusal officeguard would have made is still
 * a violation (SPEC §3: an observed passage's violations are reported as usual).
 */
class MisconfiguredCardsTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final SiteConfig SITE = SampleSite.config(60, DAY, EnumSet.allOf(Device.Kind.class));

    /** An observed badge as the bridge publishes it, with the decision the model expects. */
    record Passage(String door, String badge, String direction, boolean granted, String reason, DeviceMessage message) {}

    static List<Passage> passages(Scenario scenario) {
        return scenario.bridgeOutput().stream().filter(m -> m.kind() == DeviceMessage.Kind.BADGE).map(m -> {
            JsonNode json = json(m.text());
            String door = m.topic().split("/")[3];
            return new Passage(door, json.path("badge").asText(), json.path("direction").asText(),
                    json.path("granted").asBoolean(), m.expectReason(), m);
        }).toList();
    }

    private static Scenario wrongZoneDay(double misconfigured, long seed) {
        LapseRates rates = LapseRates.none().with(Lapse.WRONG_ZONE, 1).with(Lapse.VISITOR_EARLY, 1);
        return Scenario.generate(SITE, DAY, 1, seed, rates, "office",
                DeviceOptions.defaults().withMisconfiguredCards(misconfigured));
    }

    @Test
    void a_refused_zone_granted_by_the_reader_is_walked_back_out_and_its_violation_is_in_the_truth() {
        Scenario scenario = wrongZoneDay(1, 2);
        assertEquals(List.of(), scenario.problems());
        assertEquals(List.of(), scenario.truth().unintended());
        List<Passage> passages = passages(scenario);
        int letIn = 0;
        for (int i = 0; i < passages.size(); i++) {
            Passage in = passages.get(i);
            if (!in.reason().equals(Rule.ZONE_NOT_ALLOWED.name())) {
                continue;
            }
            letIn++;
            assertTrue(in.granted(), "the reader lets the card through: " + in);
            assertEquals(true, in.message().expectGranted(), "the decision carries the reader's verdict");
            Passage out = passages.stream().skip(i + 1).filter(p -> p.badge().equals(in.badge())).findFirst().orElseThrow();
            assertEquals(in.door(), out.door(), "back out through the same door");
            assertEquals("OUT", out.direction());
            assertTrue(out.granted());
            assertEquals("OK", out.reason(), "egress is free");
            long inside = Duration.between(in.message().ts(), out.message().ts()).getSeconds();
            assertTrue(inside >= 4 && inside <= 12, "a few seconds inside: " + inside);
            assertTrue(scenario.truth().violations().stream().anyMatch(v -> v.rule() == Rule.ZONE_NOT_ALLOWED
                    && v.badge().equals(in.badge()) && v.ts().equals(in.message().ts())
                    && v.subject().equals("door:" + in.door()) && v.lapse() != null), "the violation is expected: " + in);
        }
        assertTrue(letIn >= 3, "wrong-zone attempts let in: " + letIn);
    }

    @Test
    void a_visitor_let_in_before_the_pass_is_valid_walks_back_out_unescorted() {
        Scenario scenario = wrongZoneDay(1, 3);
        assertEquals(List.of(), scenario.problems());
        List<Passage> early = passages(scenario).stream()
                .filter(p -> p.reason().equals(Rule.VISITOR_PASS_INVALID.name())).toList();
        assertFalse(early.isEmpty(), "visitors came early");
        for (Passage visitor : early) {
            assertTrue(visitor.granted(), visitor.toString());
            GroundTruth.Item invalid = scenario.truth().violations().stream()
                    .filter(v -> v.rule() == Rule.VISITOR_PASS_INVALID && v.badge().equals(visitor.badge()))
                    .findFirst().orElseThrow();
            assertTrue(scenario.truth().violations().stream().anyMatch(v -> v.rule() == Rule.VISITOR_UNESCORTED
                    && v.badge().equals(visitor.badge()) && v.ts().equals(visitor.message().ts())
                    && invalid.lapse().equals(v.lapse())), "in alone, and the same lapse explains it: " + visitor);
        }
    }

    @Test
    void readers_without_misconfigured_cards_refuse_what_the_site_refuses() {
        Scenario scenario = wrongZoneDay(0, 2);
        assertEquals(List.of(), scenario.problems());
        List<Passage> refused = passages(scenario).stream().filter(p -> !p.reason().equals("OK")).toList();
        assertFalse(refused.isEmpty());
        for (Passage passage : refused) {
            assertFalse(passage.granted(), passage.toString());
        }
    }

    @Test
    void a_share_of_the_cards_is_misconfigured_the_same_cards_on_every_play() {
        List<Boolean> first = verdictsOfRefusals(wrongZoneDay(0.4, 5));
        assertEquals(first, verdictsOfRefusals(wrongZoneDay(0.4, 5)));
        assertTrue(first.contains(true) && first.contains(false), "some let through, some not: " + first);
    }

    private static List<Boolean> verdictsOfRefusals(Scenario scenario) {
        assertEquals(List.of(), scenario.problems());
        return passages(scenario).stream().filter(p -> !p.reason().equals("OK") && !p.reason().equals("ANTI_PASSBACK"))
                .map(Passage::granted).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Payloads.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
