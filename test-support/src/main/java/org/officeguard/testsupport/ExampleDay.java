package org.officeguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;

/**
 * The worked example of {@code shared/examples} (copied into this module's resources so that the
 * project builds and tests on its own): the site file, the day's device messages in publish order
 * and the expected final report.
 */
public final class ExampleDay {

    /** One line of the day file. */
    public record Message(String topic, String payload) {
        public boolean isBadge() {
            return topic.endsWith("/badge");
        }

        public String eventId() {
            return json(payload).path("eventId").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR = "/examples/";

    private ExampleDay() {}

    public static String siteYaml() {
        return read("hq.yaml");
    }

    /** The example site, parsed. */
    public static SiteConfig site() {
        return SiteConfigLoader.parse(siteYaml(), "hq.yaml");
    }

    /** Writes the site file into {@code dir} and returns its path (services load config from files). */
    public static Path writeSiteYaml(Path dir) {
        try {
            Path file = dir.resolve("hq.yaml");
            Files.writeString(file, siteYaml(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Message> messages() {
        List<Message> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open("hq-2026-11-25.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode parsed = JSON.readTree(line);
                    out.add(new Message(parsed.get("topic").asText(), JSON.writeValueAsString(parsed.get("payload"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Publishes the day as the devices would, keeping causality: after each badge it waits for that
     * badge's decision (the {@code observer} must be subscribed to the decision topics).
     */
    public static void play(TestMqttClient device, TestMqttClient observer) {
        for (Message message : messages()) {
            device.publish(message.topic(), message.payload());
            if (message.isBadge()) {
                String id = message.eventId();
                observer.awaitOne("office/hq/door/+/decision",
                        r -> id.equals(json(r.text()).path("eventId").asText()));
            }
        }
    }

    public static JsonNode expectedReport() {
        return json(read("hq-2026-11-25.expected.json"));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = ExampleDay.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + DIR + name);
        }
        return in;
    }
}
