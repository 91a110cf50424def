package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Direction;

/** The sample site's readers and PCs as devices: laid out as the class says, and a site file the loader reads. */
class DeviceLayoutTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private static <T extends Device> List<T> devices(SiteConfig site, Class<T> kind) {
        return site.devices().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void esp_rfid_puts_a_reader_on_each_side_of_every_door() {
        SiteConfig site = SampleSite.config(20, DAY, EnumSet.of(Device.Kind.ESP_RFID));
        List<Device.EspRfid> readers = devices(site, Device.EspRfid.class);
        assertEquals(16, readers.size());
        for (String door : site.doors().keySet()) {
            for (Direction direction : Direction.values()) {
                String id = "rfid-" + door + "-" + direction.name().toLowerCase();
                assertTrue(readers.contains(new Device.EspRfid(id, "esprfid/" + id + "/send", door, direction)), id);
            }
        }
        assertEquals("E0001", site.people().keySet().stream().sorted().findFirst().orElseThrow(),
                "esp-rfid reads any uid: the badges stay");
    }

    @Test
    void uhppoted_controllers_take_four_doors_each_numbered_one_to_four_and_badges_become_card_numbers() {
        SiteConfig site = SampleSite.config(20, DAY, EnumSet.of(Device.Kind.UHPPOTED));
        assertEquals(List.of(
                new Device.Uhppoted("ctrl-1", "uhppoted/ctrl-1/events", DeviceLayout.FIRST_CONTROLLER,
                        Map.of(1, "back", 2, "front", 3, "lab", 4, "lab-server")),
                new Device.Uhppoted("ctrl-2", "uhppoted/ctrl-2/events", DeviceLayout.FIRST_CONTROLLER + 1,
                        Map.of(1, "meeting", 2, "office", 3, "office-meeting", 4, "server"))), site.devices());
        assertTrue(site.people().keySet().stream().allMatch(DeviceMap::isCardNumber), "card numbers");
        assertTrue(site.visitors().keySet().stream().allMatch(DeviceMap::isCardNumber), "card numbers");
        assertTrue(site.people().containsKey(SampleSite.cardNumber(1)));
    }

    @Test
    void with_both_reader_kinds_the_doors_alternate_and_every_pc_runs_an_agent() {
        SiteConfig site = SampleSite.config(20, DAY, EnumSet.allOf(Device.Kind.class));
        assertEquals(Set.of("back", "lab", "meeting", "office-meeting"),
                Set.copyOf(devices(site, Device.EspRfid.class).stream().map(Device.EspRfid::door).toList()));
        assertEquals(List.of(new Device.Uhppoted("ctrl-1", "uhppoted/ctrl-1/events", DeviceLayout.FIRST_CONTROLLER,
                Map.of(1, "front", 2, "lab-server", 3, "office", 4, "server"))), devices(site, Device.Uhppoted.class));
        List<Device.HassAgent> agents = devices(site, Device.HassAgent.class);
        assertEquals(20, agents.size());
        assertTrue(agents.contains(new Device.HassAgent("agent-PC-0007", "homeassistant/sensor/PC-0007", "PC-0007")));
    }

    @Test
    void without_kinds_the_sample_site_is_the_one_it_always_was() {
        assertEquals(SampleSite.yaml(50, DAY), SampleSite.yaml(50, DAY, Set.of()));
        assertEquals(List.of(), SampleSite.config(50, DAY).devices());
    }

    @Test
    void uhppoted_refuses_a_site_whose_badges_are_not_card_numbers() {
        SiteConfig letters = SampleSite.config(10, DAY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceLayout.yaml(letters, EnumSet.of(Device.Kind.UHPPOTED)));
        assertTrue(e.getMessage().contains("'E0001' is not one"), e.getMessage());
        SiteConfig written = SiteConfigLoader.parse(SampleSite.yaml(10, DAY) + """
                devices:
                  - {id: c, kind: uhppoted, topic: u/events, controller: 1, doors: {1: front}}
                """, "hq.yaml");
        assertThrows(IllegalArgumentException.class, () -> Scenario.generate(written, DAY, 1, 1, LapseRates.defaults()),
                "a site file with controllers and letters for badges cannot be played");
    }

    @Test
    void kinds_are_named_as_the_site_file_names_them() {
        assertEquals(EnumSet.of(Device.Kind.ESP_RFID, Device.Kind.HASS_AGENT), DeviceLayout.kinds("hass-agent, esp-rfid"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DeviceLayout.kinds("esp-rfid,zigbee"));
        assertTrue(unknown.getMessage().contains("'zigbee'") && unknown.getMessage().contains("uhppoted"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceLayout.kinds(" , "));
    }
}
