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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * <p>The journal is cut into segments: a snapshot of the rule state ({@link JournalSnapshots}) is taken where a new
 * segment starts, and the segments before it are deleted once it is durable.
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

    private static final String SUFFIX = ".journal";

    private final Path file;
    private FileChannel channel;
    /** The segment appended to. */
    private long generation;
    /** Where the next record goes: kept here, so that a group is one positional write and no seek. */
    private long end;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);

    public InputJournal(Path file) {
        this.file = file;
    }

    /** Replays every segment from the oldest kept; see {@link #replay(long, BiConsumer)}. */
    public synchronized long replay(BiConsumer<String, byte[]> handler) {
        return replay(Math.max(0, oldestGeneration()), handler);
    }

    /**
     * Replays every whole record of the segments from {@code fromGeneration} on, in order, cuts off a torn tail of
     * the newest, and opens the newest (or {@code fromGeneration}'s, when there is none) for appending.
     */
    public synchronized long replay(long fromGeneration, BiConsumer<String, byte[]> handler) {
        long records = 0;
        long goodBytes = 0;
        try {
            PrivateDirectory.create(file.getParent()); // visitor registrations carry names
            List<Long> generations = generations();
            generation = Math.max(fromGeneration, generations.isEmpty() ? 0 : generations.get(generations.size() - 1));
            for (long kept : generations) {
                if (kept >= fromGeneration) {
                    goodBytes = 0;
                    try (InputStream raw = Files.newInputStream(segment(kept));
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
            }
            Path newest = segment(generation);
            channel = FileChannel.open(newest, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() > goodBytes) {
                LOG.warn("{}: cutting off a torn last record ({} bytes)", newest, channel.size() - goodBytes);
                channel.truncate(goodBytes);
            }
            end = goodBytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        return records;
    }

    /** The segment being appended to. */
    public synchronized long generation() {
        return generation;
    }

    /** The oldest segment on disk, or -1 when there is none. */
    public synchronized long oldestGeneration() {
        List<Long> generations = generations();
        return generations.isEmpty() ? -1 : generations.get(0);
    }

    /**
     * Starts a new segment: what is appended from now on goes there. Returns the new segment's generation; the one
     * closed is made durable by {@link #syncBefore}, off the caller's thread, before a snapshot replaces it.
     */
    public synchronized long roll() {
        try {
            channel.close();
            generation++;
            channel = FileChannel.open(segment(generation), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            end = 0;
            return generation;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new journal segment after " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes the segments before {@code generation}, and the new one's name, durable ({@code fsync}). */
    public void syncBefore(long generation) {
        List<Long> closed;
        synchronized (this) {
            closed = generations().stream().filter(kept -> kept < generation).toList();
        }
        try {
            for (long kept : closed) {
                try (FileChannel segment = FileChannel.open(segment(kept), StandardOpenOption.WRITE)) {
                    segment.force(true);
                }
            }
            SnapshotFile.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the journal before segment " + generation + " durable: "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the segments before {@code generation}: a durable snapshot holds what they did. */
    public synchronized void deleteBefore(long generation) {
        for (long kept : generations()) {
            if (kept < generation) {
                try {
                    Files.deleteIfExists(segment(kept));
                } catch (IOException e) {
                    LOG.warn("cannot delete the journal segment {}: {}", segment(kept), e.getMessage());
                }
            }
        }
    }

    /** Generation 0 is {@code {service}.journal} itself, the next ones {@code {service}.{generation}.journal}. */
    Path segment(long generation) {
        if (generation == 0) {
            return file;
        }
        String name = file.getFileName().toString();
        String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        return file.resolveSibling(stem + "." + generation + SUFFIX);
    }

    /** The generations of the segments on disk, oldest first. */
    private List<Long> generations() {
        List<Long> found = new ArrayList<>();
        if (Files.exists(file)) {
            found.add(0L);
        }
        String name = file.getFileName().toString();
        String stem = (name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name) + ".";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent(), stem + "*" + SUFFIX)) {
            for (Path sibling : siblings) {
                String middle = sibling.getFileName().toString();
                middle = middle.substring(stem.length(), middle.length() - SUFFIX.length());
                if (middle.chars().allMatch(Character::isDigit) && !middle.isEmpty()) {
                    found.add(Long.parseLong(middle));
                }
            }
        } catch (NoSuchFileException absent) {
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal's segments beside " + file, e);
        }
        Collections.sort(found);
        return found;
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
