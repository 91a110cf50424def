package org.officeguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.officeguard.core.model.Topics.Address;
import org.officeguard.core.model.Topics.Kind;

class TopicsTest {

    private final Topics topics = new Topics("office");

    private Optional<Address> parse(String topic) {
        return topics.parse(topic);
    }

    @Test
    void every_topic_kind_of_the_spec_is_parsed_with_its_site_and_name() {
        assertEquals(Optional.of(new Address(Kind.BADGE, "hq", "front")), parse("office/hq/door/front/badge"));
        assertEquals(Optional.of(new Address(Kind.DECISION, "hq", "front")), parse("office/hq/door/front/decision"));
        assertEquals(Optional.of(new Address(Kind.PC_STATE, "hq", "PC-01")), parse("office/hq/pc/PC-01/state"));
        assertEquals(Optional.of(new Address(Kind.LAST_EXIT, "hq", null)), parse("office/hq/last-exit"));
        assertEquals(Optional.of(new Address(Kind.VISITOR_REGISTER, "hq", null)), parse("office/hq/visitor/register"));
        assertEquals(Optional.of(new Address(Kind.CLOCK, "hq", null)), parse("office/hq/clock"));
        assertEquals(Optional.of(new Address(Kind.VIOLATION, "hq", "LEFT_PC_UNLOCKED")),
                parse("office/hq/violation/LEFT_PC_UNLOCKED"));
        assertEquals(Optional.of(new Address(Kind.REPORT, "hq", "2026-11-25")), parse("office/hq/report/2026-11-25"));
        assertEquals(Optional.of(new Address(Kind.DEADLETTER, "hq", null)), parse("office/hq/deadletter"));
    }

    @Test
    void every_topic_the_builders_make_parses_back_to_what_was_built() {
        assertEquals(new Address(Kind.BADGE, "osaka-2", "back"), parse(topics.badge("osaka-2", "back")).orElseThrow());
        assertEquals(new Address(Kind.DECISION, "osaka-2", "back"), parse(topics.decision("osaka-2", "back")).orElseThrow());
        assertEquals(new Address(Kind.PC_STATE, "osaka-2", "PC-9"), parse(topics.pcState("osaka-2", "PC-9")).orElseThrow());
        assertEquals(new Address(Kind.LAST_EXIT, "osaka-2", null), parse(topics.lastExit("osaka-2")).orElseThrow());
        assertEquals(new Address(Kind.VISITOR_REGISTER, "osaka-2", null),
                parse(topics.visitorRegister("osaka-2")).orElseThrow());
        assertEquals(new Address(Kind.CLOCK, "osaka-2", null), parse(topics.clock("osaka-2")).orElseThrow());
        assertEquals(new Address(Kind.VIOLATION, "osaka-2", "PC_LEFT_ON"),
                parse(topics.violation("osaka-2", Rule.PC_LEFT_ON)).orElseThrow());
        assertEquals(new Address(Kind.REPORT, "osaka-2", "2026-11-25"),
                parse(topics.report("osaka-2", "2026-11-25")).orElseThrow());
        assertEquals(new Address(Kind.DEADLETTER, "osaka-2", null), parse(topics.deadletter("osaka-2")).orElseThrow());
    }

