package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.PcState;

/**
 * HASS.Agent as the simulator plays it: it polls its sensors on its interval from its start and publishes a sensor
 * only when its value changed, {@code lastactive} before {@code sessionstate}; it is {@code online} when the PC starts
 * and {@code offline} when it shuts down. The PC states are what the device-bridge makes of that (SPEC §8).
 */
class HassAgentPollingTest {

    static final SiteConfig SITE = SiteConfigLoader.parse("""
            site: hq
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            zones:
              - {id: office}
            doors:
              - {id: front, from: outside, to: office}
            people:
              - {badge: E001, name: Yamada, department: Sales, zones: [office]}
            pcs:
              - {id: PC-01, zone: office, owner: E001}
            devices:
              - {id: pc-01, kind: hass-agent, pc: PC-01, topic: homeassistant/sensor/PC-01}
            """, "hq.yaml");
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z"); // 09:00 in Tokyo
    static final LapseEvent LEFT_ON = new LapseEvent("2026-11-25/pc-left-on/1", Lapse.PC_LEFT_ON,
            LocalDate.of(2026, 11, 25), "E001");

    private final PlannedDays days = new PlannedDays();

    private Act.PcReport report(long second, PcState state, long idle, LapseEvent cause) {
        return new Act.PcReport(START.plusSeconds(second), days.nextSeq(), cause, "PC-01", state, idle, "E001");
    }

    private List<Act.AgentPoll> play(int pollSeconds, Act.PcReport... reports) {
        DeviceMap devices = DeviceMap.of(SITE, 1, DeviceOptions.defaults().withAgentPollSeconds(pollSeconds));
        List<Act.AgentPoll> polls = new ArrayList<>();
        for (Act act : HassAgents.play(List.of(reports), devices, days)) {
            polls.add((Act.AgentPoll) act);
        }
        return polls;
    }

    @Test
    void the_agent_comes_online_with_the_pc_and_publishes_both_sensors_at_its_first_poll() {
        List<Act.AgentPoll> polls = play(10, report(0, PcState.ACTIVE, 0, null));
        assertEquals(2, polls.size(), polls.toString());
        assertEquals(START, polls.get(0).ts());
        assertEquals(HassAgents.ONLINE, polls.get(0).availability());
        assertNull(polls.get(0).state(), "the bridge makes nothing of online");
        Act.AgentPoll first = polls.get(1);
        assertEquals(START.plusSeconds(10), first.ts());
        assertEquals(START, first.lastActive());
        assertEquals(HassAgents.UNLOCKED, first.session());
        assertEquals(PcState.ACTIVE, first.state(), "input 10 s before the stamp");
    }

    @Test
    void a_lock_three_seconds_after_a_poll_is_published_at_the_next_poll() {
        List<Act.AgentPoll> polls = play(10, report(0, PcState.ACTIVE, 0, null), report(23, PcState.LOCKED, 0, LEFT_ON));
        Act.AgentPoll lock = polls.get(polls.size() - 1);
        assertEquals(START.plusSeconds(30), lock.ts(), "polls at :10, :20, :30: the lock at :23 goes out at :30");
        assertEquals(HassAgents.LOCKED, lock.session());
        assertNull(lock.lastActive(), "no new input");
        assertEquals(PcState.LOCKED, lock.state());
        assertEquals(LEFT_ON, lock.cause(), "the lapse behind the state goes with it");

        List<Act.AgentPoll> slow = play(30, report(0, PcState.ACTIVE, 0, null), report(33, PcState.LOCKED, 0, null));
        assertEquals(START.plusSeconds(60), slow.get(slow.size() - 1).ts(), "on a 30 s interval, at :60");
    }

    @Test
    void an_unchanged_value_is_not_published_again_so_an_idle_spell_shows_nothing() {
        List<Act.AgentPoll> polls = play(10,
                report(0, PcState.ACTIVE, 0, null),
                report(300, PcState.IDLE, 60, null),     // idle since 09:04:00
                report(360, PcState.IDLE, 120, null),
                report(420, PcState.IDLE, 180, null),
                report(600, PcState.ACTIVE, 0, null));   // back at 09:10:00
        List<String> sessions = polls.stream().map(Act.AgentPoll::session).filter(s -> s != null).toList();
        assertEquals(List.of(HassAgents.UNLOCKED), sessions, "the session stays Unlocked: published once");
        List<Instant> inputs = polls.stream().map(Act.AgentPoll::lastActive).filter(i -> i != null).toList();
        assertEquals(List.of(START, START.plusSeconds(240), START.plusSeconds(600)), inputs,
                "lastactive when it changed: the start, the last input before the idle spell, the return");
        assertEquals(START.plusSeconds(240), polls.get(2).ts(), "a change on a poll is seen by that poll");
        assertTrue(polls.stream().noneMatch(poll -> poll.state() == PcState.IDLE), "no IDLE reaches the bridge");
    }

    @Test
    void the_agent_goes_offline_when_the_pc_shuts_down_and_starts_afresh_with_it() {
        List<Act.AgentPoll> polls = play(10,
                report(0, PcState.ACTIVE, 0, null),
                report(3605, PcState.OFF, 0, null),
                report(86400, PcState.ACTIVE, 0, null));
        Act.AgentPoll off = polls.get(2);
        assertEquals(START.plusSeconds(3605), off.ts(), "at shutdown, not at a poll");
        assertEquals(HassAgents.OFFLINE, off.availability());
        assertEquals(PcState.OFF, off.state());
        assertEquals(HassAgents.ONLINE, polls.get(3).availability());
        assertEquals(START.plusSeconds(86400), polls.get(3).ts());
        assertEquals(HassAgents.UNLOCKED, polls.get(4).session(), "a new agent publishes its sensors again");
        assertEquals(5, polls.size(), polls.toString());
    }

    @Test
    void a_poll_publishes_lastactive_before_sessionstate_right_after_a_clock_tick() {
        SiteConfig site = SampleSite.config(10, LocalDate.of(2026, 11, 25), EnumSet.of(Device.Kind.HASS_AGENT));
        List<DeviceMessage> messages = Scenario.generate(site, LocalDate.of(2026, 11, 25), 1, 3, LapseRates.defaults(),
                "office", DeviceOptions.defaults()).messages();
        int both = 0;
        for (int i = 2; i < messages.size(); i++) {
            DeviceMessage session = messages.get(i);
            if (!session.topic().endsWith("/sessionstate/state")) {
                continue;
            }
            String agent = session.topic().substring(0, session.topic().length() - "/sessionstate/state".length());
            DeviceMessage before = messages.get(i - 1);
            if (before.topic().equals(agent + "/lastactive/state")) {
                both++;
                assertEquals(session.ts(), before.ts());
                before = messages.get(i - 2);
            }
            assertEquals(DeviceMessage.Kind.CLOCK, before.kind(), "a tick at the poll first: " + session);
            assertEquals(session.ts(), before.ts());
        }
        assertTrue(both > 10, "polls with both sensors: " + both);
    }
}
