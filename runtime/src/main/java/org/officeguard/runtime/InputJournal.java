package org.officeguard.runtime;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.officeguard.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every input a service has fully handled, in the order it handled them: its rule state, durably. The
 * rule engines are deterministic, so replaying the journal into fresh engines at start-up rebuilds the
 * occupancy, PC states, locked-up state, pending deadlines and watermark exactly as they were when the
 * process died (kill -9 included: a record is written before the MQTT acknowledgement, so a message is
 * either journaled or redelivered, and a redelivered one that was journaled is recognised by its eventId).
 *
 * <p>A record is {@code [int topic length][topic][int payload length][payload]}; a torn last record (the
 * process died while writing it) is cut off at start-up. Writes reach the operating system before the ack
 * ({@code write}, no {@code fsync}): a killed process loses nothing, a power cut may lose the last moments,
 * which the broker then redelivers from its own persistent session.
 */
public final class InputJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputJournal.class);
    /** While the disk refuses a write: 100 ms after the first failure, doubling up to 5 s. */
    static final Backoff BACKOFF = Backoff.of(100, 5_000);

    private final Path file;
    private FileChannel channel;
    /** Where the next record goes: kept here, so that a group is one positional write and no seek. */
    private long end;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);

    public InputJournal(Path file) {
        this.file = file;
    }

    /** Replays every whole record in order, cuts off a torn tail, and opens the journal for appending. */
    public synchronized long replay(BiConsumer<String, byte[]> handler) {
        long records = 0;
        long goodBytes = 0;
        try {
            PrivateDirectory.create(file.getParent()); // visitor registrations carry names
            if (Files.exists(file)) {
                try (InputStream raw = Files.newInputStream(file);
                        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                    while (true) {
                        String topic;
                        byte[] payload;
                        try {
                            byte[] t = new byte[in.readInt()];
                            in.readFully(t);
                            payload = new byte[in.readInt()];
                            in.readFully(payload);
                            topic = new String(t, StandardCharsets.UTF_8);
                        } catch (EOFException | NegativeArraySizeException | OutOfMemoryError torn) {
                            break;
                        }
                        handler.accept(topic, payload);
                        records++;
                        goodBytes += 8L + topic.getBytes(StandardCharsets.UTF_8).length + payload.length;
                    }
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() > goodBytes) {
                LOG.warn("{}: cutting off a torn last record ({} bytes)", file, channel.size() - goodBytes);
                channel.truncate(goodBytes);
            }
            end = goodBytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** One handled input as the journal keeps it. */
    public record Record(String topic, byte[] payload) {}

    /**
     * Appends handled inputs in one write; returns once the operating system has them. While the disk
     * refuses, it retries (waits of {@link #BACKOFF}): what follows is not acknowledged before it is written.
     */
    public synchronized void appendAll(List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        int size = 0;
        byte[][] topics = new byte[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            topics[i] = records.get(i).topic().getBytes(StandardCharsets.UTF_8);
            size += 8 + topics[i].length + records.get(i).payload().length;
        }
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, buffer.capacity() * 2));
        }
        buffer.clear();
        for (int i = 0; i < records.size(); i++) {
            byte[] payload = records.get(i).payload();
            buffer.putInt(topics[i].length).put(topics[i]).putInt(payload.length).put(payload);
        }
        buffer.flip();
        Backoff.Attempts attempts = BACKOFF.attempts();
        while (true) {
            try {
                buffer.rewind(); // a failed write may have left part of the group behind: it is written over
                while (buffer.hasRemaining()) {
                    channel.write(buffer, end + buffer.position());
                }
                end += size;
                return;
            } catch (IOException e) {
                Duration delay = attempts.failed();
                LOG.warn("cannot write the journal {} ({}); retrying in {} ms", file, e.getMessage(), delay.toMillis());
                try {
                    wait(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RetryableException("interrupted while writing the journal " + file, interrupted);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("closing {}: {}", file, e.getMessage());
        }
    }
}
