package org.officeguard.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Topics;

/**
 * Which device, of which site, a topic belongs to (SPEC §8: devices are named in the site files only), and what the
 * bridge subscribes to: every device's topic (a HASS.Agent's with everything under it) and every site's clock.
 */
final class DeviceDirectory {

    /** A device and the site that lists it. */
    private record Listed(SiteConfig site, Device device) {}

    /** esp-rfid and uhppoted devices by their topic. */
    private final Map<String, Listed> byTopic = new LinkedHashMap<>();
    /** HASS.Agents by the topic their sensors are published under. */
    private final Map<String, Listed> agents = new LinkedHashMap<>();
    /** The sites by their clock topic. */
    private final Map<String, SiteConfig> clocks = new LinkedHashMap<>();

    DeviceDirectory(List<SiteConfig> sites, Topics topics) {
        for (SiteConfig site : sites) {
            clocks.put(topics.clock(site.site()), site);
            for (Device device : site.devices()) {
                (device instanceof Device.HassAgent ? agents : byTopic).put(device.topic(), new Listed(site, device));
            }
        }
    }

    /** The topic filters of the bridge's one session: every device topic, then every site's clock ticks. */
    List<String> filters() {
        List<String> filters = new ArrayList<>(byTopic.keySet());
        agents.keySet().forEach(topic -> filters.add(topic + "/#"));
        filters.addAll(clocks.keySet());
        return filters;
    }

    /** How many devices the site files list. */
    int devices() {
        return byTopic.size() + agents.size();
    }

    /** The input a message on {@code topic} is; empty when no site lists a device with that topic. */
    Optional<DeviceInput> find(String topic, byte[] payload) {
        Listed device = byTopic.get(topic);
        if (device != null) {
            return Optional.of(new DeviceInput(topic, payload, device.site(), device.device(), ""));
        }
        SiteConfig clocked = clocks.get(topic);
        if (clocked != null) {
            return Optional.of(new DeviceInput(topic, payload, clocked, null, ""));
        }
        // a HASS.Agent's sensors: the agent whose topic is the longest prefix of this one (topics do not overlap)
        for (int end = topic.length(); end > 0; end = topic.lastIndexOf('/', end - 1)) {
            Listed agent = agents.get(topic.substring(0, end));
            if (agent != null) {
                String sensorPath = end == topic.length() ? "" : topic.substring(end + 1);
                return Optional.of(new DeviceInput(topic, payload, agent.site(), agent.device(), sensorPath));
            }
        }
        return Optional.empty();
    }
}
