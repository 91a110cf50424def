package org.officeguard.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read through Jackson's YAML parser into a tree that remembers the line of every
 * node, so that a config error can name the line as well as the key.
 */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    int line();

    /** A mapping; keys keep their order and their own line. */
    record MapNode(int line, Map<String, Entry> entries) implements YamlNode {}

    record Entry(int line, YamlNode value) {}

    record ListNode(int line, List<YamlNode> items) implements YamlNode {}

    /** A scalar; {@code token} says how YAML typed it (string, number, boolean or null). */
    record Scalar(int line, String text, JsonToken token) implements YamlNode {}

    static YamlNode parse(Reader reader, String source) {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(source + ": the file is empty");
            }
            YamlNode node = read(parser, first);
            if (parser.nextToken() != null) { // Jackson would read the first document and leave the rest unread
                throw new ConfigException(source + ":" + parser.currentTokenLocation().getLineNr() + ": a second YAML"
                        + " document ('---'); a site file holds one site: give each its own --config");
            }
            return node;
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? ":" + json.getLocation().getLineNr() : "";
            throw new ConfigException(source + where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static YamlNode read(JsonParser parser, JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    YamlNode value = read(parser, parser.nextToken());
                    if (entries.put(key, new Entry(keyLine, value)) != null) {
                        throw new IOException("duplicate key '" + key + "' at line " + keyLine);
                    }
                }
                return new MapNode(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(read(parser, next));
                }
                return new ListNode(line, items);
            }
            default -> {
                return new Scalar(line, token == JsonToken.VALUE_NULL ? null : parser.getText(), token);
            }
        }
    }
}
