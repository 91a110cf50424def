package org.officeguard.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;

/**
 * The site's devices that speak their own language (SPEC §8), as the simulator plays them: which reader reads each
 * door and direction, which PC runs a HASS.Agent, and the cards a reader's own list has wrong. A door or PC without
 * a device speaks SPEC §2, as in a site without devices.
 *
 * <p>A reader decides by itself from its card list, which holds the site's policy: it grants exactly what officeguard
 * would grant, anti-passback included, except a card its list has wrong (a share {@link DeviceOptions#misconfiguredCards()}
 * of the cards, per reader, drawn from the seed): the reader lets that card through where the site file refuses it
 * a zone, or refuses a visitor whose pass is not valid at the time.
 */
final class DeviceMap {

    /** uhppoted-mqtt's {@code card-number} is a uint32, read by the bridge in decimal (SPEC §8). */
    private static final Pattern CARD_NUMBER = Pattern.compile("[1-9][0-9]{0,9}");
    private static final long MAX_CARD_NUMBER = 0xFFFF_FFFFL;
    /** The refusals a wrong card list lets through; an unknown card is in no list, and egress is free anyway. */
    private static final Set<String> LISTED_REFUSALS = Set.of(Rule.ZONE_NOT_ALLOWED.name(),
            Rule.VISITOR_PASS_INVALID.name());

    private record Side(String door, Direction direction) {}

    private final Map<Side, Device> readers = new HashMap<>();
    private final Map<String, Device.HassAgent> agents = new HashMap<>();
    private final boolean cardNumbers;
    private final long seed;
    private final DeviceOptions options;

    private DeviceMap(SiteConfig site, List<Device> devices, long seed, DeviceOptions options) {
        this.seed = seed;
        this.options = options;
        boolean controllers = false;
        for (Device device : devices) {
            if (device instanceof Device.EspRfid reader) {
                readers.put(new Side(reader.door(), reader.direction()), reader);
            } else if (device instanceof Device.Uhppoted controller) {
                controllers = true;
                for (String door : controller.doors().values()) {
                    readers.put(new Side(door, Direction.IN), controller);
                    readers.put(new Side(door, Direction.OUT), controller);
                }
            } else if (device instanceof Device.HassAgent agent) {
                agents.put(agent.pc(), agent);
            }
        }
        this.cardNumbers = controllers;
        if (controllers) {
            site.people().keySet().stream().sorted().forEach(DeviceMap::requireCardNumber);
            site.visitors().keySet().stream().sorted().forEach(DeviceMap::requireCardNumber);
        }
    }

    /** The devices of {@code site}; none when it lists none. */
    static DeviceMap of(SiteConfig site, long seed, DeviceOptions options) {
        return new DeviceMap(site, site.devices(), seed, options);
    }

    /** Every door and PC of {@code site} speaking SPEC §2, whatever devices it lists. */
    static DeviceMap none(SiteConfig site) {
        return new DeviceMap(site, List.of(), 0, DeviceOptions.faithful());
    }

    boolean any() {
        return !readers.isEmpty() || !agents.isEmpty();
    }

    DeviceOptions options() {
        return options;
    }

    /** The reader that reads {@code door} in {@code direction} and decides by itself, or null (a §2 reader). */
    Device reader(String door, Direction direction) {
        return readers.get(new Side(door, direction));
    }

    /** The HASS.Agent of {@code pc}, or null (a §2 agent). */
    Device.HassAgent agent(String pc) {
        return agents.get(pc);
    }

    boolean hasAgents() {
        return !agents.isEmpty();
    }

    /** Whether the cards the simulator makes up (visitor cards, unknown cards) must be uhppoted card numbers. */
    boolean cardNumbers() {
        return cardNumbers;
    }

    /** Whether the reader at {@code door} in {@code direction} lets {@code badge} through where the site refuses it. */
    boolean misconfigured(String door, Direction direction, String badge) {
        Device reader = reader(door, direction);
        return reader != null && options.misconfiguredCards() > 0
                && draw(reader.id() + "|" + door + "|" + badge).nextDouble() < options.misconfiguredCards();
    }

    /**
     * The reader's verdict on a badge that officeguard {@code granted} or refused for {@code reason}: null at a §2
     * reader; otherwise officeguard's verdict, except a grant where the site refuses the card for a zone or a pass
     * and the reader's list has that card wrong.
     */
    Boolean verdict(String door, Direction direction, String badge, boolean granted, String reason) {
        if (reader(door, direction) == null) {
            return null;
        }
        return granted || LISTED_REFUSALS.contains(reason) && misconfigured(door, direction, badge);
    }

    /** The seconds someone the reader let in by mistake stands inside before walking back out: 4 to 12. */
    long secondsInside(String badge, Instant at) {
        return 4 + draw(badge + "|" + at.getEpochSecond()).nextInt(9);
    }

    private SplittableRandom draw(String key) {
        long mixed = seed * 0x9E3779B97F4A7C15L + key.hashCode() * 0xBF58476D1CE4E5B9L;
        return new SplittableRandom(mixed ^ (mixed >>> 31));
    }

    /** A uhppoted controller reports a card as a number, and the bridge makes the badge of it in decimal (SPEC §8). */
    static void requireCardNumber(String badge) {
        if (!isCardNumber(badge)) {
            throw new IllegalArgumentException("the site has uhppoted controllers, which report a card as a number"
                    + " (1 to 4294967295) that the device-bridge writes in decimal as the badge; badge '" + badge
                    + "' is not one: give every badge of the site file as its card number");
        }
    }

    static boolean isCardNumber(String badge) {
        return CARD_NUMBER.matcher(badge).matches() && Long.parseLong(badge) <= MAX_CARD_NUMBER;
    }
}
