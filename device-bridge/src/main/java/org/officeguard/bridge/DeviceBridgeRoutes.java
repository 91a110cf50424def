package org.officeguard.bridge;

import static org.officeguard.bridge.DeviceInputs.clockTick;
import static org.officeguard.bridge.DeviceInputs.kind;
import static org.officeguard.core.config.Device.Kind.ESP_RFID;
import static org.officeguard.core.config.Device.Kind.HASS_AGENT;
import static org.officeguard.core.config.Device.Kind.UHPPOTED;

import org.apache.camel.builder.RouteBuilder;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.runtime.CommonRoutes;
import org.officeguard.runtime.Recovery;
import org.officeguard.runtime.RunningService;

/**
 * The device-bridge's routes (SPEC §8). A device's message comes in on the service's one MQTT session with every
 * other device's and the sites' clock ticks, in the broker's order; by the kind of device it comes from, it is
 * translated into the site's input ({@link Bridges}), which goes out at QoS 1 on that same session; once the broker
 * has it, the device's message is journaled and acknowledged. Bad input goes to the site's dead-letter topic.
 */
final class DeviceBridgeRoutes extends RouteBuilder {

    static final String INBOX = "device-bridge-inbox";
    static final String TRANSLATE = "direct:device-bridge-translate";

    private final RunningService service;
    private final DeviceDirectory directory;
    private final DeviceInputs inputs;
    private final Bridges bridges;

    DeviceBridgeRoutes(RunningService service, DeviceDirectory directory, Bridges bridges) {
        this.service = service;
        this.directory = directory;
        this.inputs = new DeviceInputs(service.name(), directory, service.metrics());
        this.bridges = bridges;
    }

    @Override
    public void configure() throws Exception {
        // Before a group of completed messages is acknowledged (in delivery order), the handled ones are journaled:
        // replayed at start-up, they give back each site's event time and each PC's last input.
        HiveMqttEndpoint inbox = endpoint(service.inbox(directory.filters()), HiveMqttEndpoint.class);
        inbox.onAcknowledge(service.journal()::appendHandled);

        from(inbox).routeId(INBOX)
                .routeConfigurationId(CommonRoutes.INBOUND_ERRORS) // bad input: dead-lettered, the route goes on
                .autoStartup(false)                                // opened by the recovery, below
                .process(inputs)                                   // which device of which site: a DeviceInput
                .to(TRANSLATE)
                .to(service.outbox())                              // done once the broker has the site's input
                .process(service::published);                      // then journaled, then acknowledged

        // One translator per kind of device. The journal is replayed through here at start-up, its outputs dropped.
        from(TRANSLATE).routeId("device-bridge-translate")
                .routeConfigurationId(CommonRoutes.CALLED_BY_THE_INBOX)
                .choice()
                    .when(kind(ESP_RFID)).bean(bridges, "espRfid")
                    .when(kind(UHPPOTED)).bean(bridges, "uhppoted")
                    .when(kind(HASS_AGENT)).bean(bridges, "hassAgent")
                    .when(clockTick()).bean(bridges, "clock")
                .end();

        // Start-up: the journal replayed through the translators, then the inbox opened.
        // The journal is cut behind snapshots of every site's event time and PCs' last inputs.
        service.journal().snapshots(bridges);
        getContext().addStartupListener(Recovery.replayingJournal(service, inputs, TRANSLATE).thenStart(INBOX));
    }
}
