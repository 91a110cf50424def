package org.officeguard.gateway.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.core.model.VisitorRegistration;

/** A {@link DoorGateway} driven by a short event script on 2026-11-25 (Tokyo), keeping every violation it emits. */
final class GatewayScript {

    static final String SITE = """
            site: hq
            timezone: Asia/Tokyo
            businessHours: {start: "07:00", end: "21:00"}
            rules:
              escortSeconds: 60
              visitorCheckoutGraceSeconds: 900
              reorderSeconds: 5
              antiPassback: soft
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
            visitors:
              - {badge: V001, name: Visitor One, host: E001, zones: [lobby, office],
                 validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T12:00:00+09:00"}
            """;

    static final SiteConfig CONFIG = SiteConfigLoader.parse(SITE, "hq.yaml");

    final DoorGateway gateway = new DoorGateway(CONFIG);
    /** Every violation any call returned, in order. */
    final List<Violation> emitted = new ArrayList<>();

    /** 2026-11-25 at a local Tokyo time such as "10:00:00". */
    static Instant at(String localTime) {
        return OffsetDateTime.parse("2026-11-25T" + localTime + "+09:00").toInstant();
    }

    DoorGateway.Result badge(String eventId, String time, String door, String badge, Direction direction) {
        return keep(gateway.onBadge(new BadgeEvent(eventId, at(time), door, badge, direction)));
    }

    /** An observed passage: the reader decided {@code granted} by itself. */
    DoorGateway.Result observed(String eventId, String time, String door, String badge, Direction direction,
            boolean granted) {
        return keep(gateway.onBadge(new BadgeEvent(eventId, at(time), door, badge, direction, granted)));
    }

    DoorGateway.Result clock(String time) {
        return keep(gateway.onClock(at(time)));
    }

    DoorGateway.Result lockup(String eventId, String time, String badge) {
        return keep(gateway.onLastExit(new LastExitEvent(eventId, at(time), badge, LastExitAction.LOCKUP)));
    }

    DoorGateway.Result unlock(String eventId, String time, String badge) {
        return keep(gateway.onLastExit(new LastExitEvent(eventId, at(time), badge, LastExitAction.UNLOCK)));
    }

    DoorGateway.Result register(String eventId, String time, String badge, String host, Set<String> zones,
            String validFrom, String validUntil) {
        return keep(gateway.onRegistration(registration(eventId, time, badge, host, zones, validFrom, validUntil)));
    }

    static VisitorRegistration registration(String eventId, String time, String badge, String host, Set<String> zones,
            String validFrom, String validUntil) {
        return new VisitorRegistration(eventId, at(time), badge, "Visitor " + badge, host, zones, at(validFrom),
                at(validUntil));
    }

    List<Violation> of(Rule rule) {
        return emitted.stream().filter(v -> v.rule() == rule).toList();
    }

    private DoorGateway.Result keep(DoorGateway.Result result) {
        emitted.addAll(result.violations());
        return result;
    }
}
