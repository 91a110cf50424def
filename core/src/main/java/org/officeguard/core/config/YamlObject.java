package org.officeguard.core.config;

import com.fasterxml.jackson.core.JsonToken;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.officeguard.core.config.YamlNode.Entry;
import org.officeguard.core.config.YamlNode.ListNode;
import org.officeguard.core.config.YamlNode.MapNode;
import org.officeguard.core.config.YamlNode.Scalar;

/**
 * A mapping of a site file at a path such as {@code doors[1]}, with typed getters that fail with the file, the
 * key's line and the key: {@code hq.yaml:23: doors[1].to: unknown zone 'lobbyx' (known: …)}.
 */
final class YamlObject {

    /** Ids used as a topic level: no MQTT wildcards, separators or spaces. */
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private final MapNode map;
    private final String path;
    private final String source;

    private YamlObject(MapNode map, String path, String source) {
        this.map = map;
        this.path = path;
        this.source = source;
    }

    /** The mapping {@code node} at {@code path} of the file {@code source}. */
    static YamlObject of(YamlNode node, String path, String source) {
        if (!(node instanceof MapNode map)) {
            throw new ConfigException(source + ":" + node.line() + ": " + path + ": expected a mapping");
        }
        return new YamlObject(map, path, source);
    }

    private String key(String key) {
        return path.equals("(top level)") ? key : path + "." + key;
    }

    ConfigException error(String key, String message) {
        Entry entry = map.entries().get(key);
        int line = entry != null ? entry.line() : map.line();
        return new ConfigException(source + ":" + line + ": " + key(key) + ": " + message);
    }

    boolean has(String key) {
        Entry entry = map.entries().get(key);
        return entry != null && !(entry.value() instanceof Scalar value && value.token() == JsonToken.VALUE_NULL);
    }

    void only(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, Entry> entry : map.entries().entrySet()) {
            if (!ok.contains(entry.getKey())) {
                throw new ConfigException(source + ":" + entry.getValue().line() + ": " + key(entry.getKey())
                        + ": unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private YamlNode require(String key) {
        if (!has(key)) {
            throw new ConfigException(source + ":" + map.line() + ": " + key(key) + ": missing required key");
        }
        return map.entries().get(key).value();
    }

    Scalar scalar(String key) {
        YamlNode node = require(key);
        if (!(node instanceof Scalar scalar)) {
            throw error(key, "expected a single value");
        }
        return scalar;
    }

    String string(String key, boolean required) {
        if (!required && !has(key)) {
            return null;
        }
        String text = scalar(key).text();
        if (text.isBlank()) {
            throw error(key, "must not be empty");
        }
        return text;
    }

    String id(String key) {
        String id = string(key, true);
        if (!TOPIC_ID.matcher(id).matches()) {
            throw error(key, "'" + id + "' may hold only letters, digits, '.', '_' and '-'");
        }
        return id;
    }

    String oneOf(String key, Set<String> known) {
        return oneOf(key, known, noun(key));
    }

    /** The value of {@code key}, which must be one of {@code known}; {@code noun} names what it is in the error. */
    String oneOf(String key, Set<String> known, String noun) {
        String value = string(key, true);
        if (!known.contains(value)) {
            throw error(key, "unknown " + noun + " '" + value + "' (known: " + String.join(", ", known) + ")");
        }
        return value;
    }

    /** The keys of this mapping, in the file's order. */
    Set<String> keys() {
        return map.entries().keySet();
    }

    long positiveLong(String key) {
        Scalar value = scalar(key);
        if (value.token() != JsonToken.VALUE_NUMBER_INT || value.text().startsWith("-")
                || Long.parseLong(value.text()) == 0) {
            throw error(key, "must be a positive whole number, not '" + value.text() + "'");
        }
        return Long.parseLong(value.text());
    }

    boolean bool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        Scalar value = scalar(key);
        if (value.token() != JsonToken.VALUE_TRUE && value.token() != JsonToken.VALUE_FALSE) {
            throw error(key, "must be true or false, not '" + value.text() + "'");
        }
        return value.token() == JsonToken.VALUE_TRUE;
    }

    Duration seconds(String key, Duration dflt) {
        if (!has(key)) {
            return dflt;
        }
        Scalar value = scalar(key);
        if (value.token() != JsonToken.VALUE_NUMBER_INT) {
            throw error(key, "must be a whole number of seconds, not '" + value.text() + "'");
        }
        long seconds = Long.parseLong(value.text());
        if (seconds < 0 || seconds > 7 * 24 * 3600) {
            throw error(key, "must be between 0 and 604800 seconds, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    LocalTime time(String key) {
        String text = string(key, true);
        if (!HH_MM.matcher(text).matches()) {
            throw error(key, "must be a local time \"HH:mm\", not '" + text + "'");
        }
        return LocalTime.parse(text);
    }

    Instant instant(String key) {
        String text = string(key, true);
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw error(key, "must be an ISO-8601 time with an offset, e.g. 2026-11-25T10:00:00+09:00, not '"
                    + text + "'");
        }
    }

    Set<String> zoneList(String key, List<String> zones) {
        YamlNode node = require(key);
        if (!(node instanceof ListNode list)) {
            throw error(key, "expected a list of zone ids");
        }
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof Scalar zone) || zone.text() == null) {
                throw new ConfigException(source + ":" + item.line() + ": " + key(key) + ": expected a zone id");
            }
            if (!zones.contains(zone.text())) {
                throw new ConfigException(source + ":" + item.line() + ": " + key(key) + ": unknown zone '"
                        + zone.text() + "' (known: " + String.join(", ", zones) + ")");
            }
            out.add(zone.text());
        }
        return out;
    }

    /**
     * The scalars of the list at {@code key} (optional: none when absent), each with its line; {@code one} and
     * {@code many} name what an item is, for the errors.
     */
    List<Scalar> scalars(String key, String one, String many) {
        if (!has(key)) {
            return List.of();
        }
        if (!(require(key) instanceof ListNode list)) {
            throw error(key, "expected a list of " + many);
        }
        List<Scalar> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof Scalar scalar) || scalar.text() == null || scalar.text().isBlank()) {
                throw new ConfigException(source + ":" + item.line() + ": " + key(key) + ": expected " + one);
            }
            out.add(scalar);
        }
        return out;
    }

    /** An error of one item of the list at {@code key}, on the item's line. */
    ConfigException itemError(String key, YamlNode item, String message) {
        return new ConfigException(source + ":" + item.line() + ": " + key(key) + ": " + message);
    }

    YamlObject obj(String key, boolean required) {
        if (!required && !has(key)) {
            return null;
        }
        return of(require(key), key(key), source);
    }

    List<YamlObject> list(String key, boolean required) {
        if (!required && !has(key)) {
            return List.of();
        }
        YamlNode node = require(key);
        if (!(node instanceof ListNode list)) {
            throw error(key, "expected a list");
        }
        List<YamlObject> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            out.add(of(list.items().get(i), key(key) + "[" + i + "]", source));
        }
        return out;
    }

    private static String noun(String key) {
        return switch (key) {
            case "from", "to", "zone" -> "zone";
            case "owner", "host" -> "badge";
            default -> key;
        };
    }
}
