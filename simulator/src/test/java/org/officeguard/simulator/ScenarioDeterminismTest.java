package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;

/** The same site, dates, seed and rates give the same messages, byte for byte; another seed does not. */
class ScenarioDeterminismTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final SiteConfig SITE = SampleSite.config(50, DAY);

    @Test
    void the_same_seed_gives_the_same_messages_and_truth_byte_for_byte() {
        Scenario a = Scenario.generate(SITE, DAY, 2, 7, LapseRates.defaults());
        // a site object loaded anew (its maps iterate in another order) must not change anything
        Scenario b = Scenario.generate(SampleSite.config(50, DAY), DAY, 2, 7, LapseRates.defaults());
        assertEquals(a.messages().size(), b.messages().size());
        for (int i = 0; i < a.messages().size(); i++) {
            DeviceMessage x = a.messages().get(i);
            DeviceMessage y = b.messages().get(i);
            assertEquals(x.topic(), y.topic(), "message " + i);
            assertArrayEquals(x.payload(), y.payload(), "message " + i + ": " + x + " / " + y);
        }
        assertEquals(a.truth().toJson(), b.truth().toJson());
    }

    @Test
    void another_seed_gives_another_day() {
        Scenario a = Scenario.generate(SITE, DAY, 1, 1, LapseRates.defaults());
        Scenario b = Scenario.generate(SITE, DAY, 1, 2, LapseRates.defaults());
        assertNotEquals(a.messages().stream().map(DeviceMessage::text).toList(),
                b.messages().stream().map(DeviceMessage::text).toList());
    }

    @Test
    void every_event_has_its_own_event_id_and_messages_come_in_time_order() {
        Scenario s = Scenario.generate(SITE, DAY, 3, 3, LapseRates.defaults());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < s.messages().size(); i++) {
            DeviceMessage m = s.messages().get(i);
            if (m.kind() != DeviceMessage.Kind.CLOCK) {
                assertTrue(ids.add(m.eventId()), "duplicate eventId " + m.eventId());
                assertTrue(m.text().contains("\"eventId\":\"" + m.eventId() + "\""), m.text());
            }
            if (i > 0) {
                assertTrue(!m.ts().isBefore(s.messages().get(i - 1).ts()), "out of order at " + i);
            }
        }
        DeviceMessage last = s.messages().get(s.messages().size() - 1);
        assertEquals(DeviceMessage.Kind.CLOCK, last.kind());
        assertTrue(last.ts().isAfter(s.closesAt(DAY.plusDays(2))), "the last tick closes the last day");
    }

    @Test
    void a_day_plays_the_same_whatever_days_come_before_it() {
        LocalDate second = DAY.plusDays(1);
        List<String> inTwoDays = devices(Scenario.generate(SITE, DAY, 2, 5, LapseRates.defaults()), second);
        List<String> alone = devices(Scenario.generate(SITE, second, 1, 5, LapseRates.defaults()), second);
        assertEquals(alone, inTwoDays);
    }

    private static List<String> devices(Scenario s, LocalDate day) {
        return s.messages().stream().filter(m -> m.day().equals(day) && m.kind() != DeviceMessage.Kind.CLOCK)
                .map(m -> m.topic() + " " + m.text()).toList();
    }
}
