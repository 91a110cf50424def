package org.officeguard.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.officeguard.camel.hivemq.HiveMqttConstants;

/**
 * A service's {@link InputJournal} as its routes use it. An input is marked {@link #HANDLED} once its outputs are
 * published; the inbox's acknowledgement hook, {@link #appendHandled}, appends the handled inputs of a completed group
 * just before the group is acknowledged; at start-up {@link #replayThrough} sends every journaled input through the
 * service's rules route again.
 */
public final class ServiceJournal implements AutoCloseable {

    /** Set on an input whose outputs are published: it is journaled, then acknowledged. */
    static final String HANDLED = "officeguard.handled";

    /** Inputs between two snapshots, at least: a snapshot is taken at the first quiet moment after them. */
    public static final long SNAPSHOT_EVERY_INPUTS = 20_000;

    /**
     * The system property that sets the interval instead ({@code 0}: never, the journal is kept whole); for
     * measurements (BENCHMARKS.md compares start-up with and without snapshots on the same inputs), not a setting.
     */
    public static final String SNAPSHOT_EVERY_PROPERTY = "officeguard.snapshotEveryInputs";

    private final InputJournal journal;
    private final Path snapshotFile;
    private final ServiceMetrics metrics;
    /** Set by the service's route builder, read by the acknowledger thread. */
    private volatile JournalSnapshots<?> snapshots;

    ServiceJournal(Path file, Path snapshotFile, ServiceMetrics metrics) {
        this.journal = new InputJournal(file);
        this.snapshotFile = snapshotFile;
        this.metrics = metrics;
        this.snapshots = new JournalSnapshots<>(journal, new SnapshotFile(snapshotFile), null, 0);
    }

    /**
     * Cuts the journal behind snapshots of {@code source}'s rule state, one after at least
     * {@link #SNAPSHOT_EVERY_INPUTS} inputs; to be called before the recovery.
     */
    public <S> void snapshots(SnapshotSource<S> source) {
        snapshots(source, Long.getLong(SNAPSHOT_EVERY_PROPERTY, SNAPSHOT_EVERY_INPUTS));
    }

    /** As {@link #snapshots(SnapshotSource)}, every {@code everyInputs} inputs ({@code 0}: never). */
    <S> void snapshots(SnapshotSource<S> source, long everyInputs) {
        this.snapshots = new JournalSnapshots<>(journal, new SnapshotFile(snapshotFile),
                everyInputs > 0 ? source : null, everyInputs);
    }

    /** The journal's snapshots: what the last start-up restored and replayed. */
    public JournalSnapshots<?> snapshots() {
        return snapshots;
    }

    /**
     * Sends every journaled input, in order, through {@code firstStep} (the inbox's first step: {@link Envelopes}, or a
     * service's own) and then the route at {@code rulesUri}; what the route leaves to publish is dropped (it was
     * published before the restart, or its input is redelivered). An input now refused is skipped, as it was when it
     * came. Opens the journal for appending; returns how many inputs were replayed.
     */
    long replayThrough(CamelContext camel, Processor firstStep, String rulesUri) throws Exception {
        Endpoint rules = camel.getEndpoint(rulesUri);
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            return snapshots.recover((topic, payload) -> {
                Exchange input = new DefaultExchange(camel);
                input.getMessage().setHeader(HiveMqttConstants.TOPIC, topic);
                input.getMessage().setBody(payload);
                try {
                    firstStep.process(input);
                } catch (Exception refused) {
                    return; // only handled inputs are journaled: a site no longer served here, say
                }
                template.send(rules, input); // a failure stays on the exchange: the input is skipped
            });
        }
    }

    /** The inbox's acknowledgement hook: appends the handled inputs of {@code completed}, in order, in one write. */
    public void appendHandled(List<Exchange> completed) {
        List<InputJournal.Record> records = new ArrayList<>(completed.size());
        for (Exchange input : completed) {
            if (Boolean.TRUE.equals(input.getProperty(HANDLED, Boolean.class))) {
                records.add(new InputJournal.Record(input.getProperty(Envelopes.RAW_TOPIC_PROPERTY, String.class),
                        input.getProperty(Envelopes.RAW_PAYLOAD_PROPERTY, byte[].class)));
            }
        }
        journal.appendAll(records);
        metrics.acknowledged(completed.size());
        snapshots.appended(records.size(), () -> metrics.backlog() == 0);
    }

    @Override
    public void close() {
        snapshots.close();
        journal.close();
    }
}
