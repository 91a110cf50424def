package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.officeguard.core.config.Holder;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * A {@link DoorAccess} on a three-door site (soft anti-passback unless {@link #hard()}), badged on 2026-11-25
 * (Tokyo), with the assertions the door decision's tests share.
 */
abstract class DoorAccessCase {

    static final String SITE = """
            site: hq
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            rules: {antiPassback: soft}
            zones:
              - {id: lobby}
              - {id: office}
              - {id: server-room}
            doors:
              - {id: front,  from: outside, to: lobby}
              - {id: office, from: lobby,   to: office}
              - {id: server, from: office,  to: server-room}
              - {id: exit,   from: lobby,   to: outside}
            people:
              - {badge: E001, name: Yamada, zones: [lobby, office]}
              - {badge: E002, name: Sato, zones: [lobby, office, server-room], afterHours: true}
              - {badge: E003, name: Tanaka, zones: [server-room]}
            visitors:
              - {badge: V001, name: Visitor One, host: E001, zones: [lobby],
                 validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T12:00:00+09:00"}
              - {badge: V002, name: Visitor Two, host: E002, zones: [lobby, office, server-room],
                 validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T12:00:00+09:00"}
            """;

    static final SiteConfig SOFT = SiteConfigLoader.parse(SITE, "soft.yaml");
    static final SiteConfig HARD = SiteConfigLoader.parse(
            SITE.replace("antiPassback: soft", "antiPassback: hard"), "hard.yaml");

    DoorAccess access = new DoorAccess(SOFT);
    SiteConfig site = SOFT;
    private int seq;

    void hard() {
        site = HARD;
        access = new DoorAccess(HARD);
    }

    /** 2026-11-25 at a local Tokyo time such as "10:00:00". */
    static Instant at(String localTime) {
        return OffsetDateTime.parse("2026-11-25T" + localTime + "+09:00").toInstant();
    }

    Holder holder(String badge) {
        return site.people().containsKey(badge) ? site.people().get(badge) : site.visitors().get(badge);
    }

    DoorAccess.Outcome badge(String time, String door, String badge, Direction dir) {
        return badge("b-" + (++seq), time, door, badge, dir, holder(badge));
    }

    DoorAccess.Outcome badge(String eventId, String time, String door, String badge, Direction dir,
            Holder holder) {
        return access.decide(new BadgeEvent(eventId, at(time), door, badge, dir), site.door(door).orElseThrow(), holder);
    }

    /** An observed passage: the reader decided {@code granted} by itself. */
    DoorAccess.Outcome observed(String time, String door, String badge, Direction dir, boolean granted) {
        return access.decide(new BadgeEvent("b-" + (++seq), at(time), door, badge, dir, granted),
                site.door(door).orElseThrow(), holder(badge));
    }

    static List<Rule> rules(DoorAccess.Outcome outcome) {
        return outcome.violations().stream().map(Violation::rule).toList();
    }

    static void assertGranted(DoorAccess.Outcome outcome) {
        assertTrue(outcome.decision().granted(), "expected granted: " + outcome.decision());
        assertEquals("OK", outcome.decision().reason());
    }

    static void assertDenied(DoorAccess.Outcome outcome, Rule reason) {
        assertFalse(outcome.decision().granted(), "expected denied: " + outcome.decision());
        assertEquals(reason.name(), outcome.decision().reason());
        assertEquals(List.of(reason), rules(outcome), "a denial reports exactly the rule that denied");
    }
}
