package org.officeguard.bench;

import static org.officeguard.bench.Figures.grouped;
import static org.officeguard.bench.Figures.round;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.runtime.ServiceJournal;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;

/**
 * Start-up after a long history (issue 22): the door-gateway and the lockout-monitor, each in its own JVM as a site
 * runs them, take {@code --startup-days} simulated days of the sample office at {@code --startup-people} through the
 * broker, are stopped, and are started again one at a time: the seconds from starting the process to its first
 * {@code /health} 200 (and the CPU its JVM used until then: on a busy machine the elapsed time says more about the
 * machine), the inputs it replayed, and its journal's size on disk; and the same for its first start, on no data. Twice, on the same inputs: with
 * snapshots as shipped, and with the journal kept whole ({@value ServiceJournal#SNAPSHOT_EVERY_PROPERTY}=0), whose
 * start-up replays every input.
 */
final class StartupPhase {

    private static final List<String> SERVICES = List.of("door-gateway", "lockout-monitor");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
    private static final long SEED = 22;
    /** The start-up goal of issue 22, with snapshots, whatever the history. */
    private static final double GOAL_SECONDS = 5;
    private static final Pattern RESTORED = Pattern.compile(
            ": rule state restored from its snapshot and (\\d+) journaled inputs after it");
    private static final Pattern REBUILT = Pattern.compile(": rule state rebuilt from (\\d+) journaled inputs");

    /** One way of keeping the journal: its topic root, and the JVM options that choose it. */
    private record Mode(String name, String root, List<String> jvmOptions) {}

    private final BenchRun run;

    StartupPhase(BenchRun run) {
        this.run = run;
    }

    void run() throws Exception {
        int days = run.options().startupDays();
        int people = run.options().startupPeople();
        Map<String, Object> section = run.report().section("startup");
        section.put("days", days);
        section.put("people", people);
        section.put("first", FIRST.toString());
        section.put("seed", SEED);
        SiteConfig site = SampleSite.config(people, FIRST);
        Path siteFile = run.work().resolve("startup-site.yaml");
        Files.writeString(siteFile, SampleSite.yaml(people, FIRST));
        List<Mode> modes = List.of(
                new Mode("snapshots", "bstartsnap", List.of()),
                new Mode("full journal", "bstartfull", List.of("-D" + ServiceJournal.SNAPSHOT_EVERY_PROPERTY + "=0")));
        for (Mode mode : modes) {
            List<DeviceMessage> messages = Scenario.generate(site, FIRST, days, SEED, LapseRates.defaults(),
                    mode.root()).messages();
            section.put("inputs", messages.size());
            Map<String, Object> figures = new LinkedHashMap<>();
            section.put(mode.name(), figures);
            measure(mode, messages, siteFile, figures, days + " days at " + people + " people");
        }
    }

    private void measure(Mode mode, List<DeviceMessage> messages, Path siteFile, Map<String, Object> figures,
            String history) throws Exception {
        try (ServiceJvms services = new ServiceJvms(run, mode.root())) {
            for (String service : SERVICES) {
                ServiceJvms.StartUp empty = services.startTimed(service, siteFile, mode.jvmOptions(), 120);
                figures.put(service + " (empty)", Map.of("secondsToHealthy", round(empty.seconds()),
                        "cpuSecondsToHealthy", round(empty.cpuSeconds())));
            }
            figures.put("feedSeconds", round(feed(services, mode, messages)));
            services.stop();
            for (String service : SERVICES) {
                Map<String, Object> restart = new LinkedHashMap<>();
                figures.put(service, restart);
                Path folder = services.folder(service);
                restart.put("journalBytes", bytesUnder(folder.resolve("journal")));
                restart.put("journalFiles", filesUnder(folder.resolve("journal")));
                ServiceJvms.StartUp startUp = services.startTimed(service, siteFile, mode.jvmOptions(), 900);
                double seconds = startUp.seconds();
                restart.put("secondsToHealthy", round(seconds));
                restart.put("cpuSecondsToHealthy", round(startUp.cpuSeconds()));
                String log = Files.readString(folder.resolve("service.log"));
                restart.put("restored", lastCount(RESTORED, log) >= 0);
                long replayed = Math.max(lastCount(RESTORED, log), lastCount(REBUILT, log));
                restart.put("replayed", replayed);
                run.report().row("6 " + service + " start-up after " + history + ", " + mode.name(),
                        round(seconds) + " s to /health 200 (CPU " + round(startUp.cpuSeconds()) + " s); "
                                + grouped(replayed) + " inputs replayed; journal "
                                + Figures.mib((long) restart.get("journalBytes")),
                        mode.root().equals("bstartsnap")
                                ? "< " + (int) GOAL_SECONDS + " s → " + (seconds < GOAL_SECONDS ? "MET" : "NOT MET")
                                : "(the full replay, for comparison)");
            }
        }
    }

    /**
     * Publishes the days as fast as both services take them, then waits until each has taken and acknowledged every
     * input it reads (the monitor also reads each badge's decision); returns the seconds it took.
     */
    private double feed(ServiceJvms services, Mode mode, List<DeviceMessage> messages) throws Exception {
        long gatewayInputs = 0;
        long monitorInputs = 0;
        for (DeviceMessage message : messages) {
            switch (message.kind()) {
                case BADGE, VISITOR_REGISTER -> gatewayInputs++;
                case PC_STATE -> monitorInputs++;
                case LAST_EXIT, CLOCK -> {
                    gatewayInputs++;
                    monitorInputs++;
                }
                default -> throw new IllegalStateException("not an input of the sample office: " + message.kind());
            }
            if (message.kind() == DeviceMessage.Kind.BADGE) {
                monitorInputs++;
            }
        }
        Map<String, Long> expected = Map.of("door-gateway", gatewayInputs, "lockout-monitor", monitorInputs);
        long start = System.nanoTime();
        try (BenchClient publisher = BenchClient.connect(run.brokerUrl(), "bench-" + mode.root() + "-pub",
                run.options().window(), null)) {
            int tenth = Math.max(1, messages.size() / 10);
            for (int index = 0; index < messages.size(); index++) {
                DeviceMessage message = messages.get(index);
                publisher.publish(message.topic(), message.payload());
                if ((index + 1) % tenth == 0) {
                    System.out.printf("bench: startup (%s): %,d of %,d inputs published%n", mode.name(), index + 1,
                            messages.size());
                }
            }
            publisher.drain(600_000);
        }
        for (String service : SERVICES) {
            int port = services.get(service).port();
            Waits.waitFor(() -> ServiceHttp.health(port, service).path("taken").asLong(-1) >= expected.get(service)
                    && ServiceHttp.backlog(port, service) == 0, 900, Waits.HTTP_POLL_MILLIS);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The count in the last line of the log that {@code pattern} matches; -1 if none does. */
    private static long lastCount(Pattern pattern, String log) {
        Matcher matcher = pattern.matcher(log);
        long count = -1;
        while (matcher.find()) {
            count = Long.parseLong(matcher.group(1));
        }
        return count;
    }

    private static long bytesUnder(Path folder) throws IOException {
        long bytes = 0;
        for (Path file : files(folder)) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    private static Map<String, Long> filesUnder(Path folder) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Path file : files(folder)) {
            sizes.put(file.getFileName().toString(), Files.size(file));
        }
        return sizes;
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(folder)) {
            return new ArrayList<>(paths.filter(Files::isRegularFile).sorted().toList());
        }
    }
}
