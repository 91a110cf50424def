package org.officeguard.reporting.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database holds names (visitors, the day's violations): its folder is the service's user's alone. */
class ReportStoreFolderTest {

    @TempDir
    Path data;

    @Test
    void the_databases_folder_is_made_the_services_users_alone_even_when_it_was_not() throws Exception {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path folder = Files.createDirectories(data.resolve("reporting"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (ReportStore store = ReportStore.open(null, null, null, data)) {
            assertTrue(Files.exists(folder.resolve("officeguard.mv.db")), "the database is in that folder");
        }

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)),
                "--data itself is the operator's");
    }
}
