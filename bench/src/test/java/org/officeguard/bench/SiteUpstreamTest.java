package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.simulator.Scenario;

class SiteUpstreamTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final Set<Topics.Kind> REPORTING_TAKES = Set.of(Topics.Kind.DECISION, Topics.Kind.VIOLATION,
            Topics.Kind.LAST_EXIT, Topics.Kind.VISITOR_REGISTER, Topics.Kind.CLOCK);
    private static SiteUpstream site;

    @BeforeAll
    static void day() {
        site = SiteUpstream.generate("site-007", ZoneId.of("Europe/Berlin"), 100, DAY, 1, 7, "bcentre");
    }

    @Test
    void the_site_rule_engines_find_what_the_simulator_expects() {
        assertTrue(site.violations() > 0, "a day of 100 people at the default lapse rates has violations");
        assertEquals(site.simulatorExpects(), site.byRule());
    }

    @Test
    void the_day_closes_and_its_report_must_count_every_decision_and_violation() {
        assertEquals(List.of(DAY), site.closingDays());
        SiteUpstream.DayCounts day = site.expected(DAY);
        assertEquals(site.decisions(), day.passagesGranted() + day.passagesDenied());
        assertTrue(day.passagesDenied() > 0 && day.passagesGranted() > day.passagesDenied());
        assertEquals(site.violations(), day.violations());
        assertEquals(site.byRule(), day.byRule());
        assertEquals(0, site.expected(DAY.plusDays(1)).violations());
    }

    @Test
    void a_day_starts_at_the_first_message_past_the_site_s_midnight() {
        assertEquals(0, site.firstOf(DAY));
        int nextDay = site.firstOf(DAY.plusDays(1));
        Instant midnight = DAY.plusDays(1).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
        assertTrue(nextDay > 0 && nextDay < site.messages().size(), "the ticks that close the day come after midnight");
        assertTrue(site.messages().get(nextDay - 1).at().isBefore(midnight));
        assertFalse(site.messages().get(nextDay).at().isBefore(midnight));
        assertEquals(site.messages().size(), site.firstOf(DAY.plusDays(2)));
    }

    @Test
    void what_goes_up_is_what_reporting_takes_of_this_site_in_event_time_order() {
        Topics topics = new Topics("bcentre");
        Map<Topics.Kind, Long> byKind = new EnumMap<>(Topics.Kind.class);
        Instant previous = Instant.MIN;
        for (SiteUpstream.Message message : site.messages()) {
            Topics.Address address = topics.parse(message.topic()).orElseThrow();
            assertTrue(REPORTING_TAKES.contains(address.kind()), message.topic());
            assertEquals("site-007", address.site());
            assertFalse(message.at().isBefore(previous), message.topic() + " at " + message.at());
            previous = message.at();
            byKind.merge(address.kind(), 1L, Long::sum);
        }
        assertEquals(site.decisions(), byKind.get(Topics.Kind.DECISION));
        assertEquals(site.violations(), byKind.get(Topics.Kind.VIOLATION));
        assertTrue(byKind.get(Topics.Kind.CLOCK) > 500, "a tick in every quiet minute by day: " + byKind.get(Topics.Kind.CLOCK));
        SiteUpstream.Message last = site.messages().get(site.messages().size() - 1);
        assertTrue(Payloads.clock(last.payload()).isAfter(Scenario.closesAt(site.site(), DAY)), "the last tick closes the day");
        assertEquals("site-007", Payloads.decision(site.messages().stream()
                .filter(message -> message.topic().endsWith("/decision")).findFirst().orElseThrow().payload()).site());
    }
}
