package org.officeguard.core.config;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.officeguard.core.config.YamlNode.Entry;
import org.officeguard.core.config.YamlNode.ListNode;
import org.officeguard.core.config.YamlNode.MapNode;
import org.officeguard.core.config.YamlNode.Scalar;
import org.officeguard.core.model.PcState;

/**
 * Reads and validates a site file (SPEC §1). Every problem stops the load with a message of the form
 * {@code hq.yaml:23: doors[1].to: unknown zone 'lobbyx' (known: outside, lobby, office)}: nothing
 * starts half-configured.
 */
public final class SiteConfigLoader {

    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9-]+");
    /** Ids used as a topic level: no MQTT wildcards, separators or spaces. */
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private final String source;

    private SiteConfigLoader(String source) {
        this.source = source;
    }

    public static SiteConfig load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new SiteConfigLoader(file.toString()).read(YamlNode.parse(reader, file.toString()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the site file: " + e.getMessage());
        }
    }

    public static SiteConfig parse(String yaml, String source) {
        return new SiteConfigLoader(source).read(YamlNode.parse(new StringReader(yaml), source));
    }

    /** Loads several site files; site ids must differ. */
    public static List<SiteConfig> loadAll(List<Path> files) {
        List<SiteConfig> sites = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path file : files) {
            SiteConfig site = load(file);
            Path other = seen.putIfAbsent(site.site(), file);
            if (other != null) {
                throw new ConfigException(file + ":" + siteLine(file) + ": site: '" + site.site()
                        + "' is already configured by " + other);
            }
            sites.add(site);
        }
        return sites;
    }

    /** The line of the top-level {@code site} key of a file that has already loaded. */
    private static int siteLine(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ((MapNode) YamlNode.parse(reader, file.toString())).entries().get("site").line();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the site file: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ the document

    private SiteConfig read(YamlNode root) {
        Obj doc = obj(root, "(top level)");
        doc.only("site", "timezone", "businessHours", "rules", "zones", "doors", "people", "pcs", "visitors");

        String site = doc.string("site", true);
        if (!SITE_ID.matcher(site).matches()) {
            throw doc.error("site", "'" + site + "' must match [a-z0-9-]+ (it is used in MQTT topics)");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(doc.string("timezone", true));
        } catch (DateTimeException e) {
            throw doc.error("timezone", "unknown time zone '" + doc.string("timezone", true) + "' (e.g. Asia/Tokyo)");
        }
        BusinessHours hours = businessHours(doc.obj("businessHours", true));
        Rules rules = rules(doc.obj("rules", false));

        List<String> zones = new ArrayList<>();
        for (Obj zoneItem : doc.list("zones", true)) {
            zoneItem.only("id");
            String id = zoneItem.id("id");
            if (SiteConfig.OUTSIDE.equals(id)) {
                throw zoneItem.error("id", "'outside' is implicit and reserved: do not list it");
            }
            if (zones.contains(id)) {
                throw zoneItem.error("id", "duplicate zone '" + id + "'");
            }
            zones.add(id);
        }
        Set<String> places = new LinkedHashSet<>();
        places.add(SiteConfig.OUTSIDE);
        places.addAll(zones);

        Map<String, Door> doors = new LinkedHashMap<>();
        for (Obj door : doc.list("doors", true)) {
            door.only("id", "from", "to");
            String id = door.id("id");
            String from = door.oneOf("from", places);
            String to = door.oneOf("to", places);
            if (from.equals(to)) {
                throw door.error("to", "a door must lead somewhere else than where it starts ('" + from + "')");
            }
            if (doors.put(id, new Door(id, from, to)) != null) {
                throw door.error("id", "duplicate door '" + id + "'");
            }
        }

        Set<String> badges = new HashSet<>();
        Map<String, Person> people = new LinkedHashMap<>();
        for (Obj person : doc.list("people", true)) {
            person.only("badge", "name", "department", "zones", "afterHours");
            String badge = person.id("badge");
            if (!badges.add(badge)) {
                throw person.error("badge", "duplicate badge '" + badge + "'");
            }
            people.put(badge, new Person(badge, person.string("name", true), person.string("department", false),
                    person.zoneList("zones", zones), person.bool("afterHours", false)));
        }

        Map<String, Pc> pcs = new LinkedHashMap<>();
        for (Obj pc : doc.list("pcs", false)) {
            pc.only("id", "zone", "owner");
            String id = pc.id("id");
            String zoneId = pc.oneOf("zone", new LinkedHashSet<>(zones));
            String owner = pc.oneOf("owner", people.keySet());
            if (pcs.put(id, new Pc(id, zoneId, owner)) != null) {
                throw pc.error("id", "duplicate PC '" + id + "'");
            }
        }

        Map<String, VisitorPass> visitors = new LinkedHashMap<>();
        for (Obj visitor : doc.list("visitors", false)) {
            visitor.only("badge", "name", "host", "zones", "validFrom", "validUntil");
            String badge = visitor.id("badge");
            if (!badges.add(badge)) {
                throw visitor.error("badge", "duplicate badge '" + badge + "'");
            }
            String host = visitor.oneOf("host", people.keySet());
            Instant from = visitor.instant("validFrom");
            Instant until = visitor.instant("validUntil");
            if (until.isBefore(from)) {
                throw visitor.error("validUntil", "is before validFrom");
            }
            visitors.put(badge, new VisitorPass("config:" + badge, badge, visitor.string("name", true), host,
                    visitor.zoneList("zones", zones), from, until));
        }
        return new SiteConfig(site, zone, hours, rules, zones, doors, people, pcs, visitors);
    }

    private BusinessHours businessHours(Obj hours) {
        hours.only("start", "end");
        LocalTime start = hours.time("start");
        LocalTime end = hours.time("end");
        if (start.equals(end)) {
            throw hours.error("end", "equals start: business hours would be empty");
        }
        return new BusinessHours(start, end);
    }

    private Rules rules(Obj settings) {
        Rules defaults = Rules.defaults();
        if (settings == null) {
            return defaults;
        }
        settings.only("escortSeconds", "screenLockSeconds", "leaveGraceSeconds", "lastExitGraceSeconds",
                "visitorCheckoutGraceSeconds", "antiPassback", "pcAtLockup", "reorderSeconds");
        String ap = settings.has("antiPassback") ? settings.string("antiPassback", true).toLowerCase() : "soft";
        if (!ap.equals("soft") && !ap.equals("hard")) {
            throw settings.error("antiPassback", "must be soft or hard, not '" + ap + "'");
        }
        PcState pcAtLockup = PcState.OFF;
        if (settings.has("pcAtLockup")) {
            // YAML 1.1 reads a bare OFF as the boolean false: the text is still "OFF", so accept it.
            String text = settings.scalar("pcAtLockup").text();
            if ("off".equalsIgnoreCase(text)) {
                pcAtLockup = PcState.OFF;
            } else if ("locked".equalsIgnoreCase(text)) {
                pcAtLockup = PcState.LOCKED;
            } else {
                throw settings.error("pcAtLockup", "must be \"OFF\" or \"LOCKED\", not '" + text + "'");
            }
        }
        return new Rules(
                settings.seconds("escortSeconds", defaults.escort()),
                settings.seconds("screenLockSeconds", defaults.screenLock()),
                settings.seconds("leaveGraceSeconds", defaults.leaveGrace()),
                settings.seconds("lastExitGraceSeconds", defaults.lastExitGrace()),
                settings.seconds("visitorCheckoutGraceSeconds", defaults.visitorCheckoutGrace()),
                ap.equals("hard") ? AntiPassback.HARD : AntiPassback.SOFT,
                pcAtLockup,
                settings.seconds("reorderSeconds", defaults.reorder()));
    }

    // ------------------------------------------------------------------ typed access with located errors

    private Obj obj(YamlNode node, String path) {
        if (!(node instanceof MapNode map)) {
            throw new ConfigException(source + ":" + node.line() + ": " + path + ": expected a mapping");
        }
        return new Obj(map, path);
    }

    /** A mapping at a path such as {@code doors[1]}, with typed getters that fail with the key's line. */
    private final class Obj {
        private final MapNode map;
        private final String path;

        Obj(MapNode map, String path) {
            this.map = map;
            this.path = path;
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
            String value = string(key, true);
            if (!known.contains(value)) {
                throw error(key, "unknown " + noun(key) + " '" + value + "' (known: " + String.join(", ", known) + ")");
            }
            return value;
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

        Obj obj(String key, boolean required) {
            if (!required && !has(key)) {
                return null;
            }
            return SiteConfigLoader.this.obj(require(key), key(key));
        }

        List<Obj> list(String key, boolean required) {
            if (!required && !has(key)) {
                return List.of();
            }
            YamlNode node = require(key);
            if (!(node instanceof ListNode list)) {
                throw error(key, "expected a list");
            }
            List<Obj> out = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                out.add(SiteConfigLoader.this.obj(list.items().get(i), key(key) + "[" + i + "]"));
            }
            return out;
        }
    }

    private static String noun(String key) {
        return switch (key) {
            case "from", "to", "zone" -> "zone";
            case "owner", "host" -> "badge";
            default -> key;
        };
    }
}
