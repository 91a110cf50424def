package org.officeguard.gateway.snapshot;

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
import org.officeguard.gateway.rules.DoorGateway;
import org.officeguard.gateway.rules.GatewayState;
import org.officeguard.runtime.InputJournal;
import org.officeguard.runtime.JournalSnapshots;
import org.officeguard.runtime.SnapshotFile;
import org.officeguard.runtime.SnapshotSource;
import org.officeguard.simulator.DeviceMessage;
import org.officeguard.simulator.LapseRates;
import org.officeguard.simulator.SampleSite;
import org.officeguard.simulator.Scenario;

/**
 * The door-gateway's rules over many simulated days with their journal, restarted: from a snapshot, start-up replays
 * only the tail and then decides and reports exactly as after a replay of the whole journal; a truncated snapshot
 * falls back to the whole journal while it exists, and stops start-up otherwise. No broker: the journal, the
 * snapshots and the engine as the service runs them, one input at a time.
 */
class GatewaySnapshotTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
    private static final SiteConfig SITE = SampleSite.config(SampleSite.DEFAULT_PEOPLE, FIRST);
    private static final int DAYS = 30;
    private static final long SNAPSHOT_EVERY = 2_000;
    private static List<DeviceMessage> messages;
    /** Where the restart comes: past the middle of a working day, deadlines and visitors pending. */
    private static int restartAt;

    @TempDir
    Path folder;

    @BeforeAll
    static void days() {
        messages = Scenario.generate(SITE, FIRST, DAYS, 22, LapseRates.defaults()).messages();
        restartAt = messages.size() * 9 / 10;
    }

    /** The service's rules over a journal: what it publishes (decisions and violations), and its snapshots. */
    private static final class Service implements SnapshotSource<GatewayState> {
        private final Topics topics = new Topics("office");
        private final DoorGateway gateway = new DoorGateway(SITE);
        private final InputJournal journal;
        private final JournalSnapshots<GatewayState> snapshots;
        final List<Object> published = new ArrayList<>();
        /** What each input taken published, in order. */
        final List<List<Object>> perInput = new ArrayList<>();
        /** What the start-up's replay made of the journal (the service drops it). */
        final List<Object> replayOutputs = new ArrayList<>();

        Service(Path folder, boolean withSnapshots) {
            journal = new InputJournal(folder.resolve("door-gateway.journal"));
            snapshots = new JournalSnapshots<>(journal, new SnapshotFile(folder.resolve("door-gateway.snapshot")),
                    withSnapshots ? this : null, SNAPSHOT_EVERY, Runnable::run); // each snapshot written in place
        }

        /** Start-up: the snapshot restored, the journal after it replayed, its outputs dropped. */
        long start() {
            return snapshots.recover((topic, payload) -> replayOutputs.addAll(handle(topic, payload)));
        }

        void take(List<DeviceMessage> inputs) {
            for (DeviceMessage input : inputs) {
                List<Object> out = handle(input.topic(), input.payload());
                perInput.add(out);
                published.addAll(out);
                journal.appendAll(List.of(new InputJournal.Record(input.topic(), input.payload())));
                snapshots.appended(1, () -> true);
            }
            journal.close();
        }

        private List<Object> handle(String topic, byte[] payload) {
            Topics.Address address = topics.parse(topic).orElseThrow();
            DoorGateway.Result result = switch (address.kind()) {
                case BADGE -> gateway.onBadge(Payloads.badge(payload, address.name()));
                case VISITOR_REGISTER -> gateway.onRegistration(Payloads.visitorRegistration(payload));
                case LAST_EXIT -> gateway.onLastExit(Payloads.lastExit(payload));
                case CLOCK -> gateway.onClock(Payloads.clock(payload));
                default -> DoorGateway.Result.NOTHING;
            };
            List<Object> out = new ArrayList<>();
            if (result.decision() != null) {
                out.add(result.decision());
            }
            out.addAll(result.violations());
            return out;
        }

        @Override
        public Class<GatewayState> stateType() {
            return GatewayState.class;
        }

        @Override
        public Map<String, GatewayState> export(BooleanSupplier quiet) {
            GatewayState state = gateway.exportState();
            return state == null ? null : Map.of(SITE.site(), state);
        }

        @Override
        public void restore(Map<String, GatewayState> sites) {
            gateway.restore(sites.get(SITE.site()));
        }
    }

    /** What the service publishes after a restart on a whole journal without snapshots, and how much it replayed. */
    private record Reference(long replayed, List<Object> published, Service service) {}

    private Reference fullReplay() throws IOException {
        Path journal = Files.createDirectories(folder.resolve("full"));
        Service first = new Service(journal, false);
        first.start();
        first.take(messages.subList(0, restartAt));
        Service restarted = new Service(journal, false);
        long replayed = restarted.start();
        restarted.take(messages.subList(restartAt, messages.size()));
        return new Reference(replayed, restarted.published, restarted);
    }

    private Path journalWithSnapshots() {
        return folder.resolve("snapshots");
    }

    private Service runWithSnapshots() throws IOException {
        Service first = new Service(Files.createDirectories(journalWithSnapshots()), true);
        first.start();
        first.take(messages.subList(0, restartAt));
        return first;
    }

    @Test
    void a_restart_replays_only_the_tail_and_publishes_what_a_full_replay_does() throws IOException {
        Reference full = fullReplay();
        Service before = runWithSnapshots();
        Path journal = journalWithSnapshots();

        Service restarted = new Service(journal, true);
        long replayed = restarted.start();
        restarted.take(messages.subList(restartAt, messages.size()));

        // the restored state makes of the tail what the state before the restart made of it
        List<Object> tailOutputs = new ArrayList<>();
        before.perInput.subList(restartAt - (int) replayed, restartAt).forEach(tailOutputs::addAll);
        assertFalse(tailOutputs.isEmpty());
        assertEquals(tailOutputs, restarted.replayOutputs);
        assertEquals(restartAt, full.replayed());
        assertTrue(replayed < SNAPSHOT_EVERY * 2, replayed + " inputs replayed of " + restartAt);
        assertTrue(restarted.snapshots.restored());
        assertFalse(full.published().isEmpty());
        assertTrue(full.published().stream().anyMatch(out -> !(out instanceof Decision)),
                "the days after the restart report violations");
        assertEquals(full.published(), restarted.published);
        GatewayState afterFullReplay = full.service().gateway.exportState();
        assertTrue(afterFullReplay != null, "the days end with nothing held in the reorder buffer");
        assertEquals(afterFullReplay, restarted.gateway.exportState(), "the same state in the end");
        try (Stream<Path> files = Files.list(journal)) {
            assertTrue(files.filter(file -> file.toString().endsWith(".journal")).count() <= 2,
                    "segments behind the snapshot are deleted");
        }
    }

    @Test
    void a_truncated_snapshot_whose_journal_is_cut_stops_start_up() throws IOException {
        runWithSnapshots();
        Path journal = journalWithSnapshots();
        truncate(journal.resolve("door-gateway.snapshot"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Service(journal, true).start());
        assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
        assertTrue(refused.getMessage().contains("cannot be rebuilt"), refused.getMessage());
    }

    @Test
    void a_truncated_snapshot_falls_back_to_the_whole_journal_while_it_is_there() throws IOException {
        Reference full = fullReplay();
        runWithSnapshots();
        Path journal = journalWithSnapshots();
        // what a crash between the snapshot and the deletion leaves: the first segment with what came before the tail
        long[] tail = {0};
        try (InputJournal kept = new InputJournal(journal.resolve("door-gateway.journal"))) {
            kept.replay((topic, payload) -> tail[0]++);
        }
        Path scratch = Files.createDirectories(folder.resolve("scratch"));
        try (InputJournal first = new InputJournal(scratch.resolve("door-gateway.journal"))) {
            first.replay((topic, payload) -> { });
            List<InputJournal.Record> before = new ArrayList<>();
            for (DeviceMessage input : messages.subList(0, restartAt - (int) tail[0])) {
                before.add(new InputJournal.Record(input.topic(), input.payload()));
            }
            first.appendAll(before);
        }
        Files.copy(scratch.resolve("door-gateway.journal"), journal.resolve("door-gateway.journal"));
        truncate(journal.resolve("door-gateway.snapshot"));

        Service restarted = new Service(journal, true);
        long replayed = restarted.start();
        restarted.take(messages.subList(restartAt, messages.size()));

        assertFalse(restarted.snapshots.restored());
        assertEquals(restartAt, replayed);
        assertEquals(full.published(), restarted.published);
    }

    private static void truncate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
    }
}
