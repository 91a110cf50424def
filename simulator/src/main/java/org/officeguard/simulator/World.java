package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.officeguard.core.config.AntiPassback;
import org.officeguard.core.config.Door;
import org.officeguard.core.config.Pc;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Direction;
import org.officeguard.core.model.LastExitAction;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.Rule;

/**
 * The simulator's own model of what its people did and what that must cause: it walks the planned acts
 * in time order, keeps where everybody is (physically, and as far as the badge readers know), the PCs'
 * states, the passes and the lockup, and writes down every violation SPEC §3 makes of them, each with
 * the lapse that caused it. It is written from the SPEC, independently of the services' rule code.
 *
 * <p>Where the site's devices speak their own language (SPEC §8), it follows what they did: a reader's verdict
 * decides an observed passage (its violations reported all the same), and a HASS.Agent's PC has the states the
 * device-bridge makes of what the agent published, when it published them.
 *
 * <p>It also checks the plan: a badge presented by someone who is not at that door, or a decision other
 * than the one the planner made them act on, is a planning error ({@link #problems()}); a violation with
 * no lapse behind it is one too ({@link #unintended()}): normal behaviour must break no rule.
 */
final class World {

    /** A violation the acts must cause. */
    record Expected(Rule rule, Instant ts, String badge, String subject, LapseEvent cause) {}

    /**
     * The decision a badge must get: {@code granted} is the reader's verdict for an observed passage (SPEC §3),
     * officeguard's own otherwise; {@code reason} is always officeguard's own, and {@code officeguardGrants} its own
     * verdict (what a §2 reader at that door would have got).
     */
    record Outcome(boolean granted, String reason, boolean officeguardGrants) {}

    private record Deadline(Instant at, long seq, Runnable check) {}

    private static final class PassState {
        final String badge;
        final String host;
        final Set<String> zones;
        final Instant validFrom;
        final Instant validUntil;
        boolean reported;

        PassState(String badge, String host, Set<String> zones, Instant validFrom, Instant validUntil) {
            this.badge = badge;
            this.host = host;
            this.zones = zones;
            this.validFrom = validFrom;
            this.validUntil = validUntil;
        }
    }

    private static final class PcStatus {
        PcState state;
        String user;
        LapseEvent cause;
        Instant lastProtected;
        boolean idleReported;
    }

    private record Passage(Instant ts, String badge) {}

    private final SiteConfig site;
    private final DeviceMap devices;
    private final Map<String, String> known = new HashMap<>();
    private final Map<String, String> physical = new HashMap<>();
    private final Map<String, PassState> passes = new HashMap<>();
    private final Map<String, LapseEvent> visitorCause = new HashMap<>();
    private final Map<String, List<Passage>> recent = new HashMap<>();
    private final Map<String, PcStatus> pcs = new HashMap<>();
    /** The PCs whose last report named this user, by id. */
    private final Map<String, TreeMap<String, Pc>> usedBy = new HashMap<>();
    private final List<Pc> sortedPcs;
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private long deadlineSeq;
    private boolean lockedUp;
    private Act.Badge emptiedBy;

    private final List<Expected> expected = new ArrayList<>();
    private final List<Expected> unintended = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Act.Badge, Outcome> outcomes = new IdentityHashMap<>();

    World(SiteConfig site) {
        this(site, DeviceMap.none(site));
    }

    /** The model of {@code site} whose readers and agents are {@code devices}. */
    World(SiteConfig site, DeviceMap devices) {
        this.site = site;
        this.devices = devices;
        this.sortedPcs = List.copyOf(new TreeMap<>(site.pcs()).values());
        for (VisitorPass pass : new TreeMap<>(site.visitors()).values()) {
            issue(new PassState(pass.badge(), pass.host(), pass.zones(), pass.validFrom(), pass.validUntil()));
        }
    }

    List<Expected> expected() {
        return expected;
    }

    List<Expected> unintended() {
        return unintended;
    }

    List<String> problems() {
        return problems;
    }

