package org.officeguard.core.config;

import com.fasterxml.jackson.core.JsonParser;
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
        try (JsonParser p = new YAMLFactory().createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(source + ": the file is empty");
            }
            YamlNode node = read(p, first);
            if (p.nextToken() != null) { // Jackson would read the first document and leave the rest unread
                throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr() + ": a second YAML"
                        + " document ('---'); a site file holds one site: give each its own --config");
            }
            return node;
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? ":" + jpe.getLocation().getLineNr() : "";
            throw new ConfigException(source + where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static YamlNode read(JsonParser p, JsonToken token) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    YamlNode value = read(p, p.nextToken());
                    if (entries.put(key, new Entry(keyLine, value)) != null) {
                        throw new IOException("duplicate key '" + key + "' at line " + keyLine);
                    }
                }
                return new MapNode(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(read(p, t));
                }
                return new ListNode(line, items);
            }
            default -> {
                return new Scalar(line, token == JsonToken.VALUE_NULL ? null : p.getText(), token);
            }
        }
    }
}
