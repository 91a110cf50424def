package org.officeguard.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's {@code GET /metrics} (Prometheus's text format) as tests read it: a series' value, promtool's verdict. */
public final class PrometheusText {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private PrometheusText() {}

    /** The value of the series of {@code name} whose labels contain {@code label}; empty if there is none. */
    public static OptionalDouble value(String metrics, String name, String label) {
        Matcher series = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (series.find()) {
            if (series.group(1).contains(label)) {
                return OptionalDouble.of(Double.parseDouble(series.group(2)));
            }
        }
        return OptionalDouble.empty();
    }

    /** Fails unless {@code promtool check metrics} (Debian's package prometheus) accepts {@code metrics}. */
    public static void assertPromtoolAccepts(String metrics) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROMTOOL)) {
            throw new AssertionError("promtool is needed (Debian package prometheus)");
        }
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
            promtool.destroyForcibly();
            throw new AssertionError("promtool did not finish");
        }
        if (promtool.exitValue() != 0) {
            throw new AssertionError("promtool check metrics: " + said + "\n" + metrics);
        }
    }
}