    Outcome outcome(Act.Badge badge) {
        return outcomes.get(badge);
    }

    /** Plays {@code acts} (sorted by ts, then seq) and then every deadline left. */
    void run(List<Act> acts) {
        for (Act act : acts) {
            fireBefore(act.ts());
            if (act instanceof Act.Badge presented) {
                badge(presented);
            } else if (act instanceof Act.Tailgate followed) {
                tailgate(followed);
            } else if (act instanceof Act.PcReport report) {
                pcReport(report);
            } else if (act instanceof Act.AgentPoll poll && poll.state() != null) {
                // what the device-bridge makes of the agent's message, stamped with the poll (SPEC §8)
                pcReport(new Act.PcReport(poll.ts(), poll.seq(), poll.cause(), poll.pc(), poll.state(),
                        poll.idleSeconds(), null));
            } else if (act instanceof Act.Panel panel) {
                panel(panel);
            } else if (act instanceof Act.Register registration) {
                issue(new PassState(registration.badge(), registration.host(), Set.copyOf(registration.zones()),
                        registration.validFrom(), registration.validUntil()));
                visitorCause.remove(registration.badge());
            }
        }
        while (!deadlines.isEmpty()) {
            deadlines.poll().check.run();
        }
    }

    // ------------------------------------------------------------------ doors

    private void badge(Act.Badge act) {
        Door door = site.doors().get(act.door());
        String origin = door.origin(act.direction());
        String destination = door.destination(act.direction());
        Person person = site.people().get(act.badge());
        PassState pass = person == null ? passes.get(act.badge()) : null;

        if (person != null || pass != null) {
            String here = physical.getOrDefault(act.badge(), SiteConfig.OUTSIDE);
            if (!here.equals(origin)) {
                problems.add(act.ts() + " " + act.badge() + " badges " + door.id() + " " + act.direction() + " from " + origin
                        + " but is in " + here);
            }
        }
        Outcome decision = decide(act, door, origin, destination, person, pass);
        // an observed passage (SPEC §3): the reader's verdict replaces step 5's grant or the deny of steps 1–4
        Boolean verdict = devices.verdict(door.id(), act.direction(), act.badge(), decision.granted(), decision.reason());
        boolean through = verdict != null ? verdict : decision.granted();
        if (through) {
            boolean afterHours = person != null && person.afterHours();
            if (SiteConfig.OUTSIDE.equals(origin) && !afterHours) {
                LocalTime local = act.ts().atZone(site.timezone()).toLocalTime();
                if (!site.businessHours().contains(local)) {
                    record(Rule.AFTER_HOURS_ENTRY, act.ts(), act.badge(), "door:" + door.id(), act.cause());
                }
            }
            granted(act, door, origin, destination, pass);
        }
        outcomes.put(act, new Outcome(through, decision.reason(), decision.granted()));
        if (through != act.expectGrant()) {
            problems.add(act.ts() + " " + act.badge() + " at " + door.id() + " " + act.direction() + ": planned "
                    + (act.expectGrant() ? "a grant" : "a denial") + " but the " + (verdict != null ? "reader" : "rules")
                    + " say " + decision.reason());
        }
        if (through && (person != null || pass != null)) {
            physical.put(act.badge(), destination);
        }
    }

