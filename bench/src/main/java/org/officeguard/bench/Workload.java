package org.officeguard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;

/**
 * The generated site and the pipeline's day: {@code people} employees (each with a PC) in groups of 100
 * walking in (front, office), using their PC and walking out, plus a janitor who stays in all day so that
 * occupancy never falls to zero (no LOCKUP_MISSING, no PC_LEFT_ON). Every violation is planted, so the
 * counts are known in advance:
 * <ul>
 *   <li>{@code person % 10 == 1}: IDLE with idleSeconds 400 (≥ screenLockSeconds 300) → one SCREEN_LOCK_IDLE;</li>
 *   <li>{@code person % 10 == 2}: the PC is left ACTIVE when they leave the office → one LEFT_PC_UNLOCKED;</li>
 *   <li>{@code person % 100 == 5}: badges at the server-room door without the zone → denied, ZONE_NOT_ALLOWED;</li>
 *   <li>one unknown badge per group at the front door → denied, UNKNOWN_BADGE.</li>
 * </ul>
 * Event time starts at 09:00 local and moves 1 ms per event, so the whole day stays in business hours.
 */
final class Workload {

    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final Instant T0 = OffsetDateTime.parse("2026-11-25T09:00:00+09:00").toInstant();
    /** The bench's site, and the day its inputs are stamped with. */
    static final String SITE = "bench";
    static final String DATE = "2026-11-25";
    static final int GROUP = 100;

    /** One input: where, what, and whether a decision must answer it. */
    record Event(String topic, byte[] payload, boolean badge) {}

    final List<Event> events = new ArrayList<>();
    final Map<Rule, Integer> expected = new EnumMap<>(Rule.class);
    int badges;
    /** Where each cycle (one visit of everyone) starts in {@link #events}, and the badges before it. */
    final List<Integer> cycleStart = new ArrayList<>();
    final List<Integer> badgesBeforeCycle = new ArrayList<>();
    int pcStates;
    Instant lastTs;
    /** {@code root/site}, and the badge topics of its doors. */
    private final String siteTopic;
    private final String front;
    private final String office;
    private final String server;

    private Workload(String siteTopic) {
        this.siteTopic = siteTopic;
        this.front = siteTopic + "/door/front/badge";
        this.office = siteTopic + "/door/office/badge";
        this.server = siteTopic + "/door/server/badge";
    }

    static String siteYaml(String site, int people) {
        StringBuilder yaml = new StringBuilder(people * 140);
        yaml.append("site: ").append(site).append('\n').append("""
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
                  - {badge: J0000, name: Janitor, department: Facilities, zones: [lobby, office, server-room]}
                """);
        for (int person = 1; person <= people; person++) {
            yaml.append("  - {badge: ").append(badge(person)).append(", name: 社員 ").append(person)
                    .append(", department: 部").append(person % 17).append(", zones: [lobby, office")
                    .append(person % 20 == 0 ? ", server-room" : "").append("]}\n");
        }
        yaml.append("pcs:\n");
        for (int person = 1; person <= people; person++) {
            yaml.append("  - {id: ").append(pc(person)).append(", zone: office, owner: ").append(badge(person))
                    .append("}\n");
        }
        return yaml.toString();
    }

    static String badge(int person) {
        return "E" + padded(person);
    }

    static String pc(int person) {
        return "PC-" + padded(person);
    }

    /** {@code %05d} without String.format: the load generator must not eat the CPU it measures. */
    private static String padded(int number) {
        String digits = Integer.toString(number);
        return digits.length() >= 5 ? digits : "00000".substring(digits.length()) + digits;
    }

    static String ts(Instant instant) {
        return TimeFormat.format(instant, ZONE);
    }

