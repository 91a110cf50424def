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
 *   <li>{@code p % 10 == 1}: IDLE with idleSeconds 400 (≥ screenLockSeconds 300) → one SCREEN_LOCK_IDLE;</li>
 *   <li>{@code p % 10 == 2}: the PC is left ACTIVE when they leave the office → one LEFT_PC_UNLOCKED;</li>
 *   <li>{@code p % 100 == 5}: badges at the server-room door without the zone → denied, ZONE_NOT_ALLOWED;</li>
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

    static String siteYaml(String site, int people) {
        StringBuilder y = new StringBuilder(people * 140);
        y.append("site: ").append(site).append('\n').append("""
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
        for (int p = 1; p <= people; p++) {
            y.append("  - {badge: ").append(badge(p)).append(", name: 社員 ").append(p).append(", department: 部")
                    .append(p % 17).append(", zones: [lobby, office").append(p % 20 == 0 ? ", server-room" : "")
                    .append("]}\n");
        }
        y.append("pcs:\n");
        for (int p = 1; p <= people; p++) {
            y.append("  - {id: ").append(pc(p)).append(", zone: office, owner: ").append(badge(p)).append("}\n");
        }
        return y.toString();
    }

    static String badge(int p) {
        return "E" + padded(p);
    }

    static String pc(int p) {
        return "PC-" + padded(p);
    }

    /** {@code %05d} without String.format: the load generator must not eat the CPU it measures. */
    private static String padded(int p) {
        String s = Integer.toString(p);
        return s.length() >= 5 ? s : "00000".substring(s.length()) + s;
    }

    static String ts(Instant t) {
        return TimeFormat.format(t, ZONE);
    }

    static byte[] badgePayload(String eventId, Instant t, String badge, String direction) {
        return ("{\"eventId\":\"" + eventId + "\",\"ts\":\"" + ts(t) + "\",\"badge\":\"" + badge
                + "\",\"direction\":\"" + direction + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] clockPayload(Instant t) {
        return ("{\"ts\":\"" + ts(t) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The pipeline's inputs for {@code people} employees, {@code cycles} visits each, under topic root {@code root}. */
    static Workload pipeline(String root, String site, int people, int cycles) {
        Workload w = new Workload();
        for (Rule r : Rule.values()) {
            w.expected.put(r, 0);
        }
        String front = root + "/" + site + "/door/front/badge";
        String office = root + "/" + site + "/door/office/badge";
        String server = root + "/" + site + "/door/server/badge";
        w.badge(front, "J0000", "IN");
        w.badge(office, "J0000", "IN");
        for (int c = 0; c < cycles; c++) {
            w.cycleStart.add(w.events.size());
            w.badgesBeforeCycle.add(w.badges);
            for (int g0 = 1; g0 <= people; g0 += GROUP) {
                int g1 = Math.min(people, g0 + GROUP - 1);
                for (int step = 0; step < 8; step++) {
                    if (step == 2) {
                        w.badge(front, "X" + c + "-" + g0, "IN"); // unknown badge
                        w.count(Rule.UNKNOWN_BADGE);
                    }
                    for (int p = g0; p <= g1; p++) {
                        String pcTopic = root + "/" + site + "/pc/" + pc(p) + "/state";
                        switch (step) {
                            case 0 -> w.badge(front, badge(p), "IN");
                            case 1 -> w.badge(office, badge(p), "IN");
                            case 2 -> {
                                if (p % 100 == 5) {
                                    w.badge(server, badge(p), "IN");
                                    w.count(Rule.ZONE_NOT_ALLOWED);
                                }
                            }
                            case 3 -> w.pc(pcTopic, "ACTIVE", 0, badge(p));
                            case 4 -> {
                                w.pc(pcTopic, "IDLE", p % 10 == 1 ? 400 : 60, badge(p));
                                if (p % 10 == 1) {
                                    w.count(Rule.SCREEN_LOCK_IDLE);
                                }
                            }
                            case 5 -> {
                                if (p % 10 == 2) {
                                    w.pc(pcTopic, "ACTIVE", 0, badge(p));
                                    w.count(Rule.LEFT_PC_UNLOCKED);
                                } else {
                                    w.pc(pcTopic, "LOCKED", 0, badge(p));
                                }
                            }
                            case 6 -> w.badge(office, badge(p), "OUT");
                            case 7 -> w.badge(front, badge(p), "OUT");
                            default -> throw new IllegalStateException();
                        }
                    }
                }
            }
        }
        return w;
    }

    /**
     * The index in {@link #events} of the input a decision answers, read from the decision's event id (a badge's
     * id is {@code b} and its index); -1 when it is not one of the workload's.
     */
    static int inputIndex(byte[] decision) {
        String s = new String(decision, StandardCharsets.US_ASCII);
        int i = s.indexOf("\"eventId\":\"b");
        if (i < 0) {
            return -1;
        }
        i += 12;
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j > i ? Integer.parseInt(s, i, j, 10) : -1;
    }

    int totalViolations() {
        return expected.values().stream().mapToInt(Integer::intValue).sum();
    }

    private Instant next() {
        lastTs = T0.plusMillis(events.size());
        return lastTs;
    }

    private void count(Rule r) {
        expected.merge(r, 1, Integer::sum);
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
