package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Rule;

/**
 * Days played by a site whose readers and PCs are devices (SPEC §8): deterministic to the byte, planned without a
 * problem on every seed, in time order on whole seconds, and their native equivalent is what SPEC §8's table makes of
 * the devices' messages.
 */
class DeviceScenarioTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    static final SiteConfig ALL = SampleSite.config(50, DAY, EnumSet.allOf(Device.Kind.class));

    static Scenario day(SiteConfig site, long seed, DeviceOptions options) {
        return Scenario.generate(site, DAY, 1, seed, LapseRates.defaults(), "office", options);
    }

    @Test
    void the_same_seed_plays_the_same_device_day_byte_for_byte() {
        Scenario a = Scenario.generate(ALL, DAY, 2, 7, LapseRates.defaults(), "office", DeviceOptions.defaults());
        Scenario b = Scenario.generate(SampleSite.config(50, DAY, EnumSet.allOf(Device.Kind.class)), DAY, 2, 7,
                LapseRates.defaults(), "office", DeviceOptions.defaults());
        assertSame(a.messages(), b.messages());
        assertSame(a.nativeEquivalent(), b.nativeEquivalent());
        assertSame(a.bridgeOutput(), b.bridgeOutput());
        assertEquals(a.truth().toJson(), b.truth().toJson());
    }

    private static void assertSame(List<DeviceMessage> a, List<DeviceMessage> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).topic(), b.get(i).topic(), "message " + i);
            assertArrayEquals(a.get(i).payload(), b.get(i).payload(), "message " + i + ": " + a.get(i));
        }
    }

    /** Property over seeds 1–20: the readers and agents change what is published, never the plan's consistency. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void device_days_have_no_planning_problem(int seed) {
        Scenario scenario = day(ALL, seed, DeviceOptions.defaults());
        assertEquals(List.of(), scenario.problems(), "everybody badges where they are, as the readers decide");
        assertEquals(List.of(), scenario.truth().unintended(), "no violation without a lapse behind it");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"esp-rfid", "uhppoted", "hass-agent", "esp-rfid,hass-agent", "uhppoted,hass-agent"})
    void every_mix_of_devices_plans_without_problems(String kinds) {
        SiteConfig site = SampleSite.config(50, DAY, DeviceLayout.kinds(kinds));
        for (long seed = 1; seed <= 4; seed++) {
            Scenario scenario = day(site, seed, DeviceOptions.defaults().withMisconfiguredCards(0.5));
            assertEquals(List.of(), scenario.problems(), kinds + " seed " + seed);
            assertEquals(List.of(), scenario.truth().unintended(), kinds + " seed " + seed);
        }
    }

    @Test
    void messages_come_in_time_order_on_whole_seconds_with_event_ids_of_their_own() {
        Scenario scenario = Scenario.generate(ALL, DAY, 2, 3, LapseRates.defaults(), "office", DeviceOptions.defaults());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < scenario.messages().size(); i++) {
            DeviceMessage message = scenario.messages().get(i);
            assertEquals(0, message.ts().getNano(), message.toString());
            if (i > 0) {
                assertFalse(message.ts().isBefore(scenario.messages().get(i - 1).ts()), "out of order at " + i);
            }
            if (message.eventId() != null) {
                assertTrue(ids.add(message.eventId()), "event id twice: " + message.eventId());
            } else {
                assertTrue(message.kind() == DeviceMessage.Kind.CLOCK || message.kind() == DeviceMessage.Kind.AGENT_INFO,
                        message.toString());
            }
        }
    }

    @Test
    void an_agents_messages_follow_a_clock_tick_at_their_instant_so_the_bridge_stamps_them_with_it() {
        List<DeviceMessage> messages = day(ALL, 2, DeviceOptions.defaults()).messages();
        int agentStates = 0;
        for (int i = 0; i < messages.size(); i++) {
            DeviceMessage message = messages.get(i);
            if (message.kind() != DeviceMessage.Kind.AGENT_STATE && !message.topic().endsWith("/lastactive/state")) {
                continue;
            }
            int first = i;
            while (messages.get(first - 1).topic().endsWith("/lastactive/state")
                    && messages.get(first - 1).ts().equals(message.ts())) {
                first--;
            }
            DeviceMessage tick = messages.get(first - 1);
            assertEquals(DeviceMessage.Kind.CLOCK, tick.kind(), "before " + message);
            assertEquals(message.ts(), tick.ts(), "the tick is at the poll: " + message);
            agentStates += message.kind() == DeviceMessage.Kind.AGENT_STATE ? 1 : 0;
        }
        assertTrue(agentStates > 100, "the agents published states: " + agentStates);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 5})
    void the_bridge_output_is_what_spec_8_makes_of_the_device_messages(int seed) {
        Scenario scenario = day(ALL, seed, DeviceOptions.defaults().withMisconfiguredCards(0.5));
        List<SpecTranslator.Input> translated = new SpecTranslator(ALL).translate(scenario.messages());
        List<SpecTranslator.Input> expected = scenario.bridgeOutput().stream()
                .map(m -> new SpecTranslator.Input(m.topic(), m.text())).toList();
        assertEquals(expected, translated);
        assertTrue(translated.size() > 500, "a day's worth: " + translated.size());
    }

    @Test
    void the_native_equivalent_is_the_same_day_in_spec_2_with_officeguard_deciding_the_badges() {
        Scenario scenario = day(ALL, 4, DeviceOptions.faithful());
        List<DeviceMessage> bridged = scenario.bridgeOutput();
        List<DeviceMessage> equivalent = scenario.nativeEquivalent();
        int next = 0;
        for (DeviceMessage message : equivalent) {
            assertTrue(message.topic().startsWith("office/hq/"), message.toString());
            assertFalse(message.text().contains("\"granted\""), "officeguard decides: " + message);
            if (next < bridged.size() && message.eventId() != null && message.eventId().equals(bridged.get(next).eventId())) {
                DeviceMessage bridgedOne = bridged.get(next++);
                assertEquals(bridgedOne.topic(), message.topic());
                assertEquals(bridgedOne.text().replace(",\"granted\":true", "").replace(",\"granted\":false", ""),
                        message.text());
                if (message.kind() == DeviceMessage.Kind.BADGE) {
                    assertEquals(bridgedOne.expectGranted(), message.expectGranted(), "faithful readers decide as the site");
                    assertEquals(bridgedOne.expectReason(), message.expectReason());
                }
            }
        }
        assertEquals(bridged.size(), next, "every input of the bridge is in the native equivalent, in order");
        List<DeviceMessage> spec = scenario.messages().stream().filter(m -> m.topic().startsWith("office/")).toList();
        assertTrue(equivalent.containsAll(spec), "the clock, the exit panel and reception as they are");
    }

    @Test
    void a_site_without_devices_has_itself_as_native_equivalent_and_no_bridge_output() {
        Scenario scenario = Scenario.generate(SampleSite.config(20, DAY), DAY, 1, 1, LapseRates.defaults());
        assertEquals(scenario.messages(), scenario.nativeEquivalent());
        assertEquals(List.of(), scenario.bridgeOutput());
    }

    @Test
    void hass_agents_show_no_idle_spell_so_a_pc_that_does_not_lock_itself_breaks_no_rule() {
        LapseRates noAutoLock = LapseRates.none().with(Lapse.NO_AUTO_LOCK, 1);
        Scenario agents = Scenario.generate(SampleSite.config(20, DAY, EnumSet.of(Device.Kind.HASS_AGENT)), DAY, 1, 9,
                noAutoLock, "office", DeviceOptions.defaults());
        Scenario spec = Scenario.generate(SampleSite.config(20, DAY), DAY, 1, 9, noAutoLock);
        assertTrue(spec.truth().count(Rule.SCREEN_LOCK_IDLE) > 3, "§2 agents report the idle spells");
        assertEquals(0, agents.truth().count(Rule.SCREEN_LOCK_IDLE), "HASS.Agent publishes nothing while idle");
        assertEquals(spec.truth().lapses(), agents.truth().lapses(), "the same day was planned");
        assertTrue(agents.nativeEquivalent().stream().noneMatch(m -> m.text().contains("\"IDLE\"")));
        assertNull(agents.messages().stream().filter(m -> m.kind() == DeviceMessage.Kind.PC_STATE).findAny().orElse(null),
                "every PC speaks through its agent");
    }
}
