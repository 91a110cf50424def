package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.ExampleDayEngines;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.JsonSubset;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Nothing lost, nothing doubled: the example day played (event clock) against the three services, each a
 * process of its own, while each is killed with SIGKILL in turn at a random point and restarted, the
 * broker (Mosquitto with persistence) is restarted once, and a batch of earlier messages is delivered
 * again. The final report equals the undisturbed run's: the expected file, and the same violation ids.
 */
class FaultToleranceTest {

    private static final List<String> SERVICES = List.of("door-gateway", "lockout-monitor", "reporting");

    @Test
    void killed_services_a_restarted_broker_and_duplicates_leave_the_report_exact() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-fault-");
        Path yaml = ExampleDay.writeSiteYaml(dir);
        List<ExampleDay.Message> day = ExampleDay.messages();
        Random random = new Random(6);
        // one kill point per service, in turn, then the broker restart and the duplicates
        int third = day.size() / 4;
        int[] killAt = {1 + random.nextInt(third), third + random.nextInt(third), 2 * third + random.nextInt(third)};
        int brokerAt = 3 * third + random.nextInt(third / 2);
        int duplicatesAt = brokerAt + 2;
        int faults = 0;

        try (MosquittoProcess broker = MosquittoProcess.start("persistence true\npersistence_location " + dir + "/\n")) {
            Map<String, ServiceProcess> running = new LinkedHashMap<>();
            for (String s : SERVICES) {
                running.put(s, ServiceProcess.start(s, yaml, broker.url(), dir));
            }
            TestMqttClient device = TestMqttClient.connect(broker.url(), "fault-device");
            TestMqttClient observer = TestMqttClient.connect(broker.url(), "fault-observer")
                    .subscribe("office/hq/door/+/decision", "office/hq/report/+");
            try {
                for (int i = 0; i < day.size(); i++) {
                    ExampleDay.Message m = day.get(i);
                    device.publish(m.topic(), m.payload());
                    for (int k = 0; k < SERVICES.size(); k++) {
                        if (i == killAt[k]) {
                            String s = SERVICES.get(k);
                            running.get(s).kill9();          // right after a message: mid-work, unacknowledged
                            running.put(s, ServiceProcess.start(s, yaml, broker.url(), dir));
                            faults++;
                        }
                    }
                    if (m.isBadge()) {
                        String id = m.eventId();
                        TestMqttClient decisions = observer;
                        await().atMost(Duration.ofSeconds(60)).until(() -> decisions.received("office/hq/door/+/decision")
                                .stream().anyMatch(r -> r.text().contains("\"" + id + "\"")));
                    }
                    if (i == brokerAt) {
                        device.close();
                        observer.close();
                        broker.restart();
                        faults++;
                        device = TestMqttClient.connect(broker.url(), "fault-device");
                        observer = TestMqttClient.connect(broker.url(), "fault-observer")
                                .subscribe("office/hq/door/+/decision", "office/hq/report/+");
                        for (ServiceProcess p : running.values()) {
                            p.awaitHealthy();
                        }
                    }
                    if (i == duplicatesAt) {
                        for (int j = 0; j < 12; j++) {
                            ExampleDay.Message again = day.get(random.nextInt(i));
                            if (!again.topic().endsWith("/clock")) {
                                device.publish(again.topic(), again.payload());
                                faults++;
                            }
                        }
                    }
                }
                TestMqttClient reports = observer;
                JsonNode report = Payloads.JSON.readTree(await().atMost(Duration.ofSeconds(60))
                        .until(() -> reports.received("office/hq/report/2026-11-25"), l -> !l.isEmpty()).get(0).payload());
                JsonSubset.assertMatches(ExampleDay.expectedReport(), report);
                TreeSet<String> ids = new TreeSet<>();
                report.get("violations").forEach(v -> ids.add(v.get("id").asText()));
                assertEquals(undisturbedIds(), ids, "the same violations, by id, as an undisturbed run");
                System.out.printf("fault test: %d events played, %d faults injected (3 kill -9, 1 broker restart,"
                        + " %d duplicates)%n", day.size(), faults, faults - 4);
            } finally {
                device.close();
                observer.close();
                running.values().forEach(ServiceProcess::kill9);
            }
        }
    }

    /** The violation ids of the example day, from the rule engines alone. */
    private static TreeSet<String> undisturbedIds() {
        TreeSet<String> ids = new TreeSet<>();
        ExampleDayEngines.violations().forEach(v -> ids.add(v.id()));
        return ids;
    }

    /** One service in a JVM of its own, as {@code ./officeguard serve --services NAME} runs it. */
    private static final class ServiceProcess {
        private final Process process;
        private final int port;

        private ServiceProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ServiceProcess start(String service, Path yaml, String broker, Path dir) throws Exception {
            int port = FreePort.next();
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Officeguard.class.getName(),
                    "serve", "--config", yaml.toString(), "--broker", broker, "--clock", "event",
                    "--services", service, "--http-port", Integer.toString(port),
                    "--data", dir.resolve(service).toString(), "--client-id-prefix", "fault"));
            File log = dir.resolve(service + ".log").toFile();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            ServiceProcess sp = new ServiceProcess(p, port);
            sp.awaitHealthy();
            return sp;
        }

        void awaitHealthy() {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("service exited with " + process.exitValue());
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            });
        }

        /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker. */
        void kill9() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
