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
import java.util.Locale;
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

    /** Loads several site files; site ids must differ, and so must the topics of their devices. */
    public static List<SiteConfig> loadAll(List<Path> files) {
        List<SiteConfig> sites = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        Map<String, String> deviceTopics = new LinkedHashMap<>();
        for (Path file : files) {
            SiteConfig site = load(file);
            Path other = seen.putIfAbsent(site.site(), file);
            if (other != null) {
                throw new ConfigException(file + ":" + siteLine(file) + ": site: '" + site.site()
                        + "' is already configured by " + other);
            }
            for (Device device : site.devices()) {
                String owner = deviceTopics.putIfAbsent(device.topic(), site.site() + "'s device '" + device.id() + "'");
                if (owner != null) {
                    throw new ConfigException(file + ": devices: topic '" + device.topic() + "' of device '"
                            + device.id() + "' is already the topic of " + owner + ": each device needs a topic of"
                            + " its own");
                }
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
        YamlObject doc = YamlObject.of(root, "(top level)", source);
        doc.only("site", "timezone", "businessHours", "rules", "zones", "doors", "people", "pcs", "visitors",
                "devices", "report");

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
        for (YamlObject zoneItem : doc.list("zones", true)) {
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
        for (YamlObject door : doc.list("doors", true)) {
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
        for (YamlObject person : doc.list("people", true)) {
            person.only("badge", "name", "department", "zones", "afterHours");
            String badge = person.id("badge");
            if (!badges.add(badge)) {
                throw person.error("badge", "duplicate badge '" + badge + "'");
            }
            people.put(badge, new Person(badge, person.string("name", true), person.string("department", false),
                    person.zoneList("zones", zones), person.bool("afterHours", false)));
        }

        Map<String, Pc> pcs = new LinkedHashMap<>();
        for (YamlObject pc : doc.list("pcs", false)) {
            pc.only("id", "zone", "owner");
            String id = pc.id("id");
            String zoneId = pc.oneOf("zone", new LinkedHashSet<>(zones));
            String owner = pc.oneOf("owner", people.keySet());
            if (pcs.put(id, new Pc(id, zoneId, owner)) != null) {
                throw pc.error("id", "duplicate PC '" + id + "'");
            }
        }

        Map<String, VisitorPass> visitors = new LinkedHashMap<>();
        for (YamlObject visitor : doc.list("visitors", false)) {
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
        List<Device> devices = new DevicesReader(doors, pcs).read(doc.list("devices", false));
        return new SiteConfig(site, zone, hours, rules, zones, doors, people, pcs, visitors, devices,
                report(doc.obj("report", false)));
    }

    private BusinessHours businessHours(YamlObject hours) {
        hours.only("start", "end");
        LocalTime start = hours.time("start");
        LocalTime end = hours.time("end");
        if (start.equals(end)) {
            throw hours.error("end", "equals start: business hours would be empty");
        }
        return new BusinessHours(start, end);
    }

    /** {@code report: {mailTo: [addresses], language: ja|en}}; every key optional (SPEC §6, E-mail). */
    private ReportSettings report(YamlObject report) {
        if (report == null) {
            return ReportSettings.defaults();
        }
        report.only("mailTo", "language");
        List<String> mailTo = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Scalar item : report.scalars("mailTo", "an e-mail address", "e-mail addresses")) {
            String address = item.text().trim();
            if (!ReportSettings.isAddress(address)) {
                throw report.itemError("mailTo", item, "'" + address + "' is not an e-mail address (name@example.com;"
                        + " no display name)");
            }
            if (!seen.add(address.toLowerCase(Locale.ROOT))) {
                throw report.itemError("mailTo", item, "'" + address + "' is listed twice");
            }
            mailTo.add(address);
        }
        String language = report.has("language") ? report.string("language", true) : "ja";
        if (!ReportSettings.LANGUAGES.contains(language)) {
            throw report.error("language", "must be ja or en, not '" + language + "'");
        }
        return new ReportSettings(mailTo, language);
    }

    private Rules rules(YamlObject settings) {
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
}
