package org.officeguard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.PcState;

class SiteConfigLoaderTest {

    /** The example site of SPEC §1 (shared/examples/hq.yaml), line for line: error lines below refer to it. */
    static final String HQ = """
            site: hq
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            rules:
              escortSeconds: 60
              screenLockSeconds: 300
              leaveGraceSeconds: 30
              lastExitGraceSeconds: 900
              visitorCheckoutGraceSeconds: 900
              antiPassback: soft
              pcAtLockup: "OFF"
              reorderSeconds: 5
            zones:
              - {id: lobby}
              - {id: office}
              - {id: server-room}
            doors:
              - {id: front,  from: outside, to: lobby}
              - {id: office, from: lobby,   to: office}
              - {id: server, from: office,  to: server-room}
            people:
              - {badge: E001, name: 山田 太郎, department: 営業, zones: [lobby, office]}
              - {badge: E002, name: Sato Hanako, department: IT, zones: [lobby, office, server-room], afterHours: true}
              - {badge: E003, name: 鈴木 一郎, department: 総務, zones: [lobby, office]}
            pcs:
              - {id: PC-01, zone: office, owner: E001}
              - {id: PC-02, zone: office, owner: E002}
              - {id: PC-03, zone: office, owner: E003}
            visitors:
              - {badge: V001, name: Visitor One, host: E001, zones: [lobby, office],
                 validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T12:00:00+09:00"}
            """;

    /** The smallest valid site: no rules, PCs or visitors. */
    static final String MINIMAL = """
            site: branch-2
            timezone: Europe/Berlin
            businessHours: {start: "08:30", end: "18:00"}
            zones:
              - {id: shop}
            doors:
              - {id: main, from: outside, to: shop}
            people:
              - {badge: B1, name: Anna, zones: [shop]}
            """;

    private static SiteConfig parse(String yaml) {
        return SiteConfigLoader.parse(yaml, "hq.yaml");
    }

    /** HQ with one line replaced; {@code line} is 1-based and the old text must be on it (guards the fixture). */
    private static String hqWithLine(int line, String oldText, String newText) {
        List<String> lines = new ArrayList<>(HQ.lines().toList());
        String current = lines.get(line - 1);
        assertTrue(current.contains(oldText), "fixture: line " + line + " is '" + current + "'");
        lines.set(line - 1, current.replace(oldText, newText));
        return String.join("\n", lines) + "\n";
    }

    private static String hqWithLineInserted(int afterLine, String text) {
        List<String> lines = new ArrayList<>(HQ.lines().toList());
        lines.add(afterLine, text);
        return String.join("\n", lines) + "\n";
    }

    private static String hqWithoutLine(int line, String expectedText) {
        List<String> lines = new ArrayList<>(HQ.lines().toList());
        assertTrue(lines.get(line - 1).contains(expectedText), "fixture: line " + line + " is '" + lines.get(line - 1) + "'");
        lines.remove(line - 1);
        return String.join("\n", lines) + "\n";
    }

