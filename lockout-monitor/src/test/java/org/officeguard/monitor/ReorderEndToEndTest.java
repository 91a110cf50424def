package org.officeguard.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The lockout-monitor over a real broker, fed the example day's monitor inputs (the gateway's decisions,
 * the PC reports, the exit panel, the clock) once in order and then shuffled within a 3-second window of
 * {@code ts}: both runs give exactly the expected monitor violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReorderEndToEndTest {

    private Path dir;

    private MosquittoProcess broker;
    private TestMqttClient device;
    private TestMqttClient observer;
    private SiteConfig site;

    /** One message the monitor takes, with the ts it carries. */
    private record Input(Instant ts, String topic, String payload) {}

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("officeguard-test-");
        broker = MosquittoProcess.start();
        site = SiteConfigLoader.parse(ExampleDay.siteYaml(), "hq.yaml");
        String prefix = "reorder-" + UUID.randomUUID().toString().substring(0, 8);
        device = TestMqttClient.connect(broker.url(), prefix + "-device");
        observer = TestMqttClient.connect(broker.url(), prefix + "-observer").subscribe("+/hq/violation/+", "+/hq/deadletter");
    }

    @AfterAll
    void stop() throws Exception {
        device.close();
        observer.close();
        broker.close();
    }

    @Test
    void ordered_day_gives_the_expected_monitor_violations() throws Exception {
        assertEquals(expectedMonitorViolations(), play("ordered", inputs()));
    }

    @Test
    void day_shuffled_within_three_seconds_gives_the_same_violations() throws Exception {
        Random random = new Random(20261125);
        List<Input> shuffled = new ArrayList<>(inputs());
        // each input may overtake any other stamped up to 3 s after it: sort on ts + a jitter of 0..3 s
        List<long[]> keys = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            keys.add(new long[] {shuffled.get(i).ts().toEpochMilli() + random.nextInt(3001), i});
        }
        keys.sort(Comparator.comparingLong(k -> k[0]));
        List<Input> order = keys.stream().map(k -> shuffled.get((int) k[1])).toList();
        // and, so that the test bites on this sparse day, every run of inputs within 3 s is reversed
        List<Input> reversed = reverseRunsWithin(order, Duration.ofSeconds(3));
        assertEquals(expectedMonitorViolations(), play("shuffled", reversed));
    }

    /** Publishes the inputs under a topic root of their own to a fresh monitor; returns its violations. */
    private List<String> play(String root, List<Input> inputs) throws Exception {
        AppConfig config = AppConfig.defaults(List.of(site), broker.url(), dir.resolve(root), List.of(LockoutMonitorService.NAME))
                .withHttp("127.0.0.1", FreePort.next(), null).withClientIdPrefix(root + "-" + UUID.randomUUID())
                .withTopicRoot(root);
        try (OfficeguardApp app = OfficeguardApp.start(config, List.of(new LockoutMonitorService()))) {
            await().atMost(Duration.ofSeconds(20)).until(app::ready);
            for (Input in : inputs) {
                device.publish(root + in.topic().substring("office".length()), in.payload());
            }
            int want = expectedMonitorViolations().size();
            String filter = root + "/hq/violation/+";
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(want, observer.received(filter).size()));
            assertEquals(0, observer.received(root + "/hq/deadletter").size(), "nothing dead-lettered");
            return observer.received(filter).stream().map(r -> line(json(r.text()))).sorted().toList();
        }
    }

    /** The monitor's view of the day: the gateway's decisions in place of the badges, everything else as is. */
    private List<Input> inputs() {
        Topics topics = new Topics("office");
        List<Input> out = new ArrayList<>();
        for (ExampleDayEngines.Step step : ExampleDayEngines.run()) {
            ExampleDay.Message m = step.input();
            byte[] p = m.payload().getBytes(StandardCharsets.UTF_8);
            switch (step.address().kind()) {
                case BADGE -> out.add(new Input(step.decision().ts(), topics.decision("hq", step.decision().door()),
                        new String(Payloads.write(step.decision(), site.timezone()), StandardCharsets.UTF_8)));
                case CLOCK -> out.add(new Input(Payloads.clock(p), m.topic(), m.payload()));
                case LAST_EXIT -> out.add(new Input(Payloads.lastExit(p).ts(), m.topic(), m.payload()));
                case PC_STATE -> out.add(new Input(Payloads.pcState(p, step.address().name()).ts(), m.topic(), m.payload()));
                default -> { } // visitor registrations are the gateway's alone
            }
        }
        return out;
    }

    private static List<Input> reverseRunsWithin(List<Input> in, Duration window) {
        List<Input> out = new ArrayList<>();
        int i = 0;
        while (i < in.size()) {
            int j = i + 1;
            while (j < in.size() && Duration.between(in.get(i).ts(), in.get(j).ts()).abs().compareTo(window) <= 0) {
                j++;
            }
            List<Input> run = new ArrayList<>(in.subList(i, j));
            java.util.Collections.reverse(run);
            out.addAll(run);
            i = j;
        }
        return out;
    }

    private static List<String> expectedMonitorViolations() {
        List<String> out = new ArrayList<>();
        for (JsonNode v : ExampleDay.expectedReport().get("violations")) {
            String rule = v.get("rule").asText();
            if (rule.equals("SCREEN_LOCK_IDLE") || rule.equals("LEFT_PC_UNLOCKED") || rule.startsWith("LOCKUP_")
                    || rule.equals("PC_LEFT_ON")) {
                out.add(line(v));
            }
        }
        return out.stream().sorted().toList();
    }

    private static String line(JsonNode v) {
        return v.get("ts").asText() + " " + v.get("rule").asText() + " " + v.get("badge").asText() + " "
                + v.get("subject").asText();
    }

    private static JsonNode json(String text) {
        try {
            return Payloads.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
