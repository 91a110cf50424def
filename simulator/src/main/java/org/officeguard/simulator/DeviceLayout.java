package org.officeguard.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.SiteConfig;

/**
 * Makes a site's readers and PCs devices of the given kinds (SPEC §8), as a site file's {@code devices} block:
 * <ul>
 * <li>esp-rfid: one reader per door and direction, {@code rfid-{door}-in} and {@code rfid-{door}-out};</li>
 * <li>uhppoted: controllers of up to four doors each ({@code ctrl-1}, {@code ctrl-2}, …, the doors numbered 1–4 in
 *     door order), each publishing on a topic of its own;</li>
 * <li>with both, the doors (by id) alternate: esp-rfid, uhppoted, esp-rfid, …;</li>
 * <li>hass-agent: every PC, {@code agent-{pc}} under {@code homeassistant/sensor/{pc}}.</li>
 * </ul>
 * Without a reader kind the doors keep §2 readers; without hass-agent the PCs keep §2 agents.
 */
public final class DeviceLayout {

    /** The first controller's serial number; the next ones follow. */
    static final long FIRST_CONTROLLER = 423_187_001L;
    static final int DOORS_PER_CONTROLLER = 4;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private DeviceLayout() {}

    /** {@code esp-rfid,uhppoted,hass-agent} (any of them, in any order), as {@code --devices} takes them. */
    public static Set<Device.Kind> kinds(String list) {
        Set<Device.Kind> kinds = EnumSet.noneOf(Device.Kind.class);
        for (String name : list.split(",")) {
            String kind = name.trim();
            if (!kind.isEmpty()) {
                kinds.add(Device.Kind.byId(kind).orElseThrow(() -> new IllegalArgumentException("unknown device kind '"
                        + kind + "' (known: " + Arrays.stream(Device.Kind.values()).map(Device.Kind::id)
                        .collect(Collectors.joining(", ")) + ")")));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("name at least one device kind (esp-rfid, uhppoted, hass-agent)");
        }
        return kinds;
    }

    /**
     * The {@code devices:} block (ending with a newline) that makes {@code site}'s readers and PCs {@code kinds}.
     * uhppoted controllers report cards as numbers: with them, every badge of the site must be a card number.
     */
    public static String yaml(SiteConfig site, Set<Device.Kind> kinds) {
        StringBuilder yaml = new StringBuilder("devices:\n");
        List<Door> doors = site.doors().values().stream().sorted(Comparator.comparing(Door::id)).toList();
        boolean espRfid = kinds.contains(Device.Kind.ESP_RFID);
        boolean uhppoted = kinds.contains(Device.Kind.UHPPOTED);
        if (uhppoted) {
            site.people().keySet().stream().sorted().forEach(DeviceMap::requireCardNumber);
            site.visitors().keySet().stream().sorted().forEach(DeviceMap::requireCardNumber);
        }
        List<Door> controlled = new ArrayList<>();
        for (int index = 0; index < doors.size(); index++) {
            Door door = doors.get(index);
            if (espRfid && (!uhppoted || index % 2 == 0)) {
                espRfid(yaml, door, "IN");
                espRfid(yaml, door, "OUT");
            } else if (uhppoted) {
                controlled.add(door);
            }
        }
        for (int first = 0; first < controlled.size(); first += DOORS_PER_CONTROLLER) {
            int number = first / DOORS_PER_CONTROLLER + 1;
            String id = "ctrl-" + number;
            yaml.append("  - {id: ").append(id).append(", kind: uhppoted, topic: uhppoted/").append(id)
                    .append("/events, controller: ").append(FIRST_CONTROLLER + number - 1).append(", doors: {");
            List<Door> mine = controlled.subList(first, Math.min(controlled.size(), first + DOORS_PER_CONTROLLER));
            for (int door = 0; door < mine.size(); door++) {
                yaml.append(door == 0 ? "" : ", ").append(door + 1).append(": ").append(scalar(mine.get(door).id()));
            }
            yaml.append("}}\n");
        }
        if (kinds.contains(Device.Kind.HASS_AGENT)) {
            for (Pc pc : new TreeMap<>(site.pcs()).values()) {
                yaml.append("  - {id: ").append(scalar("agent-" + pc.id())).append(", kind: hass-agent, pc: ")
                        .append(scalar(pc.id())).append(", topic: ").append(scalar("homeassistant/sensor/" + pc.id()))
                        .append("}\n");
            }
        }
        return yaml.toString();
    }

    private static void espRfid(StringBuilder yaml, Door door, String direction) {
        String id = "rfid-" + door.id() + "-" + direction.toLowerCase(Locale.ROOT);
        yaml.append("  - {id: ").append(scalar(id)).append(", kind: esp-rfid, topic: ")
                .append(scalar("esprfid/" + id + "/send")).append(", door: ").append(scalar(door.id()))
                .append(", direction: ").append(direction).append("}\n");
    }

    /** A plain YAML scalar where that reads back as the same string, else a quoted one. */
    private static String scalar(String text) {
        if (PLAIN.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
