package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.officeguard.core.config.SiteConfig;

/**
 * The same site, dates, seed and rates give the same messages, byte for byte; another seed does not; and a seed
 * plays the day it has always played.
 */
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

    /**
     * The demo's sample site plays the recorded day for each seed: its messages and ground truth hash to what they
     * always did. A change to the planner or the simulator's model that draws in another order, or plans otherwise,
     * plays other days for the same seeds, and the seeds that documents and issues name stop showing what they say.
     * If that is meant, record the new hashes here and say so in the commit.
     */
    @ParameterizedTest(name = "{0} people, seed {1}")
    @CsvSource({
        "50, 1, 3360, ad0d085ff6032007c27dc1e8c6e36ff47299c88265fe931a15f785833370c920",
        "50, 2, 3322, 4687e94c3b220a233148e9fef3368fc8704d33c1f24473db0910448347890179",
        "50, 3, 3249, 7d392b07c165b45800258b92f55da2d16d476b0258f7deb19a6eb991faac7655",
        "50, 4, 3115, dd83b887effae25bd207e9afadce41bc2b9cf7b5086a51ac73efccdea5611beb",
        "50, 5, 3436, e49e179349c08209e58b08e435b4193216e4fd593ac99a3907f399fee36f0964",
        "200, 1, 10362, 684275ef2ccf87c8907d69a0c72d66f8e59f5d1fd06b5d6fb3a1e9be2764d8f3",
    })
    void a_seed_plays_the_day_it_always_played(int people, long seed, int messages, String sha256) throws Exception {
        Scenario scenario = Scenario.generate(SampleSite.config(people, DAY), DAY, 1, seed, LapseRates.defaults());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (DeviceMessage message : scenario.messages()) {
            digest.update(message.topic().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ' ');
            digest.update(message.payload());
            digest.update((byte) '\n');
        }
        digest.update(scenario.truth().toJson().toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(messages, scenario.messages().size(), "messages");
        assertEquals(sha256, HexFormat.of().formatHex(digest.digest()), "the messages and ground truth of the day");
    }
}
