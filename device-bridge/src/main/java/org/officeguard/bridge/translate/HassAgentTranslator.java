package org.officeguard.bridge.translate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;

/**
 * A Windows PC's HASS.Agent sensors (SPEC §8). HASS.Agent publishes each sensor's state as plain text on
 * {@code homeassistant/sensor/{device}/{sensor}/state} and its availability ({@code online}, and {@code offline} as
 * its last will) on {@code homeassistant/sensor/{device}/availability}; the sensor's level is its name with every
 * character but letters, digits, '_' and '-' made '_'. The site file gives the agent's topic up to the device; the
 * sensors used are named {@code sessionstate} and {@code lastactive} (any case).
 *
 * <p>{@code Locked} and {@code LoggedOff} become LOCKED; {@code Unlocked} (older HASS.Agent: {@code InUse}) becomes
 * ACTIVE, or IDLE for {@code stamp − last active} seconds when that is 60 or more; {@code offline} becomes OFF.
 * {@code Unknown} and {@code online} are ignored, and so is every other sensor. A {@code lastactive} state only tells
 * the bridge the time of the PC's last input. The messages carry no time of their own: each state is stamped with
 * the site's event time as the bridge sees it, and its event id is {@code {device}:{stamp}:{sensor}}.
 *
 * <p>Not thread-safe: the bridge calls it for one message at a time.
 */
public final class HassAgentTranslator {

    public static final String OTHER_SENSOR = "other-sensor";
    public static final String UNKNOWN_STATE = "unknown-state";
    public static final String ONLINE = "online";

    static final String SESSION_STATE = "sessionstate";
    static final String LAST_ACTIVE = "lastactive";
    static final String AVAILABILITY = "availability";
    /** Unlocked with no input for this long is IDLE. */
    private static final Duration IDLE_AFTER = Duration.ofSeconds(60);

    private final Topics topics;
    private final SiteConfig site;
    /** The time of each PC's last input, from its {@code lastactive} sensor. */
    private final Map<String, Instant> lastActive = new HashMap<>();

    public HassAgentTranslator(Topics topics, SiteConfig site) {
        this.topics = topics;
        this.site = site;
    }

    /**
     * @param sensorPath the topic's levels under the agent's topic, e.g. {@code sessionstate/state}
     * @param stamp the site's event time as the bridge sees it; null when there is none yet (event mode, before any
     *     clock tick or timed device message)
     */
    public Translation translate(Device.HassAgent agent, String sensorPath, byte[] payload, Instant stamp) {
        String sensor = sensor(sensorPath);
        if (sensor == null) {
            return new Translation.Ignored(OTHER_SENSOR, "'" + DeviceJson.shown(sensorPath) + "'");
        }
        try {
            String value = DeviceJson.plainText(payload);
            return switch (sensor) {
                case SESSION_STATE -> sessionState(agent, value, stamp);
                case LAST_ACTIVE -> lastActive(agent, value);
                default -> availability(agent, value, stamp);
            };
        } catch (InvalidInputException unreadable) {
            return new Translation.Unreadable(unreadable.getMessage());
        }
    }

    /** Every PC's last input as the bridge knows it, for a snapshot. */
    public Map<String, Instant> lastActiveByPc() {
        return new TreeMap<>(lastActive);
    }

    /** Takes a snapshot's last inputs in place of what is known now. */
    public void restore(Map<String, Instant> byPc) {
        lastActive.clear();
        lastActive.putAll(byPc);
    }

    /** The time of the PC's last input as the bridge knows it; null if no {@code lastactive} came yet. */
    public Instant lastActive(String pc) {
        return lastActive.get(pc);
    }

    /** The sensor a topic under the agent's is about, or null if the bridge has no use for it. */
    private static String sensor(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.equals(AVAILABILITY)) {
            return AVAILABILITY;
        }
        if (lower.equals(SESSION_STATE + "/state")) {
            return SESSION_STATE;
        }
        if (lower.equals(LAST_ACTIVE + "/state")) {
            return LAST_ACTIVE;
        }
        return null;
    }

    private Translation sessionState(Device.HassAgent agent, String value, Instant stamp) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "locked", "loggedoff":
                return state(agent, SESSION_STATE, stamp(stamp), PcState.LOCKED, 0);
            case "unlocked", "inuse":
                Instant now = stamp(stamp);
                Instant input = lastActive.get(agent.pc());
                Duration idle = input == null ? Duration.ZERO : Duration.between(input, now);
                return idle.compareTo(IDLE_AFTER) >= 0
                        ? state(agent, SESSION_STATE, now, PcState.IDLE, idle.getSeconds())
                        : state(agent, SESSION_STATE, now, PcState.ACTIVE, 0);
            case "unknown":
                return new Translation.Ignored(UNKNOWN_STATE, "session state Unknown");
            default:
                throw new InvalidInputException("sessionstate must be Locked, Unlocked, LoggedOff or Unknown, not '"
                        + DeviceJson.shown(value) + "'");
        }
    }

    private Translation lastActive(Device.HassAgent agent, String value) {
        Instant input = DeviceJson.isoTime(value, site.timezone(), "lastactive");
        lastActive.put(agent.pc(), input);
        return new Translation.Noted("last input of " + agent.pc() + " at " + input);
    }

    private Translation availability(Device.HassAgent agent, String value, Instant stamp) {
        if (value.equals("offline")) {
            return state(agent, AVAILABILITY, stamp(stamp), PcState.OFF, 0);
        }
        if (value.equals("online")) {
            return new Translation.Ignored(ONLINE, "online");
        }
        throw new InvalidInputException("availability must be online or offline, not '" + DeviceJson.shown(value)
                + "'");
    }

    private Instant stamp(Instant stamp) {
        if (stamp == null) {
            throw new InvalidInputException("no event time yet for site " + site.site() + ": a HASS.Agent message is"
                    + " stamped with the site's event time, and in event mode no clock tick or timed device message"
                    + " has come yet");
        }
        return stamp;
    }

    private Translation.Translated state(Device.HassAgent agent, String sensor, Instant stamp, PcState state,
            long idleSeconds) {
        String eventId = agent.id() + ":" + TimeFormat.format(stamp, site.timezone()) + ":" + sensor;
        PcStateEvent report = new PcStateEvent(eventId, stamp, agent.pc(), state, idleSeconds, null);
        return new Translation.Translated(topics.pcState(site.site(), agent.pc()),
                Payloads.write(report, site.timezone()), eventId, stamp);
    }
}