    private static String failure(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    // ------------------------------------------------------------------ valid sites

    @Test
    void the_example_site_loads_with_every_section() {
        SiteConfig site = parse(HQ);

        assertEquals("hq", site.site());
        assertEquals(ZoneId.of("Asia/Tokyo"), site.timezone());
        assertEquals(new BusinessHours(LocalTime.of(7, 0), LocalTime.of(21, 0)), site.businessHours());
        assertEquals(List.of("lobby", "office", "server-room"), site.zones());
        assertEquals(new Door("front", "outside", "lobby"), site.door("front").orElseThrow());
        assertEquals(new Door("office", "lobby", "office"), site.door("office").orElseThrow());
        assertEquals(new Door("server", "office", "server-room"), site.door("server").orElseThrow());
        assertEquals(3, site.doors().size());

        Person yamada = site.person("E001").orElseThrow();
        assertEquals("山田 太郎", yamada.name());
        assertEquals("営業", yamada.department());
        assertEquals(Set.of("lobby", "office"), yamada.zones());
        assertFalse(yamada.afterHours());
        assertTrue(site.person("E002").orElseThrow().afterHours());
        assertEquals(Set.of("lobby", "office", "server-room"), site.person("E002").orElseThrow().zones());
        assertEquals(3, site.people().size());

        assertEquals(new Pc("PC-01", "office", "E001"), site.pc("PC-01").orElseThrow());
        assertEquals(3, site.pcs().size());

        VisitorPass visitor = site.visitors().get("V001");
        assertEquals("config:V001", visitor.passId());
        assertEquals("E001", visitor.host());
        assertEquals(Set.of("lobby", "office"), visitor.zones());
        assertEquals(OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant(), visitor.validFrom());
        assertEquals(OffsetDateTime.parse("2026-11-25T03:00:00Z").toInstant(), visitor.validUntil());
        assertFalse(visitor.afterHours());
    }

    @Test
    void the_example_rules_are_read() {
        Rules rules = parse(HQ.replace("escortSeconds: 60", "escortSeconds: 45")
                .replace("antiPassback: soft", "antiPassback: hard")
                .replace("reorderSeconds: 5", "reorderSeconds: 0")).rules();

        assertEquals(Duration.ofSeconds(45), rules.escort());
        assertEquals(AntiPassback.HARD, rules.antiPassback());
        assertEquals(Duration.ZERO, rules.reorder());
        assertEquals(Duration.ofSeconds(300), rules.screenLock());
    }

    @Test
    void rules_left_out_take_the_spec_defaults() {
        Rules rules = parse(MINIMAL).rules();

        assertEquals(Duration.ofSeconds(60), rules.escort());
        assertEquals(Duration.ofSeconds(300), rules.screenLock());
        assertEquals(Duration.ofSeconds(30), rules.leaveGrace());
        assertEquals(Duration.ofSeconds(900), rules.lastExitGrace());
        assertEquals(Duration.ofSeconds(900), rules.visitorCheckoutGrace());
        assertEquals(AntiPassback.SOFT, rules.antiPassback());
        assertEquals(PcState.OFF, rules.pcAtLockup());
        assertEquals(Duration.ofSeconds(5), rules.reorder());
    }

    @Test
    void a_partial_rules_section_keeps_the_defaults_of_the_keys_it_leaves_out() {
        Rules rules = parse(MINIMAL + "rules: {escortSeconds: 20, pcAtLockup: \"LOCKED\"}\n").rules();

        assertEquals(Duration.ofSeconds(20), rules.escort());
        assertEquals(PcState.LOCKED, rules.pcAtLockup());
        assertEquals(Duration.ofSeconds(900), rules.visitorCheckoutGrace());
        assertEquals(AntiPassback.SOFT, rules.antiPassback());
        assertEquals(Duration.ofSeconds(5), rules.reorder());
    }

    @Test
    void a_minimal_site_has_no_pcs_and_no_visitors() {
        SiteConfig site = parse(MINIMAL);

        assertEquals("branch-2", site.site());
        assertTrue(site.pcs().isEmpty());
        assertTrue(site.visitors().isEmpty());
        assertEquals(Set.of("shop"), site.zoneSet());
    }

    @Test
    void pc_at_lockup_off_unquoted_still_means_off() {
        SiteConfig locked = parse(hqWithLine(11, "\"OFF\"", "\"LOCKED\""));
        assertEquals(PcState.LOCKED, locked.rules().pcAtLockup(), "control: the key is read");

        SiteConfig off = parse(hqWithLine(11, "\"OFF\"", "OFF"));
        assertEquals(PcState.OFF, off.rules().pcAtLockup());
    }

    @Test
    void pc_at_lockup_locked_unquoted_means_locked() {
        assertEquals(PcState.LOCKED, parse(hqWithLine(11, "\"OFF\"", "LOCKED")).rules().pcAtLockup());
    }

    @Test
    void business_hours_written_without_quotes_are_read_as_times() {
        SiteConfig site = parse(hqWithLine(3, "{start: \"07:00\", end: \"21:00\"}", "{start: 07:00, end: 21:00}"));

        assertEquals(new BusinessHours(LocalTime.of(7, 0), LocalTime.of(21, 0)), site.businessHours());
    }

    @Test
    void a_site_file_is_loaded_from_disk_and_errors_name_the_file(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("hq.yaml"), HQ);
        assertEquals("hq", SiteConfigLoader.load(file).site());

        Path bad = write(dir.resolve("bad.yaml"), hqWithLine(2, "Asia/Tokyo", "Asia/Tokio"));
        String message = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(bad)).getMessage();
        assertMentions(message, "bad.yaml:2:", "timezone", "Asia/Tokio");
    }

    @Test
    void a_missing_site_file_is_a_config_error_naming_it(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.yaml");

        String message = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(missing)).getMessage();

        assertMentions(message, "nowhere.yaml", "cannot read");
    }

    // ------------------------------------------------------------------ start-up errors: key and line

    @Test
    void an_unknown_top_level_key_is_named_with_its_line() {
        String message = failure(hqWithLine(4, "rules:", "rule:"));

        assertMentions(message, "hq.yaml:4:", "rule: unknown key");
    }

    @Test
    void an_unknown_key_at_the_end_of_the_file_is_named_with_its_line() {
        String message = failure(HQ + "lockers: 12\n");

        assertMentions(message, "hq.yaml:32:", "lockers", "unknown key");
    }

    @Test
    void an_unknown_key_inside_a_door_is_named_with_its_path_and_line() {
        String message = failure(hqWithLine(19, "to: office}", "to: office, colour: red}"));

        assertMentions(message, "hq.yaml:19:", "doors[1].colour", "unknown key");
    }

    @Test
    void an_unknown_key_inside_rules_is_named_with_its_path_and_line() {
        String message = failure(hqWithLine(6, "screenLockSeconds", "screenLockSecs"));

        assertMentions(message, "hq.yaml:6:", "rules.screenLockSecs", "unknown key");
    }

    @Test
    void a_missing_timezone_is_named() {
        String message = failure(hqWithoutLine(2, "timezone"));

        assertMentions(message, "hq.yaml:1:", "timezone", "missing required key");
    }

    @Test
    void a_missing_key_inside_a_door_is_named_with_the_door_line() {
        String message = failure(hqWithLine(20, ",  to: server-room}", "}"));

        assertMentions(message, "hq.yaml:20:", "doors[2].to", "missing required key");
    }

    @Test
    void a_door_naming_an_unknown_zone_is_named_with_its_line() {
        String message = failure(hqWithLine(19, "to: office}", "to: offce}"));

        assertMentions(message, "hq.yaml:19:", "doors[1].to", "unknown zone 'offce'");
    }

    @Test
    void a_person_allowed_into_an_unknown_zone_is_named_with_its_line() {
        String message = failure(hqWithLine(24, "zones: [lobby, office]", "zones: [lobby, offices]"));

        assertMentions(message, "hq.yaml:24:", "people[2].zones", "unknown zone 'offices'");
    }

    @Test
    void a_badge_held_by_two_people_is_named_with_the_second_line() {
        String message = failure(hqWithLine(24, "badge: E003", "badge: E001"));

        assertMentions(message, "hq.yaml:24:", "people[2].badge", "duplicate badge 'E001'");
    }

    @Test
    void a_visitor_badge_equal_to_a_person_badge_is_named_with_its_line() {
        String message = failure(hqWithLine(30, "badge: V001", "badge: E002"));

        assertMentions(message, "hq.yaml:30:", "visitors[0].badge", "duplicate badge 'E002'");
    }

    @Test
    void a_pc_owned_by_an_unknown_badge_is_named_with_its_line() {
        String message = failure(hqWithLine(28, "owner: E003", "owner: E009"));

        assertMentions(message, "hq.yaml:28:", "pcs[2].owner", "unknown badge 'E009'");
    }

    @Test
    void a_visitor_with_an_unknown_host_is_named_with_its_line() {
        String message = failure(hqWithLine(30, "host: E001", "host: E404"));

        assertMentions(message, "hq.yaml:30:", "visitors[0].host", "unknown badge 'E404'");
    }

    @Test
    void a_site_id_that_cannot_be_a_topic_level_is_rejected() {
        String upper = failure(hqWithLine(1, "site: hq", "site: HQ"));
        assertMentions(upper, "hq.yaml:1:", "site:", "'HQ'", "[a-z0-9-]+");

        String slash = failure(hqWithLine(1, "site: hq", "site: hq/tokyo"));
        assertMentions(slash, "hq.yaml:1:", "site:", "'hq/tokyo'");
    }

    @Test
    void an_unknown_timezone_is_named_with_its_line() {
        String message = failure(hqWithLine(2, "Asia/Tokyo", "Asia/Tokio"));

        assertMentions(message, "hq.yaml:2:", "timezone", "unknown time zone 'Asia/Tokio'");
    }

    @Test
    void business_hours_not_in_hh_mm_are_named_with_their_line() {
        String noPad = failure(hqWithLine(3, "start: \"07:00\"", "start: \"7:00\""));
        assertMentions(noPad, "hq.yaml:3:", "businessHours.start", "HH:mm", "'7:00'");

        String noHour = failure(hqWithLine(3, "end: \"21:00\"", "end: \"24:00\""));
        assertMentions(noHour, "hq.yaml:3:", "businessHours.end", "'24:00'");

        String words = failure(hqWithLine(3, "end: \"21:00\"", "end: \"9pm\""));
        assertMentions(words, "hq.yaml:3:", "businessHours.end", "'9pm'");
    }

    @Test
    void empty_business_hours_are_rejected() {
        String message = failure(hqWithLine(3, "end: \"21:00\"", "end: \"07:00\""));

        assertMentions(message, "hq.yaml:3:", "businessHours.end", "equals start");
    }

    @Test
    void a_visitor_valid_until_before_valid_from_is_named_with_its_line() {
        String message = failure(hqWithLine(31, "validUntil: \"2026-11-25T12:00:00+09:00\"",
                "validUntil: \"2026-11-25T09:59:59+09:00\""));

        assertMentions(message, "hq.yaml:31:", "visitors[0].validUntil", "before validFrom");
    }

    @Test
    void a_visitor_time_without_an_offset_is_named_with_its_line() {
        String message = failure(hqWithLine(31, "validFrom: \"2026-11-25T10:00:00+09:00\"",
                "validFrom: \"2026-11-25T10:00:00\""));

        assertMentions(message, "hq.yaml:31:", "visitors[0].validFrom", "offset");
    }

    @Test
    void outside_listed_as_a_zone_is_rejected_as_reserved() {
        String message = failure(hqWithLineInserted(16, "  - {id: outside}"));

        assertMentions(message, "hq.yaml:17:", "zones[3].id", "'outside'", "reserved");
    }

    @Test
    void a_zone_listed_twice_is_named_with_its_line() {
        String message = failure(hqWithLineInserted(16, "  - {id: lobby}"));

        assertMentions(message, "hq.yaml:17:", "zones[3].id", "duplicate zone 'lobby'");
    }

    @Test
    void a_bad_rule_value_is_named_with_its_line() {
        String antiPassback = failure(hqWithLine(10, "soft", "strict"));
        assertMentions(antiPassback, "hq.yaml:10:", "rules.antiPassback", "'strict'");

        String pcAtLockup = failure(hqWithLine(11, "\"OFF\"", "ACTIVE"));
        assertMentions(pcAtLockup, "hq.yaml:11:", "rules.pcAtLockup", "'ACTIVE'");

        String negative = failure(hqWithLine(5, "60", "-1"));
        assertMentions(negative, "hq.yaml:5:", "rules.escortSeconds");

        String text = failure(hqWithLine(12, "5", "five"));
        assertMentions(text, "hq.yaml:12:", "rules.reorderSeconds", "'five'");
    }

    @Test
    void after_hours_must_be_a_boolean() {
        String message = failure(hqWithLine(23, "afterHours: true", "afterHours: sometimes"));

        assertMentions(message, "hq.yaml:23:", "people[1].afterHours", "'sometimes'");
    }

    @Test
    void a_key_given_twice_is_rejected_with_its_line() {
        String message = failure(hqWithLineInserted(2, "timezone: UTC"));

        assertMentions(message, "hq.yaml", "duplicate key 'timezone'", "line 3");
    }

    @Test
    void a_file_that_is_not_a_mapping_or_not_yaml_is_rejected() {
        assertMentions(failure("- site: hq\n"), "hq.yaml:1:", "expected a mapping");
        assertMentions(failure(""), "hq.yaml", "empty");
        assertMentions(failure("site: [hq\n"), "hq.yaml", "not valid YAML");
    }

    @Test
    void a_second_yaml_document_is_rejected_not_ignored() {
        assertMentions(failure(HQ + "---\n" + MINIMAL), "hq.yaml:" + (HQ.lines().count() + 2) + ":",
                "a second YAML document", "give each its own --config");
    }

    // ------------------------------------------------------------------ several sites

    @Test
    void several_sites_with_different_ids_load_together(@TempDir Path dir) throws IOException {
        Path hq = write(dir.resolve("hq.yaml"), HQ);
        Path branch = write(dir.resolve("branch.yaml"), MINIMAL);

        List<SiteConfig> sites = SiteConfigLoader.loadAll(List.of(hq, branch));

        assertEquals(List.of("hq", "branch-2"), sites.stream().map(SiteConfig::site).toList());
    }

    @Test
    void two_site_files_with_the_same_site_id_are_rejected_naming_both_files_the_key_and_the_line(@TempDir Path dir)
            throws IOException {
        Path hq = write(dir.resolve("hq.yaml"), HQ);
        Path copy = write(dir.resolve("hq-copy.yaml"), "# the same office again\n" + HQ);

        String message = assertThrows(ConfigException.class, () -> SiteConfigLoader.loadAll(List.of(hq, copy)))
                .getMessage();

        assertMentions(message, "hq-copy.yaml:2:", "site", "'hq'", hq.toString());
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
