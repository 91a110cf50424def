package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.Device;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Payloads;

/**
 * What each kind of device publishes, as its project documents it: esp-rfid's access message (README-MQTT.md of
 * esprfid/esp-rfid, "Publish Access"), uhppoted-mqtt's event record under {@code message.event} (uhppoted-mqtt wraps
 * what it publishes in {@code {"message":{"event":…}}}; the record's fields as uhppoted-api's ListenEvent names them),
 * HASS.Agent's sensors as plain text under Home Assistant's discovery topics; and the event id SPEC §8 gives the
 * input the bridge makes of each.
 */
class DevicePayloadsTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Instant NINE = Instant.parse("2026-11-25T00:00:05Z"); // 09:00:05 in Tokyo
    static final long NINE_EPOCH = NINE.getEpochSecond();

    static final Device.EspRfid FRONT_IN = new Device.EspRfid("front-in", "esprfid/front-in/send", "front",
            Direction.IN);
    static final Device.Uhppoted CTRL_1 = new Device.Uhppoted("ctrl-1", "uhppoted/gateway/events", 405419896L,
            Map.of(1, "office", 2, "server"));
    static final Device.Uhppoted CTRL_2 = new Device.Uhppoted("ctrl-2", "uhppoted/ctrl-2/events", 405419897L,
            Map.of(3, "lab"));

    private static String text(ReaderMessages.Message message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void esp_rfid_grants_a_card_of_its_list_with_access_always_or_admin() {
        ReaderMessages readers = new ReaderMessages(TOKYO);
        ReaderMessages.Message always = readers.badge(FRONT_IN, "front", Direction.IN, NINE, "E001", true, "OK",
                new ReaderMessages.ListedCard("山田 太郎", false));
        assertEquals("esprfid/front-in/send", always.topic());
        assertEquals("{\"type\":\"access\",\"time\":" + NINE_EPOCH + ",\"isKnown\":\"true\",\"access\":\"Always\","
                + "\"username\":\"山田 太郎\",\"uid\":\"E001\",\"hostname\":\"front-in\"}", text(always));
        assertEquals("front-in:" + NINE_EPOCH + ":E001", always.eventId());
        ReaderMessages.Message admin = readers.badge(FRONT_IN, "front", Direction.IN, NINE, "E002", true, "OK",
                new ReaderMessages.ListedCard("Sato Hanako", true));
        assertEquals("Admin", field(admin, "access").asText());
    }

    @Test
    void esp_rfid_refuses_a_card_of_its_list_as_disabled_or_expired_and_an_unknown_one_as_denied() {
        ReaderMessages readers = new ReaderMessages(TOKYO);
        ReaderMessages.ListedCard card = new ReaderMessages.ListedCard("Visitor One", false);
        assertEquals("Disabled", field(readers.badge(FRONT_IN, "front", Direction.IN, NINE, "V001", false,
                "ZONE_NOT_ALLOWED", card), "access").asText());
        assertEquals("Expired", field(readers.badge(FRONT_IN, "front", Direction.IN, NINE, "V001", false,
                "VISITOR_PASS_INVALID", card), "access").asText());
        ReaderMessages.Message unknown = readers.badge(FRONT_IN, "front", Direction.IN, NINE, "X00042", false,
                "UNKNOWN_BADGE", null);
        assertEquals("{\"type\":\"access\",\"time\":" + NINE_EPOCH + ",\"isKnown\":\"false\",\"access\":\"Denied\","
                + "\"username\":\"Unknown\",\"uid\":\"X00042\",\"hostname\":\"front-in\"}", text(unknown));
    }

    @Test
    void uhppoted_publishes_event_records_under_message_event_numbered_per_controller() {
        ReaderMessages readers = new ReaderMessages(TOKYO);
        ReaderMessages.Message in = readers.badge(CTRL_1, "server", Direction.IN, NINE, "8165538", true, "OK", null);
        assertEquals("uhppoted/gateway/events", in.topic());
        assertEquals("{\"message\":{\"event\":{\"device-id\":405419896,\"event-id\":1,\"event-type\":1,"
                + "\"access-granted\":true,\"door-id\":2,\"direction\":1,\"card-number\":8165538,"
                + "\"timestamp\":\"2026-11-25 09:00:05 JST\",\"event-reason\":1}}}", text(in));
        assertEquals("ctrl-1:1", in.eventId());

        ReaderMessages.Message out = readers.badge(CTRL_1, "office", Direction.OUT, NINE.plusSeconds(30), "8165538",
                true, "OK", null);
        assertEquals("ctrl-1:2", out.eventId(), "event-id increases per controller");
        assertEquals(2, field(out, "direction").asInt(), "OUT is direction 2");
        assertEquals(1, field(out, "door-id").asInt());
        assertEquals("2026-11-25 09:00:35 JST", field(out, "timestamp").asText());

        ReaderMessages.Message other = readers.badge(CTRL_2, "lab", Direction.IN, NINE, "8165538", false,
                "ZONE_NOT_ALLOWED", null);
        assertEquals("ctrl-2:1", other.eventId(), "another controller counts on its own");
        assertFalse(field(other, "access-granted").asBoolean());
        assertEquals(ReaderMessages.NO_ACCESS_RIGHTS, field(other, "event-reason").asInt());
        assertEquals(3, field(other, "door-id").asInt());
    }

    @Test
    void hass_agent_publishes_its_sensors_as_plain_text_under_its_topic() {
        Device.HassAgent agent = new Device.HassAgent("pc-01", "homeassistant/sensor/PC-01", "PC-01");
        assertEquals("homeassistant/sensor/PC-01/sessionstate/state",
                AgentMessages.stateTopic(agent, AgentMessages.SESSION_STATE));
        assertEquals("homeassistant/sensor/PC-01/lastactive/state",
                AgentMessages.stateTopic(agent, AgentMessages.LAST_ACTIVE));
        assertEquals("homeassistant/sensor/PC-01/availability", AgentMessages.availabilityTopic(agent));
        assertEquals("2026-11-25T09:00:05+09:00",
                new String(new AgentMessages(TOKYO).lastActive(NINE), StandardCharsets.UTF_8));
        assertEquals("pc-01:2026-11-25T09:00:05+09:00:sessionstate",
                new AgentMessages(TOKYO).eventId(agent, NINE, "sessionstate"));
    }

    /** A field of an esp-rfid message, or of the event record of a uhppoted one. */
    private static JsonNode field(ReaderMessages.Message message, String name) {
        try {
            JsonNode json = Payloads.JSON.readTree(message.payload());
            return json.has("message") ? json.path("message").path("event").path(name) : json.path(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