    /** officeguard's own door decision (SPEC §3, steps 1–5), each violation of steps 1–4 recorded. */
    private Outcome decide(Act.Badge act, Door door, String origin, String destination, Person person, PassState pass) {
        // egress is free (SPEC §3): steps 2–4 deny IN passages only, and a passage to outside is egress
        boolean entering = act.direction() == Direction.IN && !SiteConfig.OUTSIDE.equals(destination);
        String subject = "door:" + door.id();
        if (person == null && pass == null) {
            record(Rule.UNKNOWN_BADGE, act.ts(), act.badge(), subject, act.cause());
            return denied(Rule.UNKNOWN_BADGE);
        } else if (entering && pass != null && (act.ts().isBefore(pass.validFrom) || act.ts().isAfter(pass.validUntil))) {
            record(Rule.VISITOR_PASS_INVALID, act.ts(), act.badge(), subject, act.cause());
            return denied(Rule.VISITOR_PASS_INVALID);
        } else if (entering && !(person != null ? person.zones() : pass.zones).contains(destination)) {
            record(Rule.ZONE_NOT_ALLOWED, act.ts(), act.badge(), subject, act.cause());
            return denied(Rule.ZONE_NOT_ALLOWED);
        }
        String location = known.getOrDefault(act.badge(), SiteConfig.OUTSIDE);
        if (!location.equals(origin)) {
            record(Rule.ANTI_PASSBACK, act.ts(), act.badge(), subject, act.cause());
            if (site.rules().antiPassback() == AntiPassback.HARD && entering) {
                return denied(Rule.ANTI_PASSBACK);
            }
        }
        return new Outcome(true, "OK", true);
    }

    private static Outcome denied(Rule rule) {
        return new Outcome(false, rule.name(), false);
    }

    private void tailgate(Act.Tailgate act) {
        Door door = site.doors().get(act.door());
        String here = physical.getOrDefault(act.badge(), SiteConfig.OUTSIDE);
        if (!here.equals(door.origin(act.direction()))) {
            problems.add(act.ts() + " " + act.badge() + " tailgates " + door.id() + " but is in " + here);
        }
        physical.put(act.badge(), door.destination(act.direction()));
    }

    private void granted(Act.Badge act, Door door, String origin, String destination, PassState pass) {
        Instant ts = act.ts();
        // where the readers think everybody is; lockup and occupancy
        if (SiteConfig.OUTSIDE.equals(origin)) {
            lockedUp = false;
        }
        boolean wasInside = !SiteConfig.OUTSIDE.equals(known.getOrDefault(act.badge(), SiteConfig.OUTSIDE));
        boolean nowInside = !SiteConfig.OUTSIDE.equals(destination);
        if (nowInside) {
            known.put(act.badge(), destination);
        } else {
            known.remove(act.badge());
        }
        if (wasInside && !nowInside && known.isEmpty()) {
            emptiedBy = act;
            schedule(ts.plus(site.rules().lastExitGrace()), () -> emptyCheck(act));
        } else if (!known.isEmpty()) {
            emptiedBy = null;
        }
        // PCs left unlocked behind
        for (Pc pc : usedBy.getOrDefault(act.badge(), new TreeMap<>()).values()) {
            PcStatus status = pcs.get(pc.id());
            if (pc.zone().equals(origin) && status.state.unlocked()) {
                schedule(ts.plus(site.rules().leaveGrace()), () -> {
                    if (status.lastProtected == null || status.lastProtected.isBefore(ts)) {
                        record(Rule.LEFT_PC_UNLOCKED, ts, act.badge(), "pc:" + pc.id(), act.cause());
                    }
                });
            }
        }
        // escorts
        String key = door.id() + "/" + act.direction();
        List<Passage> passages = recent.computeIfAbsent(key, unused -> new ArrayList<>());
        Instant keepFrom = ts.minus(site.rules().escort().multipliedBy(3));
        passages.removeIf(p -> p.ts.isBefore(keepFrom));
        passages.add(new Passage(ts, act.badge()));
        if (pass != null) {
            visitorCause.put(act.badge(), act.cause());
            if (nowInside) {
                Duration escort = site.rules().escort();
                schedule(ts.plus(escort), () -> {
                    for (Passage passage : recent.getOrDefault(key, List.of())) {
                        if (passage.badge.equals(pass.host) && Duration.between(passage.ts, ts).abs().compareTo(escort) <= 0) {
                            return;
                        }
                    }
                    record(Rule.VISITOR_UNESCORTED, ts, act.badge(), "door:" + door.id(), act.cause());
                });
            }
        }
    }

    private void emptyCheck(Act.Badge last) {
        if (emptiedBy != last || lockedUp) {
            return;
        }
        record(Rule.LOCKUP_MISSING, last.ts(), last.badge(), "site:" + site.site(), last.cause());
        pcsLeftOn(last.ts().plus(site.rules().lastExitGrace()), last.cause());
    }

