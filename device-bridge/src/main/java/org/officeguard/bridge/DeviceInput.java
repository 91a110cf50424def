package org.officeguard.bridge;

import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;

/**
 * One message the device-bridge takes: a device's message, or a clock tick of a site it serves.
 *
 * @param device the device whose topic it came on; null for a clock tick
 * @param sensorPath for a HASS.Agent, the levels under its topic ({@code sessionstate/state}); else empty
 */
public record DeviceInput(String topic, byte[] payload, SiteConfig site, Device device, String sensorPath) {

    /** The kind of device it came from; null for a clock tick. */
    public Device.Kind kind() {
        return device == null ? null : device.kind();
    }

    public boolean clockTick() {
        return device == null;
    }
}
