package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.testsupport.DeployedMosquitto;

/**
 * scripts/class-archive.sh as ./officeguard sources it: which archive a JVM gets for its collector (none while they
 * are not made), and when they count as stale. The training start itself runs in ./officeguard's first serve or demo
 * and in the image's build, not here: it takes a service's start-up twice.
 */
class ClassArchiveScriptTest {

    private static final Path SCRIPT = DeployedMosquitto.projectRoot().resolve("scripts/class-archive.sh");

    @TempDir
    Path root;

    private String bash(String commands) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "CLASS_ARCHIVE_ROOT=\"$0\" && source \"$1\" && " + commands, root.toString(), SCRIPT.toString())
                .redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    private String optionsFor(String javaOpts) throws Exception {
        return bash("class_archive_opts " + javaOpts + " && echo \"${CLASS_ARCHIVE_OPTS[*]}\"");
    }

    private Path touch(String file, Instant at) throws Exception {
        Path path = root.resolve("launcher/target").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(at));
        Files.setLastModifiedTime(path.getParent(), FileTime.from(at)); // a folder is as new as its last file
        return path;
    }

    @Test
    void each_collector_gets_the_archive_made_with_its_kind_of_heap() throws Exception {
        assertEquals("", optionsFor("-XX:+UseZGC"), "no archive made: nothing to map");

        Instant built = Instant.parse("2026-12-06T10:00:00Z");
        touch("officeguard.jar", built);
        touch("lib/camel-core.jar", built);
        touch("officeguard.jsa", built.plusSeconds(60));
        touch("officeguard-zgc.jsa", built.plusSeconds(60));
        String quiet = " -Xlog:cds=off -Xlog:cds+dynamic=off";
        assertEquals("-XX:SharedArchiveFile=" + root.resolve("launcher/target/officeguard-zgc.jsa") + quiet,
                optionsFor("-XX:+UseZGC -Xmx256m"));
        assertEquals("-XX:SharedArchiveFile=" + root.resolve("launcher/target/officeguard.jsa") + quiet,
                optionsFor("-XX:+UseSerialGC -Xmx256m"));
    }

    @Test
    void the_archives_are_stale_once_a_jar_is_newer() throws Exception {
        Instant built = Instant.parse("2026-12-06T10:00:00Z");
        touch("officeguard.jar", built);
        Path library = touch("lib/camel-core.jar", built);
        assertEquals("stale", bash("class_archive_stale && echo stale || echo fresh"), "not made yet");

        touch("officeguard.jsa", built.plusSeconds(60));
        assertEquals("stale", bash("class_archive_stale && echo stale || echo fresh"), "the ZGC one not made yet");
        touch("officeguard-zgc.jsa", built.plusSeconds(60));
        assertEquals("fresh", bash("class_archive_stale && echo stale || echo fresh"));

        Files.setLastModifiedTime(library, FileTime.from(built.plusSeconds(120)));
        assertEquals("stale", bash("class_archive_stale && echo stale || echo fresh"), "a library rebuilt since");
    }
}
