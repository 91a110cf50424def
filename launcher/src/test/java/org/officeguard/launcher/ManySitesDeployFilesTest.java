package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.ClockMode;
import org.officeguard.testsupport.BridgedSites;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The many-site compose files, deploy/site/docker-compose.yml and deploy/central/docker-compose.yml, as shipped and as
 * deploy/add-site.sh changes them for two sites (on a copy of the deploy folder): Debian's docker-compose validates
 * them (no Docker engine here, so nothing runs), and every officeguard service in them runs a command this project's
 * own command line accepts, with the site files it mounts. The brokers they mount are started from the same generated
 * files by BridgedSites (test-support's BridgedSitesTest), which is where {@code mosquitto -c} reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManySitesDeployFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");
    private static final List<String> SITES = List.of("tokyo", "osaka");
    private static final Map<String, String> ENV = Map.of(
            "OFFICEGUARD_MQTT_PASSWORD", "test-only", "POSTGRES_PASSWORD", "test-only",
            "OFFICEGUARD_REPORT_TOKEN", "test-only");

    private Path generated;

    @BeforeAll
    void generate(@TempDir Path dir) throws IOException {
        generated = BridgedSites.generateDeploy(dir.resolve("deploy"), SITES, "central.example.com",
                Map.of("bridge-tokyo", "test-only-password-1", "bridge-osaka", "test-only-password-2"));
        // the site files the compose files mount from deploy/config: the example site under each site's name
        String hq = Files.readString(ROOT.resolve("deploy/config/hq.yaml"), StandardCharsets.UTF_8);
        Path config = Files.createDirectories(generated.resolve("config"));
        for (String site : SITES) {
            assertTrue(hq.startsWith("site: hq\n"), "deploy/config/hq.yaml names its site first");
            Files.writeString(config.resolve(site + ".yaml"), hq.replaceFirst("site: hq\n", "site: " + site + "\n"),
                    StandardCharsets.UTF_8);
        }
    }

    @Test
    void docker_compose_validates_the_shipped_and_the_generated_files() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is installed by ./officeguard test");
        for (Path deploy : List.of(ROOT.resolve("deploy"), generated)) {
            dockerComposeConfig(deploy.resolve("central/docker-compose.yml"), Map.of());
            dockerComposeConfig(deploy.resolve("site/docker-compose.yml"), Map.of("SITE", "tokyo"));
        }
    }

    @Test
    void each_site_service_runs_a_serve_command_the_launcher_accepts_for_its_site() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is installed by ./officeguard test");
        for (String site : SITES) {
            JsonNode compose = resolved(generated.resolve("site/docker-compose.yml"), Map.of("SITE", site));
            Map<String, AppConfig> served = served(compose);
            assertEquals(Set.of("door-gateway", "lockout-monitor", "device-bridge"), served.keySet());
            served.forEach((service, config) -> {
                assertEquals(List.of(service), config.services(), "each container runs its own service");
                assertEquals(List.of(site), siteNames(config), service + " serves its own site");
                assertEquals("tcp://mosquitto:1883", config.brokerUrl(), "the site's own broker");
                assertEquals("officeguard", config.mqttUser());
                assertFalse(config.reportToken() == null, "bound to 0.0.0.0, so a report token is required");
                assertEquals("service_healthy", compose.at("/services/" + service + "/depends_on/mosquitto/condition")
                        .asText(), service + " waits for the broker");
            });
            JsonNode mosquitto = compose.at("/services/mosquitto");
            assertTrue(mosquitto.path("image").asText().startsWith("eclipse-mosquitto"));
            assertTrue(mosquitto.has("healthcheck"), "the services wait for a healthy broker");
            List<String> mounts = new ArrayList<>();
            mosquitto.path("volumes").forEach(volume -> mounts.add(volume.asText()));
            for (String file : List.of("bridge.conf", "acl")) {
                Path made = generated.resolve("site/" + site + "/" + file);
                assertTrue(Files.isRegularFile(made), "add-site.sh wrote " + made);
                assertTrue(mounts.stream().anyMatch(mount -> mount.startsWith(made + ":/mosquitto/config/")),
                        "the site's broker mounts " + made + ": " + mounts);
            }
            assertTrue(mounts.contains(generated.resolve("site/mosquitto.conf") + ":/mosquitto/config/mosquitto.conf:ro"),
                    mounts.toString());
            assertEquals("service_healthy", compose.at("/services/clock/depends_on/mosquitto/condition").asText());
        }
    }

    /**
     * The site's clock service, its shell script run here against the site's broker of {@link BridgedSites} instead
     * of the compose network's: its ticks, the site's wall time, reach the centre through the bridge.
     */
    @Test
    void the_site_clock_ticks_reach_the_centre_through_the_bridge() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is installed by ./officeguard test");
        JsonNode clock = resolved(generated.resolve("site/docker-compose.yml"), Map.of("SITE", "tokyo"))
                .at("/services/clock");
        assertTrue(clock.path("image").asText().startsWith("eclipse-mosquitto"), "mosquitto_pub comes with the broker");
        List<String> command = new ArrayList<>();
        clock.path("command").forEach(part -> command.add(part.asText()));
        assertEquals(List.of("sh", "-c"), command.subList(0, 2));
        String script = command.get(2).replace("$$", "$"); // docker-compose config prints $ escaped, as written
        assertTrue(script.contains("-h mosquitto -p 1883 "), script);
        try (BridgedSites sites = BridgedSites.start(List.of("tokyo"));
                TestMqttClient centre = TestMqttClient.connect(sites.centralUrl(), "clock-test-centre", "officeguard",
                        sites.password("officeguard"), null).subscribe("office/tokyo/clock")) {
            int port = URI.create(sites.siteUrl("tokyo")).getPort();
            ProcessBuilder builder = new ProcessBuilder("sh", "-c",
                    script.replace("-h mosquitto -p 1883 ", "-h 127.0.0.1 -p " + port + " ")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("OFFICEGUARD_MQTT_PASSWORD", sites.password("officeguard"));
            builder.environment().put("SITE", "tokyo");
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Process ticking = builder.start();
            try {
                TestMqttClient.Received tick = centre.awaitOne("office/tokyo/clock", received -> true);
                Instant ts = Payloads.clock(tick.payload());
                assertFalse(ts.isBefore(before), tick.text());
                assertFalse(ts.isAfter(Instant.now()), tick.text());
            } finally {
                ticking.descendants().forEach(ProcessHandle::destroy);
                ticking.destroy();
            }
        }
    }

    @Test
    void the_central_reporting_runs_a_serve_command_the_launcher_accepts_for_every_added_site() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "docker-compose is installed by ./officeguard test");
        JsonNode compose = resolved(generated.resolve("central/docker-compose.yml"), Map.of());
        Map<String, AppConfig> served = served(compose);
        assertEquals(Set.of("reporting"), served.keySet(), "the centre runs reporting only; the doors decide at the sites");
        AppConfig reporting = served.get("reporting");
        assertEquals(List.of("reporting"), reporting.services());
        assertEquals(SITES, siteNames(reporting), "every site add-site.sh added, once");
        assertEquals("tcp://mosquitto:1883", reporting.brokerUrl(), "the centre's broker");
        assertEquals(ClockMode.EVENT, reporting.clockMode(), "each site's days close on the site's time");
        assertEquals("officeguard", reporting.mqttUser());
        assertEquals("jdbc:postgresql://postgres:5432/officeguard", reporting.jdbcUrl());
        assertFalse(reporting.reportToken() == null, "bound to 0.0.0.0, so a report token is required");
        for (String dependency : List.of("mosquitto", "postgres")) {
            assertEquals("service_healthy", compose.at("/services/reporting/depends_on/" + dependency + "/condition")
                    .asText(), "reporting waits for " + dependency);
        }
        assertTrue(compose.at("/services/postgres/image").asText().startsWith("postgres"));

        // adding a site again changes nothing
        BridgedSites.addSite(generated, "tokyo", "central.example.com", "test-only-password-1");
        assertEquals(SITES, siteNames(served(resolved(generated.resolve("central/docker-compose.yml"), Map.of()))
                .get("reporting")));
        String acl = Files.readString(generated.resolve("central/acl"), StandardCharsets.UTF_8);
        assertEquals(1, acl.split("\nuser bridge-tokyo\n", -1).length - 1, "one block for bridge-tokyo:\n" + acl);
    }

    // ------------------------------------------------------------------ helpers

    /** Every service whose command is {@code ./officeguard serve ...}, with what the launcher makes of it. */
    private Map<String, AppConfig> served(JsonNode compose) throws Exception {
        Map<String, AppConfig> served = new LinkedHashMap<>();
        for (var it = compose.get("services").fields(); it.hasNext(); ) {
            var service = it.next();
            JsonNode command = service.getValue().get("command");
            if (command == null || !service.getValue().path("image").asText().startsWith("officeguard")) {
                continue;
            }
            assertEquals("./officeguard", command.get(0).asText(), service.getKey());
            assertEquals("serve", command.get(1).asText(), service.getKey());
            List<String> args = new ArrayList<>();
            for (int i = 1; i < command.size(); i++) {
                args.add(command.get(i).asText().replace("/config/", generated.resolve("config") + "/"));
            }
            CommandLine cl = CommandLine.parse(args.toArray(String[]::new), Officeguard.OPTIONS, Set.of());
            served.put(service.getKey(), Officeguard.appConfig(cl, ENV));
        }
        return served;
    }

    private static List<String> siteNames(AppConfig config) {
        return config.sites().stream().map(SiteConfig::site).toList();
    }

    /** The compose file as docker-compose reads it: variables filled in, paths made absolute. */
    private static JsonNode resolved(Path file, Map<String, String> env) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(dockerComposeConfig(file, env));
    }

    private static String dockerComposeConfig(Path file, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(COMPOSE.toString(), "-f", file.toString(), "config");
        Map<String, String> all = new HashMap<>(ENV);
        all.putAll(env);
        builder.environment().putAll(all);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        byte[] err = process.getErrorStream().readAllBytes(); // a few warnings at most
        assertEquals(0, process.waitFor(), "docker-compose -f " + file + " config: "
                + new String(err, StandardCharsets.UTF_8) + out);
        return out;
    }
}
