package org.officeguard.runtime;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal cut behind snapshots: every {@code everyInputs} journaled inputs, at the first moment after them when
 * nothing is in flight, the service's rule state is exported (a copy) and a new journal segment starts; then, on a
 * thread of its own so that no acknowledgement waits for the disk, the older segments are made durable, the snapshot
 * is written durably, and only then are the older segments deleted. Start-up restores the snapshot and replays the
 * segments after it. A snapshot that cannot be read falls back to the whole journal while its first segment is still
 * there, and otherwise stops start-up with the reason: never a silently wrong state.
 */
public final class JournalSnapshots<S> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSnapshots.class);

    private final InputJournal journal;
    private final SnapshotFile file;
    private final SnapshotSource<S> source;
    private final long everyInputs;
    /** Writes the snapshots; null for a journal that is never cut. */
    private final Executor writer;
    /** True from a snapshot's export until it is written (or failed): the next one waits for it. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private long sinceSnapshot;
    private volatile long replayed;
    private volatile boolean restored;
    private final AtomicLong taken = new AtomicLong();

    /** {@code source} null: a journal that is never cut. */
    public JournalSnapshots(InputJournal journal, SnapshotFile file, SnapshotSource<S> source, long everyInputs) {
        this(journal, file, source, everyInputs, source == null ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "snapshot-writer " + file.path().getFileName());
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * As the constructor above, the snapshots written by {@code writer}: {@code Runnable::run} writes each before
     * {@link #appended} returns, so that a test knows where every snapshot falls.
     */
    public JournalSnapshots(InputJournal journal, SnapshotFile file, SnapshotSource<S> source, long everyInputs,
            Executor writer) {
        this.journal = journal;
        this.file = file;
        this.source = source;
        this.everyInputs = everyInputs;
        this.writer = writer;
    }

    /** Restores the snapshot (if any) and replays the journal after it through {@code handler}; opens the journal. */
    public long recover(BiConsumer<String, byte[]> handler) {
        long from = 0;
        long oldest = journal.oldestGeneration();
        if (source != null && file.exists()) {
            SnapshotFile.Content<S> content = null;
            try {
                content = file.read(source.stateType());
            } catch (SnapshotFile.Unreadable unreadable) {
                if (oldest != 0) { // the first segment is gone (or every segment is)
                    throw new UnrecoverableStateException(unreadable.getMessage() + "; the journal before it is deleted, so"
                            + " the rule state cannot be rebuilt. Put back a good copy of the snapshot, or move "
                            + file.path().getParent() + " aside to start with an empty rule state", unreadable);
                }
                LOG.warn("{}; rebuilding the rule state from the whole journal instead", unreadable.getMessage());
            }
            if (content != null) {
                source.restore(content.sites());
                from = content.generation();
                restored = true;
            }
        } else if (oldest > 0) {
            throw new UnrecoverableStateException("the journal beside " + file.path() + " starts at segment " + oldest
                    + " and there is no snapshot of what came before: the rule state cannot be rebuilt. Put back the"
                    + " snapshot, or move " + file.path().getParent() + " aside to start with an empty rule state", null);
        }
        replayed = journal.replay(from, handler);
        return replayed;
    }

    /**
     * After {@code records} inputs are journaled: when a snapshot is due, none is being written and nothing is in
     * flight, exports the rule state, starts a new segment, and leaves the rest to the writer's thread.
     */
    public void appended(int records, BooleanSupplier quiet) {
        sinceSnapshot += records;
        if (source == null || sinceSnapshot < everyInputs || writing.get() || !quiet.getAsBoolean()) {
            return;
        }
        Map<String, S> sites;
        long next;
        try {
            sites = source.export(quiet);
            if (sites == null) {
                return;
            }
            next = journal.roll();
        } catch (RuntimeException e) {
            // the group is journaled: a snapshot that fails must not hold back its acknowledgement
            LOG.warn("no snapshot of the rule state ({}); the journal is kept whole until the next one", e.getMessage(), e);
            sinceSnapshot = 0;
            return;
        }
        sinceSnapshot = 0;
        writing.set(true);
        writer.execute(() -> write(next, sites));
    }

    /** On the writer's thread: the segments before {@code next} durable, the snapshot durable, then those deleted. */
    private void write(long next, Map<String, S> sites) {
        try {
            journal.syncBefore(next);
            file.write(next, sites);
            journal.deleteBefore(next);
            taken.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.warn("no snapshot of the rule state ({}); the journal is kept whole until the next one", e.getMessage(), e);
        } finally {
            writing.set(false);
        }
    }

    /** Waits for the snapshot being written, if any (at most 60 s), before the journal closes. */
    @Override
    public void close() {
        if (!(writer instanceof ExecutorService thread)) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("the snapshot beside {} is still being written; the journal before it is kept", file.path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many inputs the last start-up replayed. */
    public long replayed() {
        return replayed;
    }

    /** True when the last start-up restored a snapshot. */
    public boolean restored() {
        return restored;
    }

    /** Snapshots taken since start-up. */
    public long taken() {
        return taken.get();
    }
}
