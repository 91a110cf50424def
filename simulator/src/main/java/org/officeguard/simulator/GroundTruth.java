package org.officeguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;

/**
 * What the simulated days must produce: every violation the simulator's lapses cause, with the lapse
 * behind it, plus the lapses themselves and how many chances each kind had. Written with
 * {@code --truth FILE}; {@link Verify} compares reports with it.
 *
 * @param unintended violations that no lapse explains (a planning error: normal behaviour must break no
 *     rule); they are in {@code violations} too, since the services must report them all the same
 */
public record GroundTruth(String site, ZoneId timezone, long seed, List<LocalDate> dates, Map<Lapse, Double> rates,
        Map<Lapse, Integer> opportunities, List<LapseEvent> lapses, List<Item> violations, List<Item> unintended) {

    /** One expected violation. {@code lapse} is null only for an unintended one. */
    public record Item(LocalDate date, Rule rule, String badge, String subject, Instant ts, LapseEvent lapse) {}

    public GroundTruth {
        dates = List.copyOf(dates);
        lapses = List.copyOf(lapses);
        violations = List.copyOf(violations);
        unintended = List.copyOf(unintended);
    }

    public long count(Rule rule) {
        return violations.stream().filter(v -> v.rule() == rule).count();
    }

    public long lapses(Lapse kind) {
        return lapses.stream().filter(l -> l.kind() == kind).count();
    }

    // ------------------------------------------------------------------ JSON

    public ObjectNode toJson() {
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("site", site);
        o.put("timezone", timezone.getId());
        o.put("seed", seed);
        ArrayNode d = o.putArray("dates");
        dates.forEach(x -> d.add(x.toString()));
        ObjectNode r = o.putObject("rates");
        rates.forEach((k, v) -> r.put(k.key(), v));
        ObjectNode op = o.putObject("opportunities");
        opportunities.forEach((k, v) -> op.put(k.key(), v));
        ObjectNode byRule = o.putObject("expectedByRule");
        for (Rule rule : Rule.values()) {
            byRule.put(rule.name(), count(rule));
        }
        ArrayNode l = o.putArray("lapses");
        for (LapseEvent e : lapses) {
            ObjectNode n = l.addObject();
            n.put("id", e.id());
            n.put("kind", e.kind().key());
            n.put("date", e.date().toString());
            n.put("who", e.who());
        }
        o.set("violations", items(violations));
        o.set("unintended", items(unintended));
        return o;
    }

    private ArrayNode items(List<Item> list) {
        ArrayNode a = Payloads.JSON.createArrayNode();
        for (Item v : list) {
            ObjectNode n = a.addObject();
            n.put("date", v.date().toString());
            n.put("rule", v.rule().name());
            n.put("badge", v.badge());
            n.put("subject", v.subject());
            n.put("ts", TimeFormat.format(v.ts(), timezone));
            n.put("lapse", v.lapse() == null ? null : v.lapse().id());
        }
        return a;
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Payloads.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + file + ": " + e.getMessage(), e);
        }
    }

    public static GroundTruth read(Path file) {
        try {
            return fromJson(Payloads.JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ground truth " + file + ": " + e.getMessage(), e);
        }
    }

    public static GroundTruth fromJson(JsonNode o) {
        ZoneId tz = ZoneId.of(o.path("timezone").asText("UTC"));
        List<LocalDate> dates = new ArrayList<>();
        o.path("dates").forEach(n -> dates.add(LocalDate.parse(n.asText())));
        Map<Lapse, Double> rates = new EnumMap<>(Lapse.class);
        o.path("rates").fields().forEachRemaining(e -> rates.put(Lapse.ofKey(e.getKey()), e.getValue().asDouble()));
        Map<Lapse, Integer> opportunities = new EnumMap<>(Lapse.class);
        o.path("opportunities").fields().forEachRemaining(e -> opportunities.put(Lapse.ofKey(e.getKey()), e.getValue().asInt()));
        Map<String, LapseEvent> lapses = new LinkedHashMap<>();
        for (JsonNode n : o.path("lapses")) {
            LapseEvent e = new LapseEvent(n.path("id").asText(), Lapse.ofKey(n.path("kind").asText()),
                    LocalDate.parse(n.path("date").asText()), n.path("who").asText());
            lapses.put(e.id(), e);
        }
        return new GroundTruth(o.path("site").asText(), tz, o.path("seed").asLong(), dates, rates, opportunities,
                List.copyOf(lapses.values()), readItems(o.path("violations"), lapses), readItems(o.path("unintended"), lapses));
    }

    private static List<Item> readItems(JsonNode a, Map<String, LapseEvent> lapses) {
        List<Item> out = new ArrayList<>();
        for (JsonNode n : a) {
            out.add(new Item(LocalDate.parse(n.path("date").asText()), Rule.valueOf(n.path("rule").asText()),
                    n.path("badge").asText(), n.path("subject").asText(), TimeFormat.parse(n.path("ts").asText()),
                    n.path("lapse").isTextual() ? lapses.get(n.path("lapse").asText()) : null));
        }
        return out;
    }
}
