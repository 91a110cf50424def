package org.officeguard.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Topics;
import org.officeguard.camel.hivemq.HiveMqttEndpoint;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;

/**
 * A service's wall clock ticks only once its journal is replayed and its inbox is open ({@link Recovery}). A tick
 * during the replay would move the watermark to now on a state weeks old: every pending deadline would fire against it
 * (violations that never happened, published), and the rest of the replay would come late (the real ones lost).
 */
class RecoveryOrderTest {

    /** A service whose rules hold the replay of its one journaled input until released, and count wall ticks. */
    private static final class Probe extends RouteBuilder {
        final RunningService service;
        final CountDownLatch replaying = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger ticks = new AtomicInteger();

        Probe(RunningService service) {
            this.service = service;
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
                        replaying.countDown();
                        if (!release.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                        e.getMessage().setBody(List.of());
                    });
            from(service.wallClockTicks()).routeId("probe-clock").autoStartup(false)
                    .process(e -> ticks.incrementAndGet());
            getContext().addStartupListener(Recovery.replayingJournal(service, "direct:probe-rules")
                    .thenStart("probe-inbox", "probe-clock"));
        }
    }

    @Test
    void the_wall_clock_does_not_tick_while_the_journal_is_replayed(@TempDir Path dir) throws Exception {
        try (InputJournal journal = new InputJournal(dir.resolve("journal").resolve("probe.journal"))) {
            journal.replay((t, p) -> {});
            journal.appendAll(List.of(new InputJournal.Record("office/hq/clock",
                    "{\"ts\":\"2026-11-01T09:00:00+09:00\"}".getBytes(StandardCharsets.UTF_8))));
        }
        Probe[] probe = new Probe[1];
        OfficeService service = new OfficeService() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public RoutesBuilder routes(RunningService running) {
                probe[0] = new Probe(running);
                return probe[0];
            }
        };
        try (MosquittoProcess broker = MosquittoProcess.start()) {
            AppConfig config = AppConfig.defaults(List.of(SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml")),
                    broker.url(), dir, List.of("probe")).withHttp("127.0.0.1", FreePort.next(), null)
                    .withClock(ClockMode.WALL).withClientIdPrefix("recovery");
            CompletableFuture<OfficeguardApp> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return OfficeguardApp.start(config, List.of(service));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> probe[0] != null && probe[0].replaying.getCount() == 0);
            // the timer ticks every second: over 2.5 s of replay it would have ticked twice
            await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4)).until(() -> probe[0].ticks.get() == 0);
            probe[0].release.countDown();
            try (OfficeguardApp app = starting.get(30, TimeUnit.SECONDS)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> probe[0].ticks.get() > 0);
                assertEquals(true, app.ready());
            }
        }
    }
}
