package org.officeguard.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.camel.hivemq.Outbound;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.ClockMode;
import org.officeguard.runtime.ServiceContext;
import org.officeguard.runtime.ServiceMetrics;
import org.officeguard.runtime.SnapshotFile;

/**
 * The bean the routes call, without Camel: which device a topic belongs to, the site's event time that stamps a
 * HASS.Agent's states (event mode: the largest time of the site's translated inputs and clock ticks; wall mode: the
 * system clock), wall mode's refusal of a time 300 s ahead, and the counting of ignored messages.
 */
class BridgesTest {

    private static final Topics TOPICS = new Topics("office");
    private static final Instant NINE = Instant.parse("2026-11-25T00:00:00Z"); // 09:00 in Tokyo

    private final SiteConfig site = Fixtures.site();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServiceMetrics metrics = new ServiceMetrics(registry, DeviceBridgeService.NAME);
    private final DeviceDirectory directory = new DeviceDirectory(List.of(site), TOPICS);

    @Test
    void the_directory_knows_each_devices_topic_and_subscribes_a_hass_agent_with_its_sensors() {
        assertEquals(List.of("esprfid/front-in/send", "esprfid/front-out/send", "uhppoted/gateway/events",
                "homeassistant/sensor/PC-01/#", "office/hq/clock"), directory.filters());
        DeviceInput sensor = directory.find("homeassistant/sensor/PC-01/sessionstate/state", new byte[0]).orElseThrow();
        assertEquals("pc-01", sensor.device().id());
        assertEquals("sessionstate/state", sensor.sensorPath());
        assertEquals("availability",
                directory.find("homeassistant/sensor/PC-01/availability", new byte[0]).orElseThrow().sensorPath());
        assertTrue(directory.find("office/hq/clock", new byte[0]).orElseThrow().clockTick());
        assertEquals("uhppoted/gateway/events", directory.find("uhppoted/gateway/events", new byte[0]).orElseThrow()
                .device().topic());
        for (String unlisted : new String[] {"esprfid/old-reader/send", "uhppoted/gateway/events/live",
            "homeassistant/sensor/PC-011/sessionstate/state", "homeassistant/sensor", "office/osaka/clock"}) {
            assertTrue(directory.find(unlisted, new byte[0]).isEmpty(), unlisted);
        }
    }

    @Test
    void in_event_mode_a_pcs_state_is_stamped_with_the_largest_time_of_the_sites_inputs_and_ticks() {
        Bridges bridges = bridges(ClockMode.EVENT, Clock.systemUTC());
        InvalidInputException noTime = assertThrows(InvalidInputException.class,
                () -> bridges.hassAgent(input("homeassistant/sensor/PC-01/sessionstate/state", "Locked")));
        assertTrue(noTime.getMessage().startsWith("hass-agent device 'pc-01': no event time yet"), noTime.getMessage());

        bridges.clock(input("office/hq/clock", "{\"ts\":\"2026-11-25T08:59:00+09:00\"}"));
        assertEquals("pc-01:2026-11-25T08:59:00+09:00:sessionstate", eventId(bridges.hassAgent(
                input("homeassistant/sensor/PC-01/sessionstate/state", "Locked"))));

        bridges.espRfid(input("esprfid/front-in/send", Fixtures.text("esp-rfid/access-granted.json"))); // 09:00
        bridges.clock(input("office/hq/clock", "{\"ts\":\"2026-11-25T08:59:30+09:00\"}")); // behind: no move back
        assertEquals("pc-01:2026-11-25T09:00:00+09:00:availability", eventId(bridges.hassAgent(
                input("homeassistant/sensor/PC-01/availability", "offline"))));
        assertEquals("2026-11-25T09:00:00+09:00", sites(bridges).get("watermark"));
    }

