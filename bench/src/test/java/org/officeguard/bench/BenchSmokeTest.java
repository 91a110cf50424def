package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Payloads;

/**
 * The benchmark command in small: every phase of {@code ./officeguard bench} (raw relay, door-gateway, pipeline,
 * report, each service as its own JVM) on the embedded broker, started the way {@code scripts/bench.sh} starts it.
 * It checks that the bench still runs through and that it loses nothing; the speed targets are the bench's to judge
 * on a quiet machine (BENCHMARKS.md), not a test's.
 */
class BenchSmokeTest {

    /** The project's root: surefire runs in bench/, and the bench sources scripts/java-opts.sh from the root. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final int PEOPLE = 200;
    private static final int VIOLATIONS = 2_000;

    @Test
    void every_phase_runs_through_and_nothing_is_lost(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("bench.json");
        Path log = tmp.resolve("bench.log");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                // as scripts/bench.sh runs it, without the build: the collector of scripts/java-opts.sh, 1 GiB of heap
                "source scripts/java-opts.sh && exec \"$0\" -Xmx1g $JAVA_OPTS -cp \"$1\" org.officeguard.bench.Bench \"${@:2}\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path")));
        cmd.addAll(List.of("--quick", "--people", Integer.toString(PEOPLE), "--violations", Integer.toString(VIOLATIONS),
                "--pairs", "1", "--warmup", "1", "--measure", "1", "--latency-seconds", "1", "--visits", "1",
                "--pipeline-rate", "500", "--rounds", "2", "--only", "raw,gateway,pipeline,report,processes,startup", "--startup-days", "2",
                "--startup-people", "20", "--out", out.toString()));
        Process bench = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!bench.waitFor(8, TimeUnit.MINUTES)) {
                fail("the bench did not finish within 8 minutes; its output:\n" + tail(log));
            }
        } finally {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, bench.exitValue(), "the bench failed; its output:\n" + tail(log));
        assertTrue(output.contains("| measurement") && output.contains("JSON: " + out), "no results table:\n" + tail(log));

        JsonNode j = Payloads.JSON.readTree(out.toFile());
        assertFalse(j.has("failed"), () -> j.get("failed").asText());
        assertEquals(0, j.get("brokerDroppedMessages").asLong(), "the embedded broker dropped messages");

        for (String relay : List.of("rawRelay", "rawRelayDurable")) {
            assertTrue(j.at("/" + relay + "/messagesPerSecond").asDouble() > 0, relay);
            assertEquals(0, j.at("/" + relay + "/lostOrPending").asLong(), relay + ": messages lost");
        }

        assertGateway(j.get("gateway"), "in-process gateway");
        assertGateway(j.at("/processes/gateway"), "gateway as its own JVM");

        JsonNode pipeline = j.get("pipelineInProcess");
        assertPipeline(pipeline, "in-process pipeline");
        pipeline.get("sessionsDiscarded").fields().forEachRemaining(
                s -> assertEquals(0, s.getValue().asLong(), s.getKey() + " started its MQTT session afresh"));

        JsonNode report = j.get("reportEndpoint");
        assertEquals(VIOLATIONS, report.get("jsonTotalsViolations").asLong(), "the JSON report's total");
        for (String format : List.of("json", "html")) {
            assertTrue(report.at("/" + format + "/bytes").asLong() > 0, format + " report is empty");
            assertTrue(report.at("/" + format + "/medianMs").asDouble() > 0, format + " report not timed");
        }
        assertEquals(PEOPLE + 1, report.at("/rollCall/inside").asInt(), "the roll call of everyone, the janitor too");
        for (String form : List.of("now", "now.html")) {
            assertTrue(report.at("/rollCall/" + form + "/bytes").asLong() > 0, form + " is empty");
            assertTrue(report.at("/rollCall/" + form + "/medianMs").asDouble() > 0, form + " not timed");
        }

        JsonNode processes = j.get("processes");
        assertPipeline(processes, "pipeline of one JVM per service");
        for (String service : List.of("door-gateway", "lockout-monitor", "reporting")) {
            JsonNode m = processes.at("/memory/" + service);
            assertTrue(m.get("alive").asBoolean(), service + " died");
            assertEquals(0, m.get("sessionsDiscarded").asLong(), service + " started its MQTT session afresh");
            assertTrue(m.has("VmHWM") && m.has("heapAfterFullGc"), service + ": no memory figures: " + m);
        }

        JsonNode startup = j.get("startup");
        for (String service : List.of("door-gateway", "lockout-monitor")) {
            JsonNode snapshots = startup.at("/snapshots/" + service);
            JsonNode full = startup.at("/full journal/" + service);
            assertTrue(full.get("replayed").asLong() > 0, service + " replayed nothing: " + full);
            assertEquals(full.get("replayed").asLong(), snapshots.get("replayed").asLong(),
                    service + ": two days are not enough for a snapshot, so both replay the same journal");
            assertEquals(full.get("journalBytes").asLong(), snapshots.get("journalBytes").asLong(), service);
            assertTrue(snapshots.get("secondsToHealthy").asDouble() > 0, service + " start-up not timed");
        }
    }

    private static void assertGateway(JsonNode g, String what) {
        assertTrue(g.get("messagesPerSecond").asDouble() > 0, what + ": no decisions at saturation");
        assertEquals(0, g.get("decisionsMissing").asLong(), what + ": decisions missing");
        assertEquals(1, g.at("/bracketed/ratios").size(), what + ": bracketed bursts");
        JsonNode lat = g.get("latencyAt500");
        assertEquals(lat.get("sent").asLong(), lat.get("received").asLong(), what + ": latency phase lost decisions");
        assertTrue(lat.get("p99Ms").asDouble() > 0, what + ": no latency measured");
        assertEquals(2, lat.get("rounds").size(), what + ": latency rounds");
        assertEquals(1, g.at("/bracketed/machineCpuMicrosPerDecision").size(), what + ": CPU per decision");
    }

    private static void assertPipeline(JsonNode p, String what) {
        assertTrue(p.get("nothingLost").asBoolean(), what + ": something was lost: " + p);
        assertEquals(p.get("badges").asLong(), p.get("decisionsReceived").asLong(), what + ": decisions");
        assertEquals(p.get("badges").asLong(), p.get("passagesStored").asLong(), what + ": passages stored");
        assertTrue(p.get("expectedViolations").asLong() > 0, what + ": the site made no violations");
        assertEquals(p.get("expectedViolations").asLong(), p.get("violationsStored").asLong(), what + ": violations stored");
        assertEquals(2, p.get("paced").size(), what + ": paced visits");
        assertTrue(p.at("/paced/1/keptUp").isBoolean(), what + ": no paced visit");
        assertEquals(2, p.get("inputsPerSecondWarmByRound").size(), what + ": saturated visits");
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
