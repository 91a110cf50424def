package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.officeguard.core.model.Payloads;

/** The shipped logback.xml: ISO-8601 times with their offset, or one JSON object per line with OFFICEGUARD_LOG_FORMAT=json. */
class LogFormatTest {

    /** What one INFO line looks like with the shipped configuration and {@code format} (null: the default). */
    private static String logLine(String format) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            if (format != null) {
                context.putProperty("OFFICEGUARD_LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            context.getLogger("officeguard.deadletter").info("Dead letter (door-gateway, site hq): office/hq/clock: bad");
        } finally {
            context.stop();
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void text_lines_carry_the_date_and_the_offset() throws Exception {
        String line = logLine(null);
        assertTrue(line.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO  .*"
                + "Dead letter \\(door-gateway, site hq\\): office/hq/clock: bad"), line);
    }

    @Test
    void json_gives_one_object_per_line_with_time_level_logger_and_message() throws Exception {
        String line = logLine("json");
        assertEquals(1, line.lines().count(), line);
        JsonNode json = Payloads.JSON.readTree(line);
        assertEquals("INFO", json.path("level").asText());
        assertEquals("officeguard.deadletter", json.path("logger_name").asText());
        assertEquals("Dead letter (door-gateway, site hq): office/hq/clock: bad", json.path("message").asText());
        assertTrue(json.path("@timestamp").asText().startsWith("20"), line);
    }
}
