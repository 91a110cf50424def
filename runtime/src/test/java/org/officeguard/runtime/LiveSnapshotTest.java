package org.officeguard.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Topics;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * A running service takes snapshots on its acknowledger thread once nothing is in flight, cuts its journal behind
 * them, and after a restart restores the latest one and replays only what came after it.
 */
class LiveSnapshotTest {

    /** The probe's rule state: how many clock ticks it took, per site. */
    record Ticks(long count) {}

    /** A service that counts its inputs and snapshots the count every 5 inputs. */
    private static final class Probe extends RouteBuilder implements SnapshotSource<Ticks> {
        final RunningService service;
        private long count;

        Probe(RunningService service) {
            this.service = service;
        }

        synchronized long count() {
            return count;
        }

        @Override
        public void configure() throws Exception {
            HiveMqttEndpoint inbox = endpoint(service.inbox(Topics.Kind.CLOCK), HiveMqttEndpoint.class);
            inbox.onAcknowledge(service.journal()::appendHandled);
            from(inbox).routeId("probe-inbox").autoStartup(false)
                    .process(service.envelopes())
                    .to("direct:probe-rules")
                    .process(service::published);
            from("direct:probe-rules").routeId("probe-rules")
                    .routeConfigurationId(CommonRoutes.CALLED_BY_THE_INBOX)
                    .process(e -> {
                        synchronized (this) {
                            count++;
                        }
                        e.getMessage().setBody(List.of());
                    });
            service.journal().snapshots(this, 5);
            getContext().addStartupListener(Recovery.replayingJournal(service, "direct:probe-rules")
                    .thenStart("probe-inbox"));
        }

        @Override
        public Class<Ticks> stateType() {
            return Ticks.class;
        }

        @Override
        public synchronized Map<String, Ticks> export(BooleanSupplier quiet) {
            return quiet.getAsBoolean() ? Map.of("hq", new Ticks(count)) : null;
        }

        @Override
        public synchronized void restore(Map<String, Ticks> sites) {
            count = sites.get("hq").count();
        }
    }

    private static OfficeService probe(Probe[] holder) {
        return new OfficeService() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public RoutesBuilder routes(RunningService running) {
                holder[0] = new Probe(running);
                return holder[0];
            }
        };
    }

    @Test
    void a_running_service_snapshots_and_a_restart_replays_only_the_tail(@TempDir Path dir) throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.start()) {
            AppConfig config = AppConfig.defaults(List.of(SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml")),
                    broker.url(), dir, List.of("probe")).withHttp("127.0.0.1", FreePort.next(), null)
                    .withClientIdPrefix("snapshots");
            Probe[] first = new Probe[1];
            try (OfficeguardApp app = OfficeguardApp.start(config, List.of(probe(first)));
                    TestMqttClient devices = TestMqttClient.connect(broker.url(), "snapshot-devices")) {
                await().atMost(Duration.ofSeconds(10)).until(app::ready);
                for (int minute = 10; minute < 33; minute++) {
                    devices.publish("office/hq/clock", "{\"ts\":\"2026-11-25T09:" + minute + ":00+09:00\"}");
                    int taken = minute - 9;
                    // one at a time, so that each group is quiet when it is journaled
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> first[0].service.metrics().backlog() == 0 && first[0].count() == taken);
                }
                // every 5 inputs, at the first quiet moment: at the 5th if the next one is not already taken
                assertTrue(first[0].service.journal().snapshots().taken() >= 3,
                        first[0].service.journal().snapshots().taken() + " snapshots");
            }
            assertTrue(Files.exists(dir.resolve("journal").resolve("probe.snapshot")));
            assertTrue(Files.notExists(dir.resolve("journal").resolve("probe.journal")), "the first segment is cut");

            Probe[] second = new Probe[1];
            try (OfficeguardApp app = OfficeguardApp.start(config, List.of(probe(second)))) {
                await().atMost(Duration.ofSeconds(10)).until(app::ready);
                JournalSnapshots<?> snapshots = second[0].service.journal().snapshots();
                assertTrue(snapshots.restored());
                assertTrue(snapshots.replayed() <= 5, snapshots.replayed() + " inputs replayed of 23");
                assertEquals(23, second[0].count(), "the snapshot's count and the tail's");
            }
        }
    }
}
