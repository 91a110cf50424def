package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/java-opts.sh} picks each JVM's collector from the command it will run: Parallel GC where a door waits
 * on the JVM (the door-gateway, the embedded broker), Serial GC for a JVM that serves only the lockout-monitor and/or
 * reporting against an external broker (docs/decisions.md).
 */
class JavaOptsScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final String BROKER = "tcp://mqtt.example:1883";

    @Test
    void a_jvm_that_a_door_waits_on_gets_parallel_gc() throws Exception {
        assertEquals("-XX:+UseParallelGC", javaOpts(null, "serve", "--config", "x.yaml", "--broker", BROKER));
        assertEquals("-XX:+UseParallelGC",
                javaOpts(null, "serve", "--broker", BROKER, "--services", "reporting,door-gateway"));
        assertEquals("-XX:+UseParallelGC", javaOpts(null, "demo"));
        // without --broker the JVM runs the embedded broker, which every badge passes through
        assertEquals("-XX:+UseParallelGC", javaOpts(null, "serve", "--services", "reporting"));
    }

    @Test
    void a_jvm_that_serves_only_the_monitor_or_reporting_gets_the_serial_collector() throws Exception {
        assertEquals("-XX:+UseSerialGC", javaOpts(null, "serve", "--broker", BROKER, "--services", "reporting"));
        assertEquals("-XX:+UseSerialGC", javaOpts(null, "serve", "--broker=" + BROKER, "--services=lockout-monitor, reporting"));
        // the launcher takes the first --services
        assertEquals("-XX:+UseSerialGC", javaOpts(null, "serve", "--broker", BROKER, "--services", "reporting",
                "--services", "door-gateway"));
    }

    @Test
    void a_collector_named_in_officeguard_java_opts_wins() throws Exception {
        assertEquals("-Xmx256m -XX:+UseG1GC",
                javaOpts("-Xmx256m -XX:+UseG1GC", "serve", "--broker", BROKER, "--services", "reporting"));
        assertEquals("-XX:+UseSerialGC -Xmx256m", javaOpts("-Xmx256m", "serve", "--broker", BROKER, "--services", "reporting"));
    }

    @Test
    void each_docker_compose_service_gets_the_collector_of_its_service() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        String opts = compose.at("/x-officeguard/environment/OFFICEGUARD_JAVA_OPTS").asText();
        for (String service : List.of("door-gateway", "lockout-monitor", "reporting")) {
            JsonNode command = compose.at("/services/" + service + "/command");
            List<String> args = new ArrayList<>();
            for (int i = 1; i < command.size(); i++) {
                args.add(command.get(i).asText());
            }
            String expected = service.equals("door-gateway") ? "-XX:+UseParallelGC" : "-XX:+UseSerialGC";
            assertEquals(expected + " " + opts, javaOpts(opts, args.toArray(String[]::new)), service);
        }
    }

    /** JAVA_OPTS as {@code ./officeguard} would start its JVM with for these arguments. */
    private static String javaOpts(String officeguardJavaOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "source scripts/java-opts.sh \"$@\" && printf %s \"$JAVA_OPTS\"", "java-opts"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().remove("OFFICEGUARD_JAVA_OPTS");
        if (officeguardJavaOpts != null) {
            pb.environment().put("OFFICEGUARD_JAVA_OPTS", officeguardJavaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.trim();
    }
}