    static byte[] badgePayload(String eventId, Instant ts, String badge, String direction) {
        return ("{\"eventId\":\"" + eventId + "\",\"ts\":\"" + ts(ts) + "\",\"badge\":\"" + badge
                + "\",\"direction\":\"" + direction + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] clockPayload(Instant ts) {
        return ("{\"ts\":\"" + ts(ts) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The pipeline's inputs for {@code people} employees, {@code cycles} visits each, under topic root {@code root}. */
    static Workload pipeline(String root, String site, int people, int cycles) {
        Workload workload = new Workload(root + "/" + site);
        for (Rule rule : Rule.values()) {
            workload.expected.put(rule, 0);
        }
        workload.badge(workload.front, "J0000", "IN");
        workload.badge(workload.office, "J0000", "IN");
        for (int cycle = 0; cycle < cycles; cycle++) {
            workload.cycleStart.add(workload.events.size());
            workload.badgesBeforeCycle.add(workload.badges);
            for (int first = 1; first <= people; first += GROUP) {
                workload.visit(cycle, first, Math.min(people, first + GROUP - 1));
            }
        }
        return workload;
    }

    /** A group's visit, step by step for everyone in it; an unknown badge at the front door with the third step. */
    private void visit(int cycle, int first, int last) {
        for (int step = 0; step < 8; step++) {
            if (step == 2) {
                badge(front, "X" + cycle + "-" + first, "IN"); // unknown badge
                count(Rule.UNKNOWN_BADGE);
            }
            for (int person = first; person <= last; person++) {
                step(step, person);
            }
        }
    }

    /** One step of a person's visit: in, to the office, (server room), PC active, idle, locked, out of the office, out. */
    private void step(int step, int person) {
        String pcTopic = siteTopic + "/pc/" + pc(person) + "/state";
        switch (step) {
            case 0 -> badge(front, badge(person), "IN");
            case 1 -> badge(office, badge(person), "IN");
            case 2 -> {
                if (person % 100 == 5) {
                    badge(server, badge(person), "IN");
                    count(Rule.ZONE_NOT_ALLOWED);
                }
            }
            case 3 -> pc(pcTopic, "ACTIVE", 0, badge(person));
            case 4 -> {
                pc(pcTopic, "IDLE", person % 10 == 1 ? 400 : 60, badge(person));
                if (person % 10 == 1) {
                    count(Rule.SCREEN_LOCK_IDLE);
                }
            }
            case 5 -> {
                if (person % 10 == 2) {
                    pc(pcTopic, "ACTIVE", 0, badge(person));
                    count(Rule.LEFT_PC_UNLOCKED);
                } else {
                    pc(pcTopic, "LOCKED", 0, badge(person));
                }
            }
            case 6 -> badge(office, badge(person), "OUT");
            case 7 -> badge(front, badge(person), "OUT");
            default -> throw new IllegalStateException("a visit has 8 steps, not step " + step);
        }
    }

    /**
     * The index in {@link #events} of the input a decision answers, read from the decision's event id (a badge's
     * id is {@code b} and its index); -1 when it is not one of the workload's.
     */
    static int inputIndex(byte[] decision) {
        String text = new String(decision, StandardCharsets.US_ASCII);
        int eventId = text.indexOf("\"eventId\":\"b");
        if (eventId < 0) {
            return -1;
        }
        int digits = eventId + 12;
        int end = digits;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end > digits ? Integer.parseInt(text, digits, end, 10) : -1;
    }

    int totalViolations() {
        return expected.values().stream().mapToInt(Integer::intValue).sum();
    }

    private Instant next() {
        lastTs = T0.plusMillis(events.size());
        return lastTs;
    }

    private void count(Rule rule) {
        expected.merge(rule, 1, Integer::sum);
    }

    private void badge(String topic, String badge, String direction) {
        String id = "b" + events.size();
        events.add(new Event(topic, badgePayload(id, next(), badge, direction), true));
        badges++;
    }

    private void pc(String topic, String state, int idle, String user) {
        String id = "p" + events.size();
        byte[] payload = ("{\"eventId\":\"" + id + "\",\"ts\":\"" + ts(next()) + "\",\"state\":\"" + state
                + "\",\"idleSeconds\":" + idle + ",\"user\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8);
        events.add(new Event(topic, payload, false));
        pcStates++;
    }
}
