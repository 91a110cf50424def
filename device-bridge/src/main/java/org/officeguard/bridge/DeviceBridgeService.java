package org.officeguard.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.officeguard.runtime.OfficeService;
import org.officeguard.runtime.RunningService;
import org.officeguard.runtime.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * device-bridge: translates what the sites' own devices publish — esp-rfid readers, uhppoted controllers, HASS.Agent
 * PCs (SPEC §8) — into the sites' inputs, so that the other services never see a device's format.
 */
public final class DeviceBridgeService implements OfficeService {

    public static final String NAME = "device-bridge";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceBridgeService.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RoutesBuilder routes(RunningService service) {
        ServiceContext context = service.context();
        DeviceDirectory directory = new DeviceDirectory(context.sites(), context.topics());
        if (directory.devices() == 0) {
            LOG.warn("device-bridge: no site file served here lists devices; it only follows the sites' clocks");
        }
        Bridges bridges = new Bridges(context, service.metrics());
        service.healthDetails(() -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("ignored", service.metrics().ignoredCount());
            figures.put("sites", bridges.health());
            return figures;
        });
        return new DeviceBridgeRoutes(service, directory, bridges);
    }
}