    @Test
    void in_wall_mode_a_pcs_state_is_stamped_with_the_system_clock_and_a_time_300_s_ahead_is_refused() {
        Clock clock = Clock.fixed(NINE.plusMillis(250), ZoneOffset.UTC);
        Bridges bridges = bridges(ClockMode.WALL, clock);
        assertEquals("pc-01:2026-11-25T09:00:00.25+09:00:sessionstate", eventId(bridges.hassAgent(
                input("homeassistant/sensor/PC-01/sessionstate/state", "Unlocked"))));

        String inFiveMinutes = "{\"type\":\"access\",\"time\":" + (NINE.getEpochSecond() + 300)
                + ",\"isKnown\":\"true\",\"access\":\"Always\",\"uid\":\"04a1b2c3\"}";
        assertEquals(1, bridges.espRfid(input("esprfid/front-in/send", inFiveMinutes)).size(), "300 s ahead: taken");
        String later = inFiveMinutes.replace(Long.toString(NINE.getEpochSecond() + 300),
                Long.toString(NINE.getEpochSecond() + 301));
        InvalidInputException ahead = assertThrows(InvalidInputException.class,
                () -> bridges.espRfid(input("esprfid/front-in/send", later)));
        assertTrue(ahead.getMessage().contains("more than 300 s ahead"), ahead.getMessage());
        assertThrows(InvalidInputException.class,
                () -> bridges.clock(input("office/hq/clock", "{\"ts\":\"2026-11-25T09:05:01+09:00\"}")));
    }

    @Test
    void ignored_messages_are_counted_by_site_kind_and_reason_and_a_noted_one_is_not() {
        Bridges bridges = bridges(ClockMode.EVENT, Clock.systemUTC());
        assertEquals(List.of(),
                bridges.espRfid(input("esprfid/front-in/send", Fixtures.text("esp-rfid/heartbeat.json"))));
        bridges.espRfid(input("esprfid/front-out/send", Fixtures.text("esp-rfid/heartbeat.json")));
        bridges.uhppoted(input("uhppoted/gateway/events", Fixtures.text("uhppoted/other-controller.json")));
        assertEquals(List.of(), bridges.hassAgent(input("homeassistant/sensor/PC-01/lastactive/state",
                Fixtures.text("hass-agent/lastactive.txt"))));

        assertEquals(3, metrics.ignoredCount());
        assertEquals(Map.of("esp-rfid", Map.of("not-a-card-read", 2L), "uhppoted", Map.of("other-controller", 1L)),
                sites(bridges).get("ignored"));
        assertEquals(2.0, registry.get("officeguard.inputs.ignored").tags("site", "hq", "kind", "esp-rfid",
                "reason", "not-a-card-read").counter().count());
    }

    @Test
    void its_state_through_a_snapshot_stamps_and_judges_as_before(@TempDir Path dir) throws Exception {
        Bridges before = bridges(ClockMode.EVENT, Clock.systemUTC());
        before.clock(input("office/hq/clock", "{\"ts\":\"2026-11-25T09:30:00+09:00\"}"));
        before.hassAgent(input("homeassistant/sensor/PC-01/lastactive/state", "2026-11-25T09:00:00+09:00"));
        SnapshotFile file = new SnapshotFile(dir.resolve("device-bridge.snapshot"));
        file.write(1, before.export(() -> true));
        Bridges restored = bridges(ClockMode.EVENT, Clock.systemUTC());
        restored.restore(file.read(BridgeState.class).sites());

        // the event time stamps the state, the last input makes it IDLE for 30 minutes; a fresh bridge has neither
        String unlocked = "homeassistant/sensor/PC-01/sessionstate/state";
        List<Outbound> expected = before.hassAgent(input(unlocked, "Unlocked"));
        assertEquals("IDLE", Payloads.object(expected.get(0).payload()).get("state").asText());
        assertEquals(expected.get(0).topic(), restored.hassAgent(input(unlocked, "Unlocked")).get(0).topic());
        assertArrayEquals(expected.get(0).payload(), restored.hassAgent(input(unlocked, "Unlocked")).get(0).payload());
        assertThrows(InvalidInputException.class,
                () -> bridges(ClockMode.EVENT, Clock.systemUTC()).hassAgent(input(unlocked, "Unlocked")));
    }

    private Bridges bridges(ClockMode mode, Clock clock) {
        return new Bridges(new ServiceContext(List.of(site), TOPICS, mode, clock, "test", Path.of("."), null), metrics);
    }

    private DeviceInput input(String topic, String payload) {
        return directory.find(topic, payload.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String eventId(List<Outbound> out) {
        assertEquals(1, out.size(), out::toString);
        return Payloads.object(out.get(0).payload()).get("eventId").asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sites(Bridges bridges) {
        return (Map<String, Object>) bridges.health().get("hq");
    }
}