    // ------------------------------------------------------------------ PCs and the exit panel

    private void pcReport(Act.PcReport report) {
        PcStatus status = pcs.computeIfAbsent(report.pc(), id -> new PcStatus());
        Pc pc = site.pcs().get(report.pc());
        String user = report.user() != null ? report.user() : pc.owner();
        if (status.user != null && !status.user.equals(user)) {
            usedBy.get(status.user).remove(pc.id());
        }
        usedBy.computeIfAbsent(user, unused -> new TreeMap<>()).put(pc.id(), pc);
        status.state = report.state();
        status.user = user;
        status.cause = report.cause();
        if (!report.state().unlocked()) {
            status.lastProtected = report.ts();
        }
        if (report.state() != PcState.IDLE) {
            status.idleReported = false;
        } else if (report.idleSeconds() >= site.rules().screenLock().getSeconds() && !status.idleReported) {
            status.idleReported = true;
            record(Rule.SCREEN_LOCK_IDLE, report.ts(), status.user, "pc:" + report.pc(), report.cause());
        }
    }

    private void panel(Act.Panel panel) {
        if (panel.action() == LastExitAction.UNLOCK) {
            lockedUp = false;
            return;
        }
        lockedUp = true;
        List<String> others = known.keySet().stream().filter(badge -> !badge.equals(panel.badge())).sorted().toList();
        if (!others.isEmpty()) {
            record(Rule.LOCKUP_WITH_OCCUPANTS, panel.ts(), panel.badge(), "site:" + site.site(), panel.cause());
        }
        pcsLeftOn(panel.ts(), panel.cause());
        for (PassState pass : new TreeMap<>(passes).values()) {
            checkedOut(pass, panel.ts(), panel.cause());
        }
    }

    private void pcsLeftOn(Instant ts, LapseEvent trigger) {
        PcState required = site.rules().pcAtLockup();
        for (Pc pc : sortedPcs) {
            PcStatus status = pcs.get(pc.id());
            PcState state = status == null ? PcState.OFF : status.state;
            if (state.weakerThan(required)) {
                LapseEvent cause = status != null && status.cause != null ? status.cause : trigger;
                record(Rule.PC_LEFT_ON, ts, status.user, "pc:" + pc.id(), cause);
            }
        }
    }

    // ------------------------------------------------------------------ visitors

    private void issue(PassState pass) {
        passes.put(pass.badge, pass);
        schedule(pass.validUntil.plus(site.rules().visitorCheckoutGrace()), () -> {
            if (passes.get(pass.badge) == pass) {
                checkedOut(pass, pass.validUntil.plus(site.rules().visitorCheckoutGrace()), null);
            }
        });
    }

    private void checkedOut(PassState pass, Instant ts, LapseEvent trigger) {
        String where = known.getOrDefault(pass.badge, SiteConfig.OUTSIDE);
        if (SiteConfig.OUTSIDE.equals(where) || pass.reported) {
            return;
        }
        pass.reported = true;
        LapseEvent cause = trigger != null ? trigger : visitorCause.get(pass.badge);
        record(Rule.VISITOR_NOT_CHECKED_OUT, ts, pass.badge, "zone:" + where, cause);
    }

    // ------------------------------------------------------------------ bookkeeping

    private void schedule(Instant at, Runnable check) {
        deadlines.add(new Deadline(at, deadlineSeq++, check));
    }

    /** Deadlines strictly before {@code ts}: they see every act stamped at or before them. */
    private void fireBefore(Instant ts) {
        while (!deadlines.isEmpty() && deadlines.peek().at.isBefore(ts)) {
            deadlines.poll().check.run();
        }
    }

    private void record(Rule rule, Instant ts, String badge, String subject, LapseEvent cause) {
        Expected item = new Expected(rule, ts, badge, subject, cause);
        expected.add(item);
        if (cause == null) {
            unintended.add(item);
        }
    }
}