    @Test
    void the_builders_write_the_topics_of_the_spec() {
        assertEquals("office/hq/door/front/badge", topics.badge("hq", "front"));
        assertEquals("office/hq/door/front/decision", topics.decision("hq", "front"));
        assertEquals("office/hq/pc/PC-01/state", topics.pcState("hq", "PC-01"));
        assertEquals("office/hq/last-exit", topics.lastExit("hq"));
        assertEquals("office/hq/visitor/register", topics.visitorRegister("hq"));
        assertEquals("office/hq/clock", topics.clock("hq"));
        assertEquals("office/hq/violation/ANTI_PASSBACK", topics.violation("hq", Rule.ANTI_PASSBACK));
        assertEquals("office/hq/report/2026-11-25", topics.report("hq", "2026-11-25"));
        assertEquals("office/hq/deadletter", topics.deadletter("hq"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "office",
        "office/",
        "office/hq",
        "office/hq/",
        "office//clock",
        "office/hq/clock/",
        "office/hq/clock/extra",
        "office/hq/door/front",
        "office/hq/door/front/open",
        "office/hq/door//badge",
        "office/hq/door/front/badge/extra",
        "office/hq/door/front/badge/",
        "office/hq/report/",
        "office/hq//",
        "officehq/clock",
        "office/hq/pc/PC-01/badge",
        "office/hq/pc/PC-01",
        "office/hq/visitor/unregister",
        "office/hq/visitor",
        "office/hq/violation",
        "office/hq/report",
        "office/hq/last-exit/now",
        "office/hq/lights",
        "offices/hq/clock",
        "other/hq/clock",
        "/office/hq/clock",
        "hq/clock",
        ""
    })
    void a_topic_outside_the_spec_tree_is_rejected(String topic) {
        assertEquals(Optional.empty(), parse(topic));
    }

    @Test
    void a_null_topic_is_rejected() {
        assertEquals(Optional.empty(), parse(null));
    }

    @Test
    void a_configured_root_of_several_levels_is_honoured() {
        Topics acme = new Topics("acme/security");

        assertEquals("acme/security/hq/clock", acme.clock("hq"));
        assertEquals(Optional.of(new Address(Kind.BADGE, "hq", "front")), acme.parse("acme/security/hq/door/front/badge"));
        assertEquals(Optional.empty(), acme.parse("office/hq/door/front/badge"));
        assertEquals(Optional.empty(), acme.parse("acme/hq/door/front/badge"));
    }

    @Test
    void the_site_level_is_the_level_right_after_the_root_whatever_follows_it() {
        assertEquals(Optional.of("hq"), topics.siteLevel("office/hq/door/front/badge"));
        assertEquals(Optional.of("hq"), topics.siteLevel("office/hq/lights")); // not a topic of the spec: still hq's
        assertEquals(Optional.of("hq"), topics.siteLevel("office/hq"));
        assertEquals(Optional.of("HQ!"), topics.siteLevel("office/HQ!/clock")); // whether it is a site id is the caller's
        Topics acme = new Topics("acme/office");
        assertEquals(Optional.of("hq"), acme.siteLevel("acme/office/hq/door/front/badge"));
        assertEquals(Optional.of("office"), acme.siteLevel("acme/office/office/clock"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"office", "office/", "office//clock", "officehq/clock", "offices/hq/clock", "other/hq/clock",
        "/office/hq/clock", "hq/clock", ""})
    void a_topic_not_under_the_root_or_with_an_empty_site_level_has_no_site_level(String topic) {
        assertEquals(Optional.empty(), topics.siteLevel(topic));
    }

    @Test
    void under_a_root_of_several_levels_a_topic_outside_it_has_no_site_level() {
        Topics acme = new Topics("acme/office");
        assertEquals(Optional.empty(), acme.siteLevel("acme/hq/door/front/badge"));
        assertEquals(Optional.empty(), acme.siteLevel("office/hq/door/front/badge"));
        assertEquals(Optional.empty(), acme.siteLevel("acme/office"));
        assertEquals(Optional.empty(), acme.siteLevel("acme/officehq/clock"));
        assertEquals(Optional.empty(), acme.siteLevel(null));
    }

    @Test
    void filters_subscribe_to_every_site() {
        assertEquals(List.of("office/+/door/+/badge", "office/+/visitor/register", "office/+/clock"),
                topics.filters(Kind.BADGE, Kind.VISITOR_REGISTER, Kind.CLOCK));
        assertEquals(List.of("office/+/pc/+/state", "office/+/last-exit", "office/+/violation/+", "office/+/report/+",
                "office/+/deadletter", "office/+/door/+/decision"),
                topics.filters(Kind.PC_STATE, Kind.LAST_EXIT, Kind.VIOLATION, Kind.REPORT, Kind.DEADLETTER, Kind.DECISION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "office/+", "office/#", "#"})
    void a_root_with_wildcards_or_nothing_is_refused(String root) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Topics(root));
        assertTrue(refused.getMessage().contains("topic root"), refused.getMessage());
    }
}
