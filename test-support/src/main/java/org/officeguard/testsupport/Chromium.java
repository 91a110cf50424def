package org.officeguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) looking at a page the way a person would: a
 * screenshot, and the text of the page as printed — what survived layout and CSS — through
 * {@code pdftotext} (Debian's {@code poppler-utils}). The test command installs both.
 */
public final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(Path.of("/usr/bin/pdftotext"))
                && Files.isExecutable(Path.of("/usr/bin/pdfinfo"));
    }

    /** Saves a full-width screenshot of {@code url} to {@code png}. */
    public static void screenshot(String url, Path png, int width, int height) {
        run(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url), png);
    }

    /** Prints {@code url} to PDF and returns the text a reader of that PDF sees, in layout order. */
    public static String printedText(String url, Path pdf) {
        run(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), url), pdf);
        return exec(List.of("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-"));
    }

    /**
     * What {@code pdfinfo} (poppler-utils) says of a PDF, by field: {@code Pages}, {@code Page size} (for A4 it ends
     * with {@code (A4)}), and so on.
     */
    public static Map<String, String> pdfInfo(Path pdf) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : exec(List.of("pdfinfo", pdf.toString())).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static void run(List<String> args, Path output) {
        if (!installed()) {
            throw new IllegalStateException("chromium and pdftotext are needed: run the project's test command"
                    + " (./officeguard test), which installs Debian's chromium and poppler-utils");
        }
        try {
            Path profile = Files.createTempDirectory("officeguard-chromium-");
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
            cmd.addAll(args);
            Files.deleteIfExists(output);
            Files.createDirectories(output.toAbsolutePath().getParent());
            exec(cmd);
            if (!Files.exists(output) || Files.size(output) == 0) {
                throw new IllegalStateException("chromium wrote nothing to " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exec(List<String> cmd) {
        try {
            Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + process.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
