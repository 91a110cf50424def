package org.officeguard.bridge.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.officeguard.bridge.translate.EspRfidTranslatorTest.json;
import static org.officeguard.bridge.translate.EspRfidTranslatorTest.translated;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.officeguard.bridge.Fixtures;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;

/**
 * uhppoted-mqtt's event records as its README ("Events") and its get-event documentation describe them (the fixtures
 * in {@code devices/uhppoted}), through the translator alone. The controller 405419896 maps its door 1 to the office
 * and door 2 to the server room.
 */
class UhppotedTranslatorTest {

    private final UhppotedTranslator translator = new UhppotedTranslator(new Topics("office"), Fixtures.site());
    private final Device.Uhppoted controller = Fixtures.device("ctrl-1");

    @Test
    void a_record_at_the_top_level_is_an_observed_badge_in() {
        Translation.Translated badge =
                translated(translator.translate(controller, Fixtures.bytes("uhppoted/swipe-in.json")));
        assertEquals("office/hq/door/office/badge", badge.topic());
        assertEquals(Payloads.JSON.createObjectNode().put("eventId", "ctrl-1:1043")
                .put("ts", "2026-11-25T09:05:00+09:00").put("badge", "8165538").put("direction", "IN")
                .put("granted", true), json(badge));
    }

    @Test
    void a_record_under_message_event_is_read_the_same_and_direction_2_is_out() {
        JsonNode badge = json(translated(translator.translate(controller,
                Fixtures.bytes("uhppoted/swipe-out-in-message.json"))));
        assertEquals("ctrl-1:1044", badge.get("eventId").asText());
        assertEquals("OUT", badge.get("direction").asText());
        assertEquals("2026-11-25T09:10:00+09:00", badge.get("ts").asText());
    }

    @Test
    void the_timestamp_is_the_sites_local_time_whatever_zone_it_names_and_a_denial_is_kept() {
        Translation.Translated badge = translated(translator.translate(controller,
                Fixtures.bytes("uhppoted/swipe-denied-server.json")));
        assertEquals("office/hq/door/server/badge", badge.topic());
        JsonNode read = json(badge);
        assertEquals("2026-11-25T09:12:00+09:00", read.get("ts").asText(), "'UTC' in the record is not trusted");
        assertEquals(false, read.get("granted").asBoolean(true));
        assertEquals("8165539", read.get("badge").asText());
    }

    @Test
    void another_controllers_record_a_door_not_mapped_and_a_record_without_a_card_are_ignored() {
        assertEquals(UhppotedTranslator.OTHER_CONTROLLER, ignored(Fixtures.bytes("uhppoted/other-controller.json")));
        assertEquals(UhppotedTranslator.DOOR_NOT_MAPPED, ignored(Fixtures.bytes("uhppoted/door-not-mapped.json")));
        assertEquals(UhppotedTranslator.NOT_A_CARD_SWIPE, ignored(Fixtures.bytes("uhppoted/door-button.json")));
        assertEquals(UhppotedTranslator.NO_CARD, ignored(("{\"device-id\":405419896,\"event-id\":9,\"door-id\":1,"
                + "\"direction\":1,\"access-granted\":true,\"timestamp\":\"2026-11-25 09:00:00 JST\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_malformed_record_is_unreadable_with_its_reason_and_the_next_one_is_translated() {
        assertEquals("direction must be 1 (in) or 2 (out), not 3",
                unreadable(Fixtures.bytes("uhppoted/malformed-direction.json")));
        assertEquals("ctrl-1:1043",
                translated(translator.translate(controller, Fixtures.bytes("uhppoted/swipe-in.json"))).eventId());
    }

    @Test
    void an_encrypted_message_a_bad_timestamp_and_a_card_number_that_is_not_a_number_are_unreadable() {
        assertTrue(unreadable("{\"message\":\"3q2+7w==\",\"hmac\":\"00\"}".getBytes(StandardCharsets.UTF_8))
                .contains("mqtt.security.outgoing.encrypt = false"));
        String swipe = new String(Fixtures.bytes("uhppoted/swipe-in.json"), StandardCharsets.UTF_8);
        assertTrue(unreadable(swipe.replace("2026-11-25 09:05:00 JST", "25/11/2026 09:05")
                .getBytes(StandardCharsets.UTF_8)).startsWith("timestamp must be"));
        assertTrue(unreadable(swipe.replace("2026-11-25 09:05:00 JST", "2026-02-30 09:05:00 JST")
                .getBytes(StandardCharsets.UTF_8)).startsWith("timestamp must be"));
        assertTrue(unreadable(swipe.replace("8165538", "\"8165538A\"").getBytes(StandardCharsets.UTF_8))
                .startsWith("card-number must be a whole number"));
    }

    private String ignored(byte[] payload) {
        return assertInstanceOf(Translation.Ignored.class, translator.translate(controller, payload)).reason();
    }

    private String unreadable(byte[] payload) {
        return assertInstanceOf(Translation.Unreadable.class, translator.translate(controller, payload)).reason();
    }
}
