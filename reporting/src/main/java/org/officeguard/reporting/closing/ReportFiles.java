package org.officeguard.reporting.closing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.DayData;
import org.officeguard.reporting.report.DayLinks;
import org.officeguard.reporting.store.StorageUnavailableException;
import org.officeguard.runtime.PrivateDirectory;

/**
 * The files of the final reports, under {@code --data}: {@code reports/SITE/DAY.json}, {@code DAY.csv} and
 * {@code DAY.html} (Japanese), {@code DAY.en.csv} and {@code DAY.en.html}; for a site whose report is mailed, the
 * mail's body as well, {@code DAY.mail.html} (in the site's language). Reports carry people's names: the folders
 * are the service's user's alone and the files readable by that user only.
 */
public final class ReportFiles {

    private final Path root;

    public ReportFiles(Path dataDir) {
        this.root = dataDir.resolve("reports");
    }

    public Path dir(String site) {
        return root.resolve(site);
    }

    /** Where a final report is written: {@code DAY.json}, {@code DAY.csv}, {@code DAY.html} and their {@code .en.} forms. */
    public Path file(String site, LocalDate day, String format, DailyReport.Lang lang) {
        String suffix = !format.equals("json") && lang == DailyReport.Lang.EN ? ".en." + format : "." + format;
        return dir(site).resolve(day + suffix);
    }

    /** Where the body of a final report's mail is written: {@code DAY.mail.html}. */
    public Path mailFile(String site, LocalDate day) {
        return dir(site).resolve(day + ".mail.html");
    }

    /** The day's final JSON as written; null if there is none. */
    byte[] readJson(String site, LocalDate day) {
        Path file = file(site, day, "json", null);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read the report file " + file + ": " + e, e);
        }
    }

    /** Writes the body of the day's mail, whole or not at all (after {@link #write}, which makes the folders). */
    void writeMail(String site, LocalDate day, byte[] body) {
        try {
            write(mailFile(site, day), body);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot write the report files under " + dir(site) + ": " + e, e);
        }
    }

    /**
     * Writes the day's five files, each whole or not at all; {@code json} is the report as published, {@code links}
     * where the HTML pages link to (their month and the days around them).
     */
    void write(String site, LocalDate day, DayData data, byte[] json, DayLinks links) {
        Path dir = dir(site);
        try {
            PrivateDirectory.create(root);
            PrivateDirectory.create(dir);
            write(file(site, day, "json", null), json);
            write(file(site, day, "csv", null), DailyReport.csv(data));
            for (DailyReport.Lang lang : DailyReport.Lang.values()) {
                write(file(site, day, "html", lang), DailyReport.htmlBytes(data, lang, links));
            }
            write(file(site, day, "csv", DailyReport.Lang.EN), DailyReport.csv(data, DailyReport.Lang.EN));
        } catch (IOException e) {
            // the exception's class says what is wrong (AccessDeniedException, FileAlreadyExistsException...)
            throw new StorageUnavailableException("cannot write the report files under " + dir + ": " + e, e);
        }
    }

    /**
     * Deletes the site's files of the days before {@code horizon} (every form, a mail's body and a write left half
     * done included: each file's name starts with its day); returns how many were deleted.
     */
    public int deleteBefore(String site, LocalDate horizon) {
        Path dir = dir(site);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path file : (Iterable<Path>) listed::iterator) {
                LocalDate day = dayOf(file.getFileName().toString());
                if (day != null && day.isBefore(horizon) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot delete the report files under " + dir + ": " + e, e);
        }
        return deleted;
    }

    /** The day a report file's name starts with ({@code 2026-11-25.en.html}); null for any other file. */
    private static LocalDate dayOf(String name) {
        if (name.length() < 11 || name.charAt(10) != '.') {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        restrict(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: leave the defaults
        }
    }
}
