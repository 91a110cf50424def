package org.officeguard.runtime;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal cut behind snapshots: every {@code everyInputs} journaled inputs, at the first moment after them when
 * nothing is in flight, the service's rule state is exported, a new journal segment starts, the snapshot is written
 * durably, and only then are the older segments deleted. Start-up restores the snapshot and replays the segments
 * after it. A snapshot that cannot be read falls back to the whole journal while its first segment is still there,
 * and otherwise stops start-up with the reason: never a silently wrong state.
 */
public final class JournalSnapshots<S> {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSnapshots.class);

    private final InputJournal journal;
    private final SnapshotFile file;
    private final SnapshotSource<S> source;
    private final long everyInputs;
    private long sinceSnapshot;
    private volatile long replayed;
    private volatile boolean restored;
    private volatile long taken;

    /** {@code source} null: a journal that is never cut. */
    public JournalSnapshots(InputJournal journal, SnapshotFile file, SnapshotSource<S> source, long everyInputs) {
        this.journal = journal;
        this.file = file;
        this.source = source;
        this.everyInputs = everyInputs;
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

    /** After {@code records} inputs are journaled: takes a snapshot when one is due and nothing is in flight. */
    public void appended(int records, BooleanSupplier quiet) {
        sinceSnapshot += records;
        if (source == null || sinceSnapshot < everyInputs || !quiet.getAsBoolean()) {
            return;
        }
        try {
            Map<String, S> sites = source.export(quiet);
            if (sites == null) {
                return;
            }
            long next = journal.roll();
            file.write(next, sites);
            journal.deleteBefore(next);
            taken++;
        } catch (RuntimeException e) {
            // the group is journaled: a snapshot that fails must not hold back its acknowledgement
            LOG.warn("no snapshot of the rule state ({}); the journal is kept whole until the next one", e.getMessage(), e);
        }
        sinceSnapshot = 0;
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
        return taken;
    }
}
