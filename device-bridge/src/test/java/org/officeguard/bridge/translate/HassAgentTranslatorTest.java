package org.officeguard.bridge.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.bridge.translate.EspRfidTranslatorTest.json;
import static org.officeguard.bridge.translate.EspRfidTranslatorTest.translated;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.officeguard.bridge.Fixtures;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;

/**
 * HASS.Agent's sensors as its sources describe them (SessionStateSensor, LastActiveSensor; the fixtures in
 * {@code devices/hass-agent}): plain text on {@code homeassistant/sensor/PC-01/{sensor}/state} and
 * {@code …/availability}, through the translator alone, stamped by the caller.
 */
class HassAgentTranslatorTest {

    private static final Instant STAMP = Instant.parse("2026-11-25T00:30:00Z"); // 09:30 in Tokyo

    private final HassAgentTranslator translator = new HassAgentTranslator(new Topics("office"), Fixtures.site());
    private final Device.HassAgent agent = Fixtures.device("pc-01");

    @Test
    void locked_is_a_locked_pc_stamped_with_the_sites_event_time() {
        Translation.Translated state = translate("sessionstate/state", "hass-agent/sessionstate-locked.txt", STAMP);
        assertEquals("office/hq/pc/PC-01/state", state.topic());
        assertEquals(STAMP, state.ts());
        assertEquals(Payloads.JSON.createObjectNode().put("eventId", "pc-01:2026-11-25T09:30:00+09:00:sessionstate")
                .put("ts", "2026-11-25T09:30:00+09:00").put("state", "LOCKED").put("idleSeconds", 0), json(state));
        assertEquals("LOCKED", json(translate("sessionstate/state", "hass-agent/sessionstate-loggedoff.txt", STAMP))
                .get("state").asText(), "LoggedOff is locked too");
    }

    @Test
    void unlocked_with_an_old_last_input_is_idle_for_that_long() {
        assertInstanceOf(Translation.Noted.class,
                translator.translate(agent, "lastactive/state", Fixtures.bytes("hass-agent/lastactive.txt"), null));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), translator.lastActive("PC-01"));
        JsonNode state = json(translate("sessionstate/state", "hass-agent/sessionstate-unlocked.txt", STAMP));
        assertEquals("IDLE", state.get("state").asText());
        assertEquals(1800, state.get("idleSeconds").asLong());
    }

    @Test
    void unlocked_with_a_recent_last_input_or_none_known_is_active() {
        assertEquals("ACTIVE", json(translate("sessionstate/state", "hass-agent/sessionstate-unlocked.txt", STAMP))
                .get("state").asText(), "no lastactive yet");
        note("2026-11-25T09:29:01+09:00"); // 59 s before the stamp
        assertEquals("ACTIVE", json(translate("sessionstate/state", "hass-agent/sessionstate-unlocked.txt", STAMP))
                .get("state").asText());
        note("2026-11-25T09:29:00"); // without an offset: the site's local time, 60 s before
        JsonNode idle = json(translate("sessionstate/state", "hass-agent/sessionstate-unlocked.txt", STAMP));
        assertEquals("IDLE", idle.get("state").asText());
        assertEquals(60, idle.get("idleSeconds").asLong());
    }

    @Test
    void offline_is_an_off_pc_under_its_own_event_id() {
        Translation.Translated off = translate("availability", "hass-agent/availability-offline.txt", STAMP);
        assertEquals("pc-01:2026-11-25T09:30:00+09:00:availability", off.eventId());
        assertEquals("OFF", json(off).get("state").asText());
    }

    @Test
    void unknown_online_and_every_other_sensor_are_ignored() {
        assertEquals(HassAgentTranslator.UNKNOWN_STATE,
                ignored("sessionstate/state", "hass-agent/sessionstate-unknown.txt"));
        assertEquals(HassAgentTranslator.ONLINE, ignored("availability", "hass-agent/availability-online.txt"));
        assertEquals(HassAgentTranslator.OTHER_SENSOR, ignored("cpuload/state", "hass-agent/sessionstate-locked.txt"));
        assertEquals(HassAgentTranslator.OTHER_SENSOR,
                ignored("sessionstate/config", "hass-agent/sessionstate-locked.txt"));
    }

    @Test
    void the_sensor_may_keep_hass_agents_default_name() {
        assertEquals("LOCKED", json(translate("SessionState/state", "hass-agent/sessionstate-locked.txt", STAMP))
                .get("state").asText());
    }

    @Test
    void a_malformed_state_is_unreadable_with_its_reason_and_the_next_one_is_translated() {
        Translation broken = translator.translate(agent, "sessionstate/state",
                Fixtures.bytes("hass-agent/sessionstate-malformed.txt"), STAMP);
        assertEquals("sessionstate must be Locked, Unlocked, LoggedOff or Unknown, not 'Sleeping'",
                assertInstanceOf(Translation.Unreadable.class, broken).reason());
        assertEquals("LOCKED", json(translate("sessionstate/state", "hass-agent/sessionstate-locked.txt", STAMP))
                .get("state").asText());
        Translation badTime = translator.translate(agent, "lastactive/state", bytes("yesterday"), STAMP);
        assertTrue(assertInstanceOf(Translation.Unreadable.class, badTime).reason().startsWith("lastactive must be"));
    }

    @Test
    void without_an_event_time_a_state_is_unreadable_but_a_last_input_is_still_noted() {
        Translation noTime = translator.translate(agent, "sessionstate/state",
                Fixtures.bytes("hass-agent/sessionstate-locked.txt"), null);
        assertTrue(assertInstanceOf(Translation.Unreadable.class, noTime).reason().startsWith("no event time yet"));
        assertNull(translator.lastActive("PC-01"));
        assertInstanceOf(Translation.Noted.class,
                translator.translate(agent, "lastactive/state", Fixtures.bytes("hass-agent/lastactive.txt"), null));
    }

    private void note(String lastActive) {
        assertInstanceOf(Translation.Noted.class,
                translator.translate(agent, "lastactive/state", bytes(lastActive), STAMP));
    }

    private Translation.Translated translate(String sensorPath, String fixture, Instant stamp) {
        return translated(translator.translate(agent, sensorPath, Fixtures.bytes(fixture), stamp));
    }

    private String ignored(String sensorPath, String fixture) {
        return assertInstanceOf(Translation.Ignored.class,
                translator.translate(agent, sensorPath, Fixtures.bytes(fixture), STAMP)).reason();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
