package org.officeguard.bridge;

import java.time.Instant;
import java.util.Map;

/**
 * What the device-bridge knows of one site, for a snapshot: its event time (event mode; null before any) and each
 * PC's last input (its HASS.Agent's {@code lastactive}). Nothing waits for time in the bridge, so every moment with
 * no input in flight is a snapshot point.
 */
public record BridgeState(Instant watermark, Map<String, Instant> lastActive) {}
