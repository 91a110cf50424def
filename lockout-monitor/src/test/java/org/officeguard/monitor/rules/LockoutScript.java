package org.officeguard.monitor.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;

/**
 * A {@link LockoutMonitor} driven by a short event script on 2026-11-25 (Tokyo), keeping every violation
 * any call returned. Every event gets a fresh, deterministic eventId ({@code d-1}, {@code pc-2}, …) and is
 * returned, so a test can deliver it {@link #again} as the broker would redeliver it.
 *
 * <p>The site: {@code outside → front → lobby → office → server → server-room}; E001–E003 own PC-01–PC-03 in
 * the office; E003 also owns RECEP, a PC in the lobby; V001 is E001's visitor. Rules: screenLock 300 s, leaveGrace 30 s,
 * lastExitGrace 900 s, pcAtLockup OFF, reorder 5 s (change one with {@link #with}).
 */
final class LockoutScript {

    static final Map<String, String> DEFAULT_RULES = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("screenLockSeconds", "300");
        rules.put("leaveGraceSeconds", "30");
        rules.put("lastExitGraceSeconds", "900");
        rules.put("pcAtLockup", "\"OFF\"");
        rules.put("reorderSeconds", "5");
        return rules;
    }

    static String yaml(Map<String, String> rules) {
        StringBuilder lines = new StringBuilder();
        rules.forEach((k, v) -> lines.append("  ").append(k).append(": ").append(v).append('\n'));
        return """
                site: hq
                timezone: Asia/Tokyo
                businessHours: {start: "07:00", end: "21:00"}
                rules:
                """ + lines + """
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
                  - {id: RECEP, zone: lobby,  owner: E003}
                visitors:
                  - {badge: V001, name: Visitor One, host: E001, zones: [lobby, office],
                     validFrom: "2026-11-25T10:00:00+09:00", validUntil: "2026-11-25T20:00:00+09:00"}
                """;
    }

    static final SiteConfig CONFIG = SiteConfigLoader.parse(yaml(DEFAULT_RULES), "hq.yaml");

    final SiteConfig config;
    final LockoutMonitor monitor;
    /** Every violation any call returned, in order. */
    final List<Violation> emitted = new ArrayList<>();
    /** What the latest call returned. */
    List<Violation> returned = List.of();
    private int next;

    LockoutScript() {
        this(CONFIG);
    }

    LockoutScript(SiteConfig config) {
        this.config = config;
        this.monitor = new LockoutMonitor(config);
    }

    /** The default site with one rule changed, e.g. {@code with("pcAtLockup", "\"LOCKED\"")}. */
    static LockoutScript with(String rule, String value) {
        Map<String, String> rules = new LinkedHashMap<>(DEFAULT_RULES);
        rules.put(rule, value);
        return new LockoutScript(SiteConfigLoader.parse(yaml(rules), "hq.yaml"));
    }

    /** 2026-11-25 at a local Tokyo time such as "12:00:00", or a full local date-time "2026-11-26T07:00:00". */
    static Instant at(String localTime) {
        String text = localTime.contains("T") ? localTime : "2026-11-25T" + localTime;
        return OffsetDateTime.parse(text + "+09:00").toInstant();
    }

    // ------------------------------------------------------------------ doors

    /** A granted passage of {@code badge} through {@code door} ("IN" or "OUT"), as the gateway decides it. */
    Decision pass(String badge, String door, String direction, String time) {
        return again(decision(badge, door, direction, time, true, Decision.OK));
    }

    /** A denied badge: nobody moves. */
    Decision denied(String badge, String door, String direction, String time, String reason) {
        return again(decision(badge, door, direction, time, false, reason));
    }

    Decision decision(String badge, String door, String direction, String time, boolean granted, String reason) {
        Door configured = config.door(door).orElseThrow(() -> new IllegalArgumentException("no door " + door));
        Direction dir = Direction.valueOf(direction);
        return new Decision(id("d"), at(time), config.site(), door, badge, dir, configured.origin(dir),
                configured.destination(dir), granted, reason);
    }

    /** outside → lobby → office, both passages at {@code time}. */
    void enterOffice(String badge, String time) {
        pass(badge, "front", "IN", time);
        pass(badge, "office", "IN", time);
    }

    /** office → lobby → outside, both passages at {@code time}; returns the passage that reaches outside. */
    Decision leaveOffice(String badge, String time) {
        pass(badge, "office", "OUT", time);
        return pass(badge, "front", "OUT", time);
    }

    // ------------------------------------------------------------------ PCs

    PcStateEvent pc(String pc, String state, String time) {
        return pc(pc, state, time, null);
    }

    /** A report naming its {@code user} (null: the agent named none, so the owner is the user). */
    PcStateEvent pc(String pc, String state, String time, String user) {
        PcState reported = PcState.valueOf(state);
        return again(new PcStateEvent(id("pc"), at(time), pc, reported, reported == PcState.IDLE ? 60 : 0, user));
    }

    PcStateEvent idle(String pc, long idleSeconds, String time) {
        return idle(pc, idleSeconds, time, null);
    }

    PcStateEvent idle(String pc, long idleSeconds, String time, String user) {
        return again(new PcStateEvent(id("pc"), at(time), pc, PcState.IDLE, idleSeconds, user));
    }

    // ------------------------------------------------------------------ exit panel and clock

    LastExitEvent lockup(String badge, String time) {
        return again(new LastExitEvent(id("x"), at(time), badge, LastExitAction.LOCKUP));
    }

    LastExitEvent unlock(String badge, String time) {
        return again(new LastExitEvent(id("x"), at(time), badge, LastExitAction.UNLOCK));
    }

    List<Violation> tick(String time) {
        return keep(monitor.onClock(at(time)));
    }

    // ------------------------------------------------------------------ (re)delivery

    Decision again(Decision decision) {
        keep(monitor.onDecision(decision));
        return decision;
    }

    PcStateEvent again(PcStateEvent event) {
        keep(monitor.onPcState(event));
        return event;
    }

    LastExitEvent again(LastExitEvent event) {
        keep(monitor.onLastExit(event));
        return event;
    }

    // ------------------------------------------------------------------ what came out

    List<Violation> of(Rule rule) {
        return emitted.stream().filter(v -> v.rule() == rule).toList();
    }

    List<Rule> rules() {
        return emitted.stream().map(Violation::rule).toList();
    }

    /** The only violation of {@code rule}; fails when there is none or more than one. */
    Violation one(Rule rule) {
        List<Violation> found = of(rule);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + rule + " but got " + found);
        }
        return found.get(0);
    }

    private String id(String prefix) {
        return prefix + "-" + (++next);
    }

    private List<Violation> keep(List<Violation> violations) {
        returned = violations;
        emitted.addAll(violations);
        return violations;
    }
}
