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
        ObjectNode json = Payloads.JSON.createObjectNode();
        json.put("site", site);
        json.put("timezone", timezone.getId());
        json.put("seed", seed);
        ArrayNode days = json.putArray("dates");
        dates.forEach(date -> days.add(date.toString()));
        ObjectNode rateByKind = json.putObject("rates");
        rates.forEach((kind, rate) -> rateByKind.put(kind.key(), rate));
        ObjectNode opportunityByKind = json.putObject("opportunities");
        opportunities.forEach((kind, count) -> opportunityByKind.put(kind.key(), count));
        ObjectNode byRule = json.putObject("expectedByRule");
        for (Rule rule : Rule.values()) {
            byRule.put(rule.name(), count(rule));
        }
        ArrayNode lapseList = json.putArray("lapses");
        for (LapseEvent lapse : lapses) {
            ObjectNode node = lapseList.addObject();
            node.put("id", lapse.id());
            node.put("kind", lapse.kind().key());
            node.put("date", lapse.date().toString());
            node.put("who", lapse.who());
        }
        json.set("violations", items(violations));
        json.set("unintended", items(unintended));
        return json;
    }

    private ArrayNode items(List<Item> list) {
        ArrayNode array = Payloads.JSON.createArrayNode();
        for (Item item : list) {
            ObjectNode node = array.addObject();
            node.put("date", item.date().toString());
            node.put("rule", item.rule().name());
            node.put("badge", item.badge());
            node.put("subject", item.subject());
            node.put("ts", TimeFormat.format(item.ts(), timezone));
            node.put("lapse", item.lapse() == null ? null : item.lapse().id());
        }
        return array;
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

    public static GroundTruth fromJson(JsonNode json) {
        ZoneId tz = ZoneId.of(json.path("timezone").asText("UTC"));
        List<LocalDate> dates = new ArrayList<>();
        json.path("dates").forEach(date -> dates.add(LocalDate.parse(date.asText())));
        Map<Lapse, Double> rates = new EnumMap<>(Lapse.class);
        json.path("rates").fields().forEachRemaining(
                rate -> rates.put(Lapse.ofKey(rate.getKey()), rate.getValue().asDouble()));
        Map<Lapse, Integer> opportunities = new EnumMap<>(Lapse.class);
        json.path("opportunities").fields().forEachRemaining(
                count -> opportunities.put(Lapse.ofKey(count.getKey()), count.getValue().asInt()));
        Map<String, LapseEvent> lapses = new LinkedHashMap<>();
        for (JsonNode node : json.path("lapses")) {
            LapseEvent lapse = new LapseEvent(node.path("id").asText(), Lapse.ofKey(node.path("kind").asText()),
                    LocalDate.parse(node.path("date").asText()), node.path("who").asText());
            lapses.put(lapse.id(), lapse);
        }
        return new GroundTruth(json.path("site").asText(), tz, json.path("seed").asLong(), dates, rates, opportunities,
                List.copyOf(lapses.values()), readItems(json.path("violations"), lapses),
                readItems(json.path("unintended"), lapses));
    }

    private static List<Item> readItems(JsonNode array, Map<String, LapseEvent> lapses) {
        List<Item> out = new ArrayList<>();
        for (JsonNode node : array) {
            out.add(new Item(LocalDate.parse(node.path("date").asText()), Rule.valueOf(node.path("rule").asText()),
                    node.path("badge").asText(), node.path("subject").asText(), TimeFormat.parse(node.path("ts").asText()),
                    node.path("lapse").isTextual() ? lapses.get(node.path("lapse").asText()) : null));
        }
        return out;
    }
}
