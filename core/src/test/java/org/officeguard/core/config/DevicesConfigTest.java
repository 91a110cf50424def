package org.officeguard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Direction;

/** The site file's {@code devices} (SPEC §8): read as written, and every mistake named with file, line and key. */
class DevicesConfigTest {

    /** The example site with SPEC §8's devices, from line 32 on (the second device of a list is on line 34). */
    private static final String WITH_DEVICES = SiteConfigLoaderTest.HQ + """
            devices:
              - {id: front-in,  kind: esp-rfid,   topic: esprfid/front-in/send,  door: front, direction: IN}
              - {id: front-out, kind: esp-rfid,   topic: esprfid/front-out/send, door: front, direction: OUT}
              - {id: ctrl-1,    kind: uhppoted,   topic: uhppoted/gateway/events, controller: 405419896,
                 doors: {1: office, 2: server}}
              - {id: pc-01,     kind: hass-agent, pc: PC-01, topic: homeassistant/sensor/PC-01}
            """;

    private static String failure(String yaml) {
        return assertThrows(ConfigException.class, () -> SiteConfigLoader.parse(yaml, "hq.yaml")).getMessage();
    }

    private static String withDevice(String device) {
        return SiteConfigLoaderTest.HQ + "devices:\n  - {id: front-in, kind: esp-rfid, topic: esprfid/front-in/send,"
                + " door: front, direction: IN}\n  - " + device + "\n";
    }

    @Test
    void reads_the_devices_of_spec_section_8() {
        SiteConfig site = SiteConfigLoader.parse(WITH_DEVICES, "hq.yaml");
        assertEquals(List.of(
                new Device.EspRfid("front-in", "esprfid/front-in/send", "front", Direction.IN),
                new Device.EspRfid("front-out", "esprfid/front-out/send", "front", Direction.OUT),
                new Device.Uhppoted("ctrl-1", "uhppoted/gateway/events", 405419896L, Map.of(1, "office", 2, "server")),
                new Device.HassAgent("pc-01", "homeassistant/sensor/PC-01", "PC-01")), site.devices());
    }

    @Test
    void a_site_without_devices_has_none() {
        assertTrue(SiteConfigLoader.parse(SiteConfigLoaderTest.HQ, "hq.yaml").devices().isEmpty());
    }

    @Test
    void an_unknown_door_is_named_with_file_line_and_key() {
        assertEquals("hq.yaml:34: devices[1].door: unknown door 'back' (known: front, office, server)",
                failure(withDevice("{id: back-in, kind: esp-rfid, topic: esprfid/back-in/send, door: back, direction: IN}")));
    }

    @Test
    void an_unknown_door_behind_a_controller_door_number_is_named() {
        assertEquals("hq.yaml:34: devices[1].doors.2: unknown door 'roof' (known: front, office, server)",
                failure(withDevice("{id: c, kind: uhppoted, topic: u/events, controller: 1, doors: {1: office, 2: roof}}")));
    }

    @Test
    void an_unknown_pc_is_named() {
        assertEquals("hq.yaml:34: devices[1].pc: unknown pc 'PC-09' (known: PC-01, PC-02, PC-03)",
                failure(withDevice("{id: pc-09, kind: hass-agent, pc: PC-09, topic: homeassistant/sensor/PC-09}")));
    }

    @Test
    void a_door_number_outside_one_to_four_is_refused() {
        assertEquals("hq.yaml:34: devices[1].doors.5: a UHPPOTE controller has doors 1 to 4, not 5",
                failure(withDevice("{id: c, kind: uhppoted, topic: u/events, controller: 1, doors: {5: office}}")));
        assertEquals("hq.yaml:34: devices[1].doors.0: a UHPPOTE controller has doors 1 to 4, not 0",
                failure(withDevice("{id: c, kind: uhppoted, topic: u/events, controller: 1, doors: {0: office}}")));
        assertEquals("hq.yaml:34: devices[1].doors.front: a door number is 1, 2, 3 or 4, not 'front'",
                failure(withDevice("{id: c, kind: uhppoted, topic: u/events, controller: 1, doors: {front: office}}")));
    }

