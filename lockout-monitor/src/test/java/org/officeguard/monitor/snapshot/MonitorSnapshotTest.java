package org.officeguard.monitor.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.gateway.rules.DoorGateway;
import org.officeguard.monitor.rules.LockoutMonitor;
import org.officeguard.monitor.rules.MonitorState;
import org.officeguard.runtime.InputJournal;
import org.officeguard.runtime.JournalSnapshots;
import org.officeguard.runtime.SnapshotFile;
import org.officeguard.runtime.SnapshotSource;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;

/**
 * The lockout-monitor's rules over many simulated days with their journal, restarted: from a snapshot, start-up
 * replays only the tail, makes of it what the state before the restart did, and then reports exactly what a full
 * replay does; a truncated snapshot stops start-up once the journal behind it is deleted. No broker: the journal, the
 * snapshots and the engine as the service runs them. The monitor's inputs are the simulated days with the
 * door-gateway's decisions in place of the badges.
 */
class MonitorSnapshotTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
    private static final SiteConfig SITE = SampleSite.config(SampleSite.DEFAULT_PEOPLE, FIRST);
    private static final int DAYS = 30;
    private static final long SNAPSHOT_EVERY = 2_000;
    private static final List<InputJournal.Record> INPUTS = new ArrayList<>();
    private static int restartAt;

    @TempDir
    Path folder;

    @BeforeAll
    static void days() {
        Topics topics = new Topics("office");
        DoorGateway gateway = new DoorGateway(SITE);
        for (DeviceMessage message : Scenario.generate(SITE, FIRST, DAYS, 22, LapseRates.defaults()).messages()) {
            Topics.Address address = topics.parse(message.topic()).orElseThrow();
            switch (address.kind()) {
                case BADGE -> {
                    Decision decision = gateway.onBadge(Payloads.badge(message.payload(), address.name())).decision();
                    INPUTS.add(new InputJournal.Record(topics.decision(SITE.site(), decision.door()),
                            Payloads.write(decision, SITE.timezone())));
                }
                case PC_STATE, LAST_EXIT, CLOCK -> INPUTS.add(new InputJournal.Record(message.topic(), message.payload()));
                default -> { }
            }
        }
        restartAt = INPUTS.size() * 9 / 10;
    }

    /** The service's rules over a journal: what it reports, and its snapshots. */
    private static final class Service implements SnapshotSource<MonitorState> {
        private final Topics topics = new Topics("office");
        private final LockoutMonitor monitor = new LockoutMonitor(SITE);
        private final InputJournal journal;
        private final JournalSnapshots<MonitorState> snapshots;
        final List<Violation> published = new ArrayList<>();
        final List<List<Violation>> perInput = new ArrayList<>();
        final List<Violation> replayOutputs = new ArrayList<>();

        Service(Path folder, boolean withSnapshots) {
            journal = new InputJournal(folder.resolve("lockout-monitor.journal"));
            snapshots = new JournalSnapshots<>(journal, new SnapshotFile(folder.resolve("lockout-monitor.snapshot")),
                    withSnapshots ? this : null, SNAPSHOT_EVERY, Runnable::run); // each snapshot written in place
        }

        long start() {
            return snapshots.recover((topic, payload) -> replayOutputs.addAll(handle(topic, payload)));
        }

        void take(List<InputJournal.Record> inputs) {
            for (InputJournal.Record input : inputs) {
                List<Violation> out = handle(input.topic(), input.payload());
                perInput.add(out);
                published.addAll(out);
                journal.appendAll(List.of(input));
                snapshots.appended(1, () -> true);
            }
            journal.close();
        }

        private List<Violation> handle(String topic, byte[] payload) {
            Topics.Address address = topics.parse(topic).orElseThrow();
            return switch (address.kind()) {
                case DECISION -> monitor.onDecision(Payloads.decision(payload));
                case PC_STATE -> monitor.onPcState(Payloads.pcState(payload, address.name()));
                case LAST_EXIT -> monitor.onLastExit(Payloads.lastExit(payload));
                case CLOCK -> monitor.onClock(Payloads.clock(payload));
                default -> List.of();
            };
        }

        @Override
        public Class<MonitorState> stateType() {
            return MonitorState.class;
        }

        @Override
        public Map<String, MonitorState> export(BooleanSupplier quiet) {
            MonitorState state = monitor.exportState();
            return state == null ? null : Map.of(SITE.site(), state);
        }

        @Override
        public void restore(Map<String, MonitorState> sites) {
            monitor.restore(sites.get(SITE.site()));
        }
    }

    private Service firstRun(Path journal, boolean withSnapshots) throws IOException {
        Service first = new Service(Files.createDirectories(journal), withSnapshots);
        first.start();
        first.take(INPUTS.subList(0, restartAt));
        return first;
    }

    @Test
    void a_restart_replays_only_the_tail_and_reports_what_a_full_replay_does() throws IOException {
        firstRun(folder.resolve("full"), false);
        Service fullReplay = new Service(folder.resolve("full"), false);
        long replayedAll = fullReplay.start();
        fullReplay.take(INPUTS.subList(restartAt, INPUTS.size()));

        Service before = firstRun(folder.resolve("snapshots"), true);
        Service restarted = new Service(folder.resolve("snapshots"), true);
        long replayed = restarted.start();
        restarted.take(INPUTS.subList(restartAt, INPUTS.size()));

        assertEquals(restartAt, replayedAll);
        assertTrue(restarted.snapshots.restored());
        assertTrue(replayed < SNAPSHOT_EVERY * 2, replayed + " inputs replayed of " + restartAt);
        List<Violation> tail = new ArrayList<>();
        before.perInput.subList(restartAt - (int) replayed, restartAt).forEach(tail::addAll);
        assertEquals(tail, restarted.replayOutputs, "the restored state makes of the tail what the state before did");
        assertFalse(fullReplay.published.isEmpty(), "the days after the restart report violations");
        assertEquals(fullReplay.published, restarted.published);
        MonitorState afterFullReplay = fullReplay.monitor.exportState();
        assertTrue(afterFullReplay != null, "the days end with nothing held in the reorder buffer");
        assertEquals(afterFullReplay, restarted.monitor.exportState(), "the same state in the end");
        try (Stream<Path> files = Files.list(folder.resolve("snapshots"))) {
            assertTrue(files.filter(file -> file.toString().endsWith(".journal")).count() <= 2,
                    "segments behind the snapshot are deleted");
        }
    }

    @Test
    void a_truncated_snapshot_whose_journal_is_cut_stops_start_up() throws IOException {
        Path journal = folder.resolve("snapshots");
        firstRun(journal, true);
        try (FileChannel snapshot = FileChannel.open(journal.resolve("lockout-monitor.snapshot"), StandardOpenOption.WRITE)) {
            snapshot.truncate(snapshot.size() - 10);
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Service(journal, true).start());
        assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
    }
}
