package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.gateway.DoorGatewayService;
import org.officeguard.monitor.LockoutMonitorService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.GroundTruth;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.Simulator;
import org.officeguard.simulator.Verify;
import org.officeguard.testsupport.BridgedSites;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.PostgresProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Many sites (issue 23): two offices in two time zones, each with its own Mosquitto and its own door-gateway and
 * lockout-monitor, their brokers bridged to the centre's as the deploy files bridge them ({@link BridgedSites}),
 * and at the centre one reporting process on PostgreSQL serving both, connected to the central broker only. A
 * simulated day is played at each site at once, by the simulator at that site's broker, while hq's line to the
 * centre (the bridge's connection, through a TCP proxy) is cut from 10:00 to 17:00 of hq's day:
 * <ul>
 *   <li>hq's doors keep deciding during the cut, within the decision budget ({@link #READER_BUDGET});</li>
 *   <li>nothing of hq past the cut reaches the centre while the line is down;</li>
 *   <li>once the line is back, both sites' final reports at the centre match the simulator's ground truth at
 *       precision and recall 1.000, each violation once (unique ids, exact totals) and each decision counted once
 *       (the passages granted and denied are the day's badges).</li>
 * </ul>
 * The second test does the same with the central reporting killed (SIGKILL) while hq's backlog is arriving, and
 * started again. The brokers and PostgreSQL serve both tests; each test has its own day, site services, reporting
 * process and database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManySitesEndToEndTest {

    /** The sites, each in its own time zone, so that each day closes at its own local midnight. */
    private static final Map<String, ZoneId> SITES = sites();
    private static final String CUT_SITE = "hq";
    private static final LocalTime CUT_FROM = LocalTime.of(10, 0);
    private static final LocalTime CUT_UNTIL = LocalTime.of(17, 0);
    private static final int PEOPLE = 25;
    /**
     * The decision latency asserted for the badges of the cut. The benchmark's goal for the door-gateway, p99 &lt; 5 ms
     * at 500 badges/s (BENCHMARKS.md), is measured on a machine that does nothing else; here three brokers, four
     * services, PostgreSQL, two simulators and other builds share two cores, so the test holds the decisions of the
     * cut to the benchmark's budget under load instead — decision p99 &lt; 200 ms in the pipeline phase, what an OSDP
     * reader allows for a reply — and the 95th percentile to half of it (with TCP_NODELAY at the brokers a
     * decision here takes a few milliseconds: p95 9–28 ms on an idle machine, the JIT still cold). The 5 ms goal is
     * printed beside the figures.
     */
    private static final Duration READER_BUDGET = Duration.ofMillis(200);
    private static final Duration TYPICAL_BUDGET = Duration.ofMillis(100);
    private static final Duration BENCH_GOAL = Duration.ofMillis(5);
    private static final List<String> SITE_SERVICES = List.of(DoorGatewayService.NAME, LockoutMonitorService.NAME);

    private PostgresProcess postgres;
    private BridgedSites brokers;
    private Path dir;

    private static Map<String, ZoneId> sites() {
        Map<String, ZoneId> sites = new LinkedHashMap<>();
        sites.put("hq", ZoneId.of("Asia/Tokyo"));
        sites.put("london", ZoneId.of("Europe/London"));
        return sites;
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("officeguard-many-sites-");
        postgres = PostgresProcess.start();
        brokers = BridgedSites.start(List.copyOf(SITES.keySet()));
    }

    @AfterAll
    void stop() throws IOException {
        if (brokers != null) {
            brokers.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void a_cut_line_delays_the_reports_at_the_centre_and_no_door() throws Exception {
        playADayAtEachSite(LocalDate.of(2026, 11, 25), "cut", false);
    }

    @Test
    void reporting_killed_during_the_catch_up_still_reports_everything_once() throws Exception {
        playADayAtEachSite(LocalDate.of(2026, 11, 26), "kill", true);
    }

    /** One site of a run: its day, its services, its simulator and what watches its play. */
    private record Site(String id, ZoneId zone, Scenario scenario, OfficeguardApp services, int httpPort,
            Simulator simulator, PlayWatch watch) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            simulator.close();
            services.close();
        }
    }

    private void playADayAtEachSite(LocalDate day, String run, boolean killReporting) throws Exception {
        long startedNanos = System.nanoTime();
        Path runDir = Files.createDirectories(dir.resolve(run));
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, ZoneId> site : SITES.entrySet()) {
            Path file = runDir.resolve(site.getKey() + ".yaml");
            Files.writeString(file, SampleSite.yaml(PEOPLE, day, site.getKey(), site.getValue()));
            files.put(site.getKey(), file);
        }
        Instant cutFrom = day.atTime(CUT_FROM).atZone(SITES.get(CUT_SITE)).toInstant();
        Instant cutUntil = day.atTime(CUT_UNTIL).atZone(SITES.get(CUT_SITE)).toInstant();
        ExecutorService threads = Executors.newFixedThreadPool(SITES.size() + 1);
        Map<String, Site> sites = new LinkedHashMap<>();
        // reporting's JVM starts while the sites' services start in this one
        try (CentralReporting reporting = CentralReporting.start(List.copyOf(files.values()), brokers.centralUrl(),
                        brokers.password("officeguard"), postgres.createDatabase("many_sites_" + run), postgres.user(),
                        runDir, "central-" + run);
                TestMqttClient reports = TestMqttClient.connect(brokers.centralUrl(), "many-reports-" + run,
                        "simulator", brokers.password("simulator"), null).subscribe("office/+/report/" + day)) {
            CatchUp catchUp = killReporting ? new CatchUp(reporting, threads) : null;
            try {
                long seed = 23;
                for (String id : SITES.keySet()) {
                    PlayWatch watch = !id.equals(CUT_SITE) ? PlayWatch.uncut() : PlayWatch.cutting(cutFrom, cutUntil,
                            () -> cutTheLine(id), () -> restoreTheLine(id, cutFrom, reporting, catchUp));
                    sites.put(id, startSite(id, files.get(id), day, seed++, run, watch));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> sites.values().stream()
                        .allMatch(site -> site.services().ready()));
                reporting.awaitHealthy();

                Map<String, Simulator.Result> played = playAtOnce(sites.values(), threads);
                assertTrue(sites.get(CUT_SITE).watch().wasCutAndRestored(), "the line was cut and restored");
                if (catchUp != null) {
                    assertTrue(catchUp.restarted != null, "reporting was killed during the catch-up");
                    catchUp.restarted.get(120, TimeUnit.SECONDS);
                    assertTrue(catchUp.watermarkAtKill.isBefore(cutUntil), "reporting was killed while hq's backlog"
                            + " was arriving (its hq event time then: " + catchUp.watermarkAtKill + ")");
                }

                long playedNanos = System.nanoTime();
                List<String> verified = new ArrayList<>();
                for (Site site : sites.values()) {
                    verified.add(verifyFinalReport(site, day, reports, played.get(site.id())));
                }
                long reportedNanos = System.nanoTime();
                PlayWatch cut = sites.get(CUT_SITE).watch();
                String figures = assertDecisionsWithinBudget(cut.duringCut());

                System.out.printf("many sites (%s): %s's line cut from %s to %s; reporting %s%n", run, CUT_SITE,
                        CUT_FROM, CUT_UNTIL, catchUp == null ? "undisturbed" : "killed (SIGKILL) at "
                                + catchUp.watermarkAtKill.atZone(SITES.get(CUT_SITE)).toLocalTime()
                                + " of hq's backlog, and restarted");
                System.out.printf("  decisions during the cut: %s (asserted: p95 < %d ms, p99 < %d ms; the bench's"
                        + " goal on an idle machine: p99 < %d ms)%n", figures, TYPICAL_BUDGET.toMillis(),
                        READER_BUDGET.toMillis(), BENCH_GOAL.toMillis());
                System.out.printf("  decisions otherwise at %s: %s%n", CUT_SITE, PlayWatch.describe(cut.otherwise()));
                verified.forEach(line -> System.out.println("  " + line));
                JsonNode health = reporting.health().at("/services/reporting");
                System.out.printf("  central reporting%s: %d violations stored, %d duplicates ignored, %d after their"
                        + " day closed%n", catchUp == null ? "" : " since its restart",
                        health.path("violationsStored").asLong(), health.path("duplicatesIgnored").asLong(),
                        health.path("afterDayClosed").asLong());
                System.out.printf(Locale.ROOT, "  took %.1f s: the plays %s, the final reports %.1f s after%n",
                        (System.nanoTime() - startedNanos) / 1e9, played.entrySet().stream().map(play -> String.format(
                                Locale.ROOT, "%s %.1f s", play.getKey(), play.getValue().took().toMillis() / 1e3)).toList(),
                        (reportedNanos - playedNanos) / 1e9);
            } catch (Throwable e) {
                System.out.println("central reporting's log:\n" + reporting.log());
                throw e;
            } finally {
                for (Site site : sites.values()) {
                    site.close();
                }
                threads.shutdownNow();
            }
        }
    }

    /** The site's door-gateway and lockout-monitor in this JVM at the site's broker, and its simulator there. */
    private Site startSite(String id, Path file, LocalDate day, long seed, String run, PlayWatch watch)
            throws Exception {
        SiteConfig config = SiteConfigLoader.load(file);
        int port = FreePort.next();
        OfficeguardApp services = OfficeguardApp.start(AppConfig.defaults(List.of(config), brokers.siteUrl(id),
                                file.resolveSibling(id), SITE_SERVICES)
                        .withHttp("127.0.0.1", port, null)
                        .withClientIdPrefix(id + "-" + run)
                        .withMqttCredentials("officeguard", brokers.password("officeguard")),
                List.of(new DoorGatewayService(), new LockoutMonitorService()));
        Simulator simulator = Simulator.connect(brokers.siteUrl(id), "many-sim-" + id + "-" + run, "office", id,
                "simulator", brokers.password("simulator").toCharArray());
        return new Site(id, config.timezone(), Scenario.generate(config, day, 1, seed, LapseRates.defaults()),
                services, port, simulator, watch);
    }

    /** Plays each site's day at its broker, all at once; returns how each play went. */
    private static Map<String, Simulator.Result> playAtOnce(Collection<Site> sites, ExecutorService threads)
            throws Exception {
        Map<String, Future<Simulator.Result>> plays = new LinkedHashMap<>();
        for (Site site : sites) {
            Simulator.Options options = Simulator.Options.maxSpeed().withListener(site.watch())
                    .withDayCloseHook(closing -> awaitSiteServices(site, site.watch().lastSent()));
            plays.put(site.id(), threads.submit(() -> site.simulator().play(site.scenario(), options)));
        }
        Map<String, Simulator.Result> played = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Simulator.Result>> play : plays.entrySet()) {
            played.put(play.getKey(), play.getValue().get(120, TimeUnit.SECONDS));
        }
        return played;
    }

    /** The decisions of the cut within the budget ({@link #TYPICAL_BUDGET}, {@link #READER_BUDGET}); their figures. */
    private static String assertDecisionsWithinBudget(List<Duration> latencies) {
        String figures = PlayWatch.describe(latencies);
        assertFalse(latencies.isEmpty(), "badges were played during the cut");
        assertTrue(PlayWatch.percentile(latencies, 95).compareTo(TYPICAL_BUDGET) < 0,
                "decisions during the cut: " + figures + "; p95 must be under " + TYPICAL_BUDGET.toMillis() + " ms");
        assertTrue(PlayWatch.percentile(latencies, 99).compareTo(READER_BUDGET) < 0,
                "decisions during the cut: " + figures + "; p99 must be under " + READER_BUDGET.toMillis() + " ms");
        return figures;
    }

    /**
     * Before the tick that closes a day: the site's services have taken everything sent before it, so that what they
     * report of the day is on the site's broker (and in the bridge's queue) ahead of that tick.
     */
    private static void awaitSiteServices(Site site, Instant sent) {
        for (String service : SITE_SERVICES) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
                String watermark = LocalHttp.json(site.httpPort(), "/health")
                        .at("/services/" + service + "/sites/" + site.id() + "/watermark").asText(null);
                return watermark != null && !OffsetDateTime.parse(watermark).toInstant().isBefore(sent);
            });
        }
    }

    private void cutTheLine(String site) {
        brokers.line(site).cut();
        await().atMost(Duration.ofSeconds(30)).until(() -> !brokers.bridgeConnected(site));
    }

    /**
     * Restores the line, after checking that nothing of the site past the cut reached the centre meanwhile; with
     * {@code catchUp}, kills the central reporting once the site's backlog is arriving and starts it again.
     */
    private void restoreTheLine(String site, Instant cutFrom, CentralReporting reporting, CatchUp catchUp)
            throws Exception {
        Instant atCentre = reporting.watermark(site);
        assertTrue(atCentre == null || atCentre.isBefore(cutFrom),
                "nothing of " + site + " past the cut reached the centre while its line was down: " + atCentre);
        brokers.line(site).restore();
        if (catchUp != null) {
            catchUp.killOnceArriving(site, cutFrom);
        }
    }

    /** The central reporting killed during a site's catch-up and started again: when, and the restart. */
    private static final class CatchUp {
        private final CentralReporting reporting;
        private final ExecutorService threads;
        private volatile Instant watermarkAtKill;
        private volatile CompletableFuture<Void> restarted;

        CatchUp(CentralReporting reporting, ExecutorService threads) {
            this.reporting = reporting;
            this.threads = threads;
        }

        /**
         * Kills reporting (SIGKILL) as soon as its event time for {@code site} is past {@code cutFrom}: the backlog is
         * arriving. Starts it again in the background, while the sites play on.
         */
        void killOnceArriving(String site, Instant cutFrom) {
            watermarkAtKill = await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                    .until(() -> reporting.watermark(site), watermark -> watermark != null && watermark.isAfter(cutFrom));
            reporting.kill9();
            restarted = CompletableFuture.runAsync(reporting::restart, threads);
        }
    }

    /**
     * The site's final report at the centre against the simulator: precision and recall 1.000, each violation once,
     * each decision counted once. Returns a line saying what was verified.
     */
    private static String verifyFinalReport(Site site, LocalDate day, TestMqttClient reports, Simulator.Result played)
            throws Exception {
        String topic = "office/" + site.id() + "/report/" + day;
        await().atMost(Duration.ofSeconds(90)).until(() -> !reports.received(topic).isEmpty());
        List<TestMqttClient.Received> published = reports.received(topic);
        JsonNode report = Payloads.JSON.readTree(published.get(0).payload());
        assertTrue(report.path("final").asBoolean(), site.id() + ": the report published is final");
        assertEquals(1, published.size(), site.id() + ": the final report is published once");
        assertEquals(site.zone().getId(), report.path("timezone").asText(), site.id() + ": the day is the site's own");

        assertEquals(List.of(), played.unexpectedDecisions(), site.id() + ": every door decided as the model says");
        assertEquals(0, played.decisionTimeouts(), site.id() + ": every badge was answered");
        GroundTruth truth = site.scenario().truth();
        Verify.Result verify = Verify.compare(truth, List.of(report));
        assertTrue(verify.perfect(), site.id() + " against the ground truth:\n" + Verify.table(verify));
        assertEquals(1.0, verify.total().precision());
        assertEquals(1.0, verify.total().recall());

        List<String> ids = new ArrayList<>();
        report.path("violations").forEach(violation -> ids.add(violation.path("id").asText()));
        long expected = truth.violations().stream().filter(item -> item.date().equals(day)).count();
        assertEquals(ids.size(), new HashSet<>(ids).size(), site.id() + ": no violation twice: " + ids);
        assertEquals(expected, ids.size(), site.id() + ": as many violations as the simulator caused");
        assertEquals(expected, report.at("/totals/violations").asLong(), site.id() + ": the total counts each once");

        ZoneId zone = site.zone();
        List<DeviceMessage> badges = site.scenario().messages().stream()
                .filter(m -> m.kind() == DeviceMessage.Kind.BADGE && m.ts().atZone(zone).toLocalDate().equals(day))
                .toList();
        long granted = badges.stream().filter(DeviceMessage::expectGranted).count();
        assertEquals(granted, report.at("/activity/passagesGranted").asLong(), site.id() + ": passages granted");
        assertEquals(badges.size() - granted, report.at("/activity/passagesDenied").asLong(),
                site.id() + ": passages denied");
        return String.format(Locale.ROOT, "%s (%s): %d inputs played; %d violations, precision %.3f, recall %.3f,"
                        + " ids unique; %d passages granted and %d denied, as played", site.id(), zone,
                played.published(), ids.size(), verify.total().precision(), verify.total().recall(), granted,
                badges.size() - granted);
    }
}
