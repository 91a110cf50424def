package org.officeguard.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.monitor.ExampleDayEngines;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;
import org.officeguard.simulator.Verify;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Nothing lost, nothing doubled: a simulated office day (the sample site, event clock) played against the
 * three services, each a process of its own, while each is killed with SIGKILL in turn at a random point and
 * restarted, the broker (Mosquitto with persistence) is restarted once, and a batch of earlier messages is
 * delivered again. The final report equals the undisturbed run's, violation for violation (the same ids, the
 * same count), and the simulator's ground truth at precision and recall 1.0.
 */
class FaultToleranceTest {

    private static final List<String> SERVICES = List.of("door-gateway", "lockout-monitor", "reporting");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void killed_services_a_restarted_broker_and_duplicates_leave_the_report_exact() throws Exception {
        Path dir = Files.createTempDirectory("officeguard-fault-");
        Path yaml = dir.resolve("hq.yaml");
        Files.writeString(yaml, SampleSite.yaml(20, DAY));
        SiteConfig site = SiteConfigLoader.load(yaml);
        Scenario scenario = Scenario.generate(site, DAY, 1, 6, LapseRates.defaults());
        List<DeviceMessage> day = scenario.messages();
        Instant closes = Scenario.closesAt(site, DAY);
        Random random = new Random(6);
        int quarter = day.size() / 4;
        int[] killAt = {1 + random.nextInt(quarter), quarter + random.nextInt(quarter), 2 * quarter + random.nextInt(quarter)};
        int brokerAt = 3 * quarter + random.nextInt(quarter / 2);
        int duplicatesAt = brokerAt + 5;
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
                Instant last = null;
                for (int i = 0; i < day.size(); i++) {
                    DeviceMessage m = day.get(i);
                    if (last != null && !m.ts().isBefore(closes) && last.isBefore(closes)) {
                        // the tick that closes the day: first let the rule services catch up with the day
                        Instant caughtUp = last;
                        for (String s : List.of("door-gateway", "lockout-monitor")) {
                            running.get(s).awaitWatermark(s, caughtUp);
                        }
                    }
                    device.publish(m.topic(), m.payload());
                    last = m.ts();
                    for (int k = 0; k < SERVICES.size(); k++) {
                        if (i == killAt[k]) {
                            String s = SERVICES.get(k);
                            running.get(s).kill9();          // right after a message: mid-work, unacknowledged
                            running.put(s, ServiceProcess.start(s, yaml, broker.url(), dir));
                            faults++;
                        }
                    }
                    if (m.kind() == DeviceMessage.Kind.BADGE) {
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
                        for (int j = 0; j < 50; j++) {
                            DeviceMessage again = day.get(random.nextInt(i));
                            if (again.kind() != DeviceMessage.Kind.CLOCK) {
                                device.publish(again.topic(), again.payload());
                                faults++;
                            }
                        }
                    }
                }
                TestMqttClient reports = observer;
                JsonNode report = Payloads.JSON.readTree(await().atMost(Duration.ofSeconds(60))
                        .until(() -> reports.received("office/hq/report/" + DAY), l -> !l.isEmpty()).get(0).payload());

                Verify.Result verify = Verify.compare(scenario.truth(), List.of(report));
                assertTrue(verify.perfect(), "against the ground truth:\n" + Verify.table(verify));
                TreeSet<String> ids = new TreeSet<>();
                report.get("violations").forEach(v -> ids.add(v.get("id").asText()));
                assertEquals(undisturbedIds(site, day), ids, "the same violations, by id, as an undisturbed run");
                System.out.printf("fault test: %d events played, %d violations, %d faults injected (3 kill -9,"
                        + " 1 broker restart, %d duplicates)%n", day.size(), ids.size(), faults, faults - 4);
            } finally {
                device.close();
                observer.close();
                running.values().forEach(ServiceProcess::kill9);
            }
        }
    }

    /** The violation ids of the day from the rule engines alone, undisturbed. */
    private static TreeSet<String> undisturbedIds(SiteConfig site, List<DeviceMessage> day) {
        List<ExampleDay.Message> messages = day.stream().map(m -> new ExampleDay.Message(m.topic(), m.text())).toList();
        TreeSet<String> ids = new TreeSet<>();
        ExampleDayEngines.violations(ExampleDayEngines.run(site, messages)).stream()
                .filter(v -> v.ts().atZone(site.timezone()).toLocalDate().equals(DAY))
                .forEach(v -> ids.add(v.id()));
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

        /** Waits until the service's event time for the site has reached {@code ts}. */
        void awaitWatermark(String service, Instant ts) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                String w = LocalHttp.json(port, "/health").at("/services/" + service + "/sites/hq/watermark").asText(null);
                return w != null && !OffsetDateTime.parse(w).toInstant().isBefore(ts);
            });
        }

        void awaitHealthy() {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("service exited with " + process.exitValue());
                }
                return LocalHttp.get(port, "/health").statusCode() == 200;
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
