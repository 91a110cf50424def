package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.Rule;
import org.officeguard.simulator.Verify;

/**
 * {@code ./officeguard demo} in-process, as a newcomer runs it: the embedded broker, the three services and
 * the simulator on the sample site for one day; the final report matches the simulator's ground truth
 * exactly, rule by rule.
 */
class DemoEndToEndTest {

    @TempDir
    Path dir;

    static CommandLine demo(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "demo";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandLine.parse(all, Map.of("demo", DemoCommand.OPTIONS), DemoCommand.FLAGS);
    }

    /** A few seeds in every build; the closing notes give all twenty. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 3, 14})
    void one_day_of_the_sample_site_verifies_at_precision_and_recall_one_for_every_rule(int seed) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        DemoCommand.Outcome outcome = DemoCommand.play(demo("--seed", Integer.toString(seed), "--data",
                dir.resolve("demo-" + seed).toString()), out, System.err);
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        Verify.Result v = outcome.verify();
        assertTrue(v.datesWithoutReport().isEmpty(), "a final report for the day");
        assertTrue(v.total().expected() >= 5, "the day has lapses to find: " + v.total());
        for (Rule rule : Rule.values()) {
            Verify.Row row = v.row(rule);
            assertEquals(1.0, row.precision(), rule + ": " + row + "\n" + printed);
            assertEquals(1.0, row.recall(), rule + ": " + row + "\n" + printed);
        }
        for (Path f : outcome.reportFiles()) {
            assertTrue(Files.isRegularFile(f));
            String html = f.toString().replace(".json", ".html");
            assertTrue(Files.readString(Path.of(html)).contains("<svg"));
        }
        assertTrue(printed.contains("precision") && printed.contains("file:"), printed);
    }
}
