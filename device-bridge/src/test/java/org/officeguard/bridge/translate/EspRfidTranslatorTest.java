package org.officeguard.bridge.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.officeguard.bridge.Fixtures;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;

/**
 * esp-rfid's messages as its README-MQTT.md documents them ("Publish Access", "Heartbeat", "Door status"; the fixtures
 * in {@code devices/esp-rfid}), through the translator alone.
 */
class EspRfidTranslatorTest {

    private final EspRfidTranslator translator = new EspRfidTranslator(new Topics("office"), Fixtures.site());
    private final Device.EspRfid frontIn = Fixtures.device("front-in");
    private final Device.EspRfid frontOut = Fixtures.device("front-out");

    @Test
    void a_granted_card_read_is_an_observed_badge_at_the_readers_door_and_direction() {
        Translation.Translated badge =
                translated(translator.translate(frontIn, Fixtures.bytes("esp-rfid/access-granted.json")));
        assertEquals("office/hq/door/front/badge", badge.topic());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), badge.ts());
        assertEquals(Payloads.JSON.createObjectNode().put("eventId", "front-in:1795564800:04a1b2c3")
                .put("ts", "2026-11-25T09:00:00+09:00").put("badge", "04a1b2c3").put("direction", "IN")
                .put("granted", true), json(badge));
    }

    @Test
    void a_known_card_whose_access_is_disabled_is_a_passage_the_reader_denied() {
        JsonNode badge =
                json(translated(translator.translate(frontOut, Fixtures.bytes("esp-rfid/access-denied.json"))));
        assertEquals("front-out:1795564860:04a1b2c3", badge.get("eventId").asText());
        assertEquals("OUT", badge.get("direction").asText());
        assertEquals(false, badge.get("granted").asBoolean(true));
    }

    @Test
    void an_unknown_card_is_a_denied_passage_under_its_uid() {
        JsonNode badge =
                json(translated(translator.translate(frontIn, Fixtures.bytes("esp-rfid/access-unknown.json"))));
        assertEquals("deadbeef", badge.get("badge").asText());
        assertEquals(false, badge.get("granted").asBoolean(true));
        assertEquals("2026-11-25T09:02:00+09:00", badge.get("ts").asText());
    }

    @Test
    void only_admin_and_always_grant_and_only_for_a_known_card() {
        assertEquals(true, granted("Admin", "true"));
        assertEquals(true, granted("Always", "true"));
        assertEquals(false, granted("Expired", "true"));
        assertEquals(false, granted("Always", "false"));
        assertEquals(true, granted("Always", true), "isKnown as a JSON boolean is read too");
    }

    @Test
    void a_heartbeat_a_door_sensor_event_and_a_commands_answer_are_ignored() {
        for (String fixture : new String[] {"esp-rfid/heartbeat.json", "esp-rfid/door-open.json"}) {
            Translation result = translator.translate(frontIn, Fixtures.bytes(fixture));
            assertEquals(EspRfidTranslator.NOT_A_CARD_READ,
                    assertInstanceOf(Translation.Ignored.class, result).reason(), fixture);
        }
        byte[] userfile = "{\"command\":\"userfile\",\"uid\":\"1234\",\"user\":\"User Name\",\"acctype\":1}"
                .getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(Translation.Ignored.class, translator.translate(frontIn, userfile));
    }

    @Test
    void a_malformed_read_is_unreadable_with_its_reason_and_the_next_one_is_translated() {
        Translation broken = translator.translate(frontIn, Fixtures.bytes("esp-rfid/malformed-no-uid.json"));
        assertEquals("missing field 'uid'", assertInstanceOf(Translation.Unreadable.class, broken).reason());
        assertTrue(unreadable("access granted").startsWith("not JSON"), unreadable("access granted"));
        assertEquals("front-in:1795564800:04a1b2c3",
                translated(translator.translate(frontIn, Fixtures.bytes("esp-rfid/access-granted.json"))).eventId());
    }

    @Test
    void a_reader_whose_clock_is_not_set_and_a_uid_that_is_no_badge_are_unreadable() {
        assertTrue(unreadable("{\"type\":\"access\",\"time\":999,\"isKnown\":\"true\",\"access\":\"Always\","
                + "\"uid\":\"ab\"}").contains("the reader's clock is not set"));
        assertTrue(unreadable("{\"type\":\"access\",\"time\":1795564800,\"isKnown\":\"true\",\"access\":\"Always\","
                + "\"uid\":\"a b\"}").contains("is not a badge"));
        assertTrue(unreadable("{\"type\":\"access\",\"time\":\"soon\",\"isKnown\":\"true\",\"access\":\"Always\","
                + "\"uid\":\"ab\"}").startsWith("field 'time' must be a whole number"));
    }

    private boolean granted(String access, Object known) {
        String isKnown = known instanceof String text ? "\"" + text + "\"" : known.toString();
        byte[] read = ("{\"type\":\"access\",\"time\":1795564800,\"isKnown\":" + isKnown + ",\"access\":\"" + access
                + "\",\"username\":\"x\",\"uid\":\"04a1b2c3\"}").getBytes(StandardCharsets.UTF_8);
        return json(translated(translator.translate(frontIn, read))).get("granted").asBoolean();
    }

    private String unreadable(String payload) {
        Translation result = translator.translate(frontIn, payload.getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(Translation.Unreadable.class, result).reason();
    }

    static Translation.Translated translated(Translation result) {
        return assertInstanceOf(Translation.Translated.class, result, result::toString);
    }

    static JsonNode json(Translation.Translated message) {
        return Payloads.object(message.payload());
    }
}
