package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.officeguard.runtime.AppConfig;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked twice over: Debian's
 * docker-compose validates the file, and every officeguard service in it runs a command that this
 * project's own command line accepts, with the config file it mounts.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of(
            "OFFICEGUARD_MQTT_PASSWORD", "test-only", "SIMULATOR_MQTT_PASSWORD", "test-only",
            "POSTGRES_PASSWORD", "test-only", "OFFICEGUARD_REPORT_TOKEN", "test-only");

    @Test
    void docker_compose_validates_the_file() throws Exception {
        Path binary = Path.of("/usr/bin/docker-compose");
        assumeTrue(Files.isExecutable(binary), "docker-compose is installed by ./officeguard test");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-f", ROOT.resolve("docker-compose.yml").toString(),
                "config", "--quiet").redirectErrorStream(true);
        pb.environment().putAll(ENV);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "docker-compose config: " + out);
    }

    @Test
    void each_service_runs_a_serve_command_the_launcher_accepts() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        List<String> served = new ArrayList<>();
        for (var it = compose.get("services").fields(); it.hasNext(); ) {
            var service = it.next();
            JsonNode command = service.getValue().get("command");
            if (command == null || !command.get(1).asText().equals("serve")) {
                continue;
            }
            assertEquals("./officeguard", command.get(0).asText(), service.getKey());
            List<String> args = new ArrayList<>();
            for (int i = 1; i < command.size(); i++) {
                args.add(command.get(i).asText().replace("/config/", ROOT.resolve("deploy/config") + "/"));
            }
            CommandLine cl = CommandLine.parse(args.toArray(String[]::new), Officeguard.OPTIONS, Set.of());
            AppConfig config = Officeguard.appConfig(cl, ENV);
            assertEquals(List.of(service.getKey()), config.services(), "each container runs its own service");
            assertEquals("tcp://mosquitto:1883", config.brokerUrl());
            assertEquals("officeguard", config.mqttUser());
            assertFalse(config.reportToken() == null, "bound to 0.0.0.0, so a report token is required");
            served.add(service.getKey());
        }
        assertEquals(List.of("door-gateway", "lockout-monitor", "reporting", "device-bridge"), served);
        JsonNode reportingEnv = compose.at("/services/reporting/environment");
        for (String smtp : List.of("OFFICEGUARD_SMTP_URL", "OFFICEGUARD_SMTP_USER", "OFFICEGUARD_SMTP_PASSWORD",
                "OFFICEGUARD_MAIL_FROM")) {
            assertEquals("${" + smtp + ":-}", reportingEnv.path(smtp).asText(), "reporting takes " + smtp
                    + " from the environment, empty when unset");
        }
        assertTrue(compose.at("/services/mosquitto/image").asText().startsWith("eclipse-mosquitto"));
        assertTrue(compose.at("/services/postgres/image").asText().startsWith("postgres"));
    }
}