    @Test
    void a_topic_given_to_two_devices_is_refused() {
        assertEquals("hq.yaml:34: devices[1].topic: 'esprfid/front-in/send' is already the topic of device"
                + " 'front-in': each device needs a topic of its own",
                failure(withDevice("{id: front-out, kind: esp-rfid, topic: esprfid/front-in/send, door: front,"
                        + " direction: OUT}")));
    }

    @Test
    void a_topic_under_a_hass_agent_topic_is_refused() {
        String yaml = SiteConfigLoaderTest.HQ + "devices:\n"
                + "  - {id: pc-01, kind: hass-agent, pc: PC-01, topic: homeassistant/sensor/PC-01}\n"
                + "  - {id: pc-02, kind: hass-agent, pc: PC-02, topic: homeassistant/sensor/PC-01/more}\n";
        assertTrue(failure(yaml).startsWith("hq.yaml:34: devices[1].topic: 'homeassistant/sensor/PC-01/more' overlaps"
                + " the topic 'homeassistant/sensor/PC-01' of device 'pc-01'"), failure(yaml));
    }

    @Test
    void a_kind_that_does_not_exist_is_refused() {
        assertEquals("hq.yaml:34: devices[1].kind: unknown device kind 'wiegand' (known: esp-rfid, hass-agent,"
                + " uhppoted)", failure(withDevice("{id: w, kind: wiegand, topic: w/1}")));
    }

    @Test
    void each_kind_takes_only_its_own_keys_and_needs_them() {
        assertEquals("hq.yaml:34: devices[1].pc: unknown key (allowed here: id, kind, topic, door, direction)",
                failure(withDevice("{id: r, kind: esp-rfid, topic: r/1, door: front, direction: IN, pc: PC-01}")));
        assertEquals("hq.yaml:34: devices[1].direction: must be IN or OUT, not 'BOTH'",
                failure(withDevice("{id: r, kind: esp-rfid, topic: r/1, door: front, direction: BOTH}")));
        assertEquals("hq.yaml:34: devices[1].controller: must be a positive whole number, not '-3'",
                failure(withDevice("{id: c, kind: uhppoted, topic: u/events, controller: -3, doors: {1: office}}")));
        assertEquals("hq.yaml:34: devices[1].topic: missing required key",
                failure(withDevice("{id: pc-01, kind: hass-agent, pc: PC-01}")));
        assertEquals("hq.yaml:34: devices[1].topic: 'esprfid/+/send' must be an MQTT topic name: no wildcards (+ #),"
                + " no empty levels, no spaces",
                failure(withDevice("{id: r, kind: esp-rfid, topic: esprfid/+/send, door: front, direction: IN}")));
    }

    @Test
    void duplicate_ids_and_two_agents_on_one_pc_are_refused() {
        assertEquals("hq.yaml:34: devices[1].id: duplicate device 'front-in'",
                failure(withDevice("{id: front-in, kind: esp-rfid, topic: r/2, door: front, direction: OUT}")));
        String yaml = SiteConfigLoaderTest.HQ + "devices:\n"
                + "  - {id: a, kind: hass-agent, pc: PC-01, topic: ha/a}\n"
                + "  - {id: b, kind: hass-agent, pc: PC-01, topic: ha/b}\n";
        assertEquals("hq.yaml:34: devices[1].pc: PC 'PC-01' already has a device ('a')", failure(yaml));
    }

    @Test
    void two_site_files_may_not_share_a_device_topic(@TempDir Path dir) throws IOException {
        Path hq = dir.resolve("hq.yaml");
        Files.writeString(hq, WITH_DEVICES, StandardCharsets.UTF_8);
        Path osaka = dir.resolve("osaka.yaml");
        Files.writeString(osaka, WITH_DEVICES.replace("site: hq", "site: osaka")
                .replace("esprfid/front-out/send", "esprfid/osaka-out/send")
                .replace("uhppoted/gateway/events", "uhppoted/osaka/events")
                .replace("homeassistant/sensor/PC-01", "homeassistant/sensor/OSAKA-PC-01"), StandardCharsets.UTF_8);
        String message = assertThrows(ConfigException.class, () -> SiteConfigLoader.loadAll(List.of(hq, osaka)))
                .getMessage();
        assertEquals(osaka + ": devices: topic 'esprfid/front-in/send' of device 'front-in' is already the topic of"
                + " hq's device 'front-in': each device needs a topic of its own", message);
    }
}
