package org.officeguard.runtime;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * A service's snapshot of its rule state, {@code {data}/journal/{service}.snapshot}: every site's state as JSON
 * (Jackson, from the engines' plain state records), and the journal segment the replay starts from.
 *
 * <p>The file is a header line {@code officeguard-snapshot <format> <length> <crc32>} and the JSON body. It is
 * written to a temporary file, forced to disk, moved over the old one atomically, and the directory is forced, so a
 * crash leaves the old snapshot or the new one, never a mix. A body whose length or CRC does not match (a truncated
 * or damaged file) or a format this version does not read is {@link Unreadable}: never read as a wrong state.
 */
public final class SnapshotFile {

    /** The format this version writes; a change of any engine's state record moves it. */
    public static final int FORMAT = 3;
    /**
     * The formats this version reads: 2 kept the remembered event ids as text, 3 keeps their fingerprints, and
     * reading a format-2 snapshot takes the fingerprints of its ids.
     */
    private static final Set<Integer> READS = Set.of(2, FORMAT);
    private static final String MAGIC = "officeguard-snapshot";

    /** The mapper of snapshots: records and {@code java.time} as ISO-8601 text. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A snapshot that exists and cannot be taken as a state. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** What a snapshot holds: the first journal segment after it and each site's state. */
    public record Content<S>(long generation, Map<String, S> sites) {}

    private final Path file;

    public SnapshotFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** Writes the snapshot durably, in place of the one there (if any). */
    public <S> void write(long generation, Map<String, S> sites) {
        try {
            byte[] json = JSON.writeValueAsBytes(new Content<>(generation, sites));
            CRC32 crc = new CRC32();
            crc.update(json);
            byte[] header = (MAGIC + " " + FORMAT + " " + json.length + " " + Long.toHexString(crc.getValue()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocate(header.length + json.length).put(header).put(json).flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the snapshot, each site's state as {@code stateType}; throws when it is not whole or not this format. */
    public <S> Content<S> read(Class<S> stateType) throws Unreadable {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
        int newline = 0;
        while (newline < bytes.length && newline < 128 && bytes[newline] != '\n') {
            newline++;
        }
        String[] header = new String(bytes, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (newline >= bytes.length || header.length != 4 || !MAGIC.equals(header[0])) {
            throw new Unreadable(file + " is not an officeguard snapshot (no header)");
        }
        try {
            int format = Integer.parseInt(header[1]);
            if (!READS.contains(format)) {
                throw new Unreadable(file + " is in snapshot format " + format + "; this version reads formats "
                        + READS.stream().sorted().map(String::valueOf).collect(Collectors.joining(" and ")));
            }
            int length = Integer.parseInt(header[2]);
            int bodyLength = bytes.length - newline - 1;
            if (bodyLength != length) {
                throw new Unreadable(file + " is truncated or damaged: " + bodyLength + " bytes of " + length);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, newline + 1, length);
            if (crc.getValue() != Long.parseLong(header[3], 16)) {
                throw new Unreadable(file + " is damaged: its checksum does not match");
            }
            // straight into the state records, without a tree in between: a busy site's snapshot is tens of MB
            JavaType type = JSON.getTypeFactory().constructParametricType(Content.class, stateType);
            Content<S> content = JSON.readValue(bytes, newline + 1, length, type);
            if (content.sites() == null) {
                throw new Unreadable(file + " names no sites");
            }
            return content;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new Unreadable(file + " cannot be read as a snapshot: " + e.getMessage());
        }
    }

    /** Forces a directory's entries (a created, moved or deleted file) to disk. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the directory " + directory + " to disk: " + e.getMessage(), e);
        }
    }
}
