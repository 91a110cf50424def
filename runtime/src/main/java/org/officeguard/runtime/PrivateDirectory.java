package org.officeguard.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder of the service's data that holds names (the reporting database, the input journals with visitor
 * registrations): only the service's user may enter it, whatever the umask made of it, so the files inside need no
 * care of their own. Only officeguard's own folders under {@code --data} are made so, never {@code --data} itself.
 */
public final class PrivateDirectory {
    private PrivateDirectory() {}

    /** Creates {@code dir} (and its parents) if need be and makes it {@code rwx------}; returns it. */
    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: its own access rules apply
        }
        return dir;
    }
}
