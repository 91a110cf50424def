package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.officeguard.core.model.PcState;

/**
 * The PCs that run HASS.Agent: what each agent publishes for the PC states the planner made, as HASS.Agent does it.
 * It starts with the PC ({@code online}), polls its sensors every {@code pollSeconds} from then on and publishes a
 * sensor only when its value changed since it last published it (its sensors compare with their previous published
 * state), {@code lastactive} before {@code sessionstate}; it goes {@code offline} when the PC shuts down.
 *
 * <p>So the device-bridge sees no IDLE: a session stays {@code Unlocked} while nobody touches the PC, and a state is
 * made only of a {@code sessionstate} (or {@code offline}) message (SPEC §8). The user's input is taken at the moments
 * the plan knows (sitting down, coming back, the last input before an idle spell); HASS.Agent would publish
 * {@code lastactive} at every poll while someone types, which changes no state the bridge makes.
 */
final class HassAgents {

    static final String LOCKED = "Locked";
    static final String UNLOCKED = "Unlocked";
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    /** SPEC §8: an {@code Unlocked} session is IDLE when the last input is this long before the stamp. */
    static final long IDLE_AFTER_SECONDS = 60;

    private HassAgents() {}

    /**
     * {@code acts} (sorted by ts, then seq) with the PC reports of every PC that runs an agent replaced by what its
     * agent publishes, sorted again; the agents' acts are numbered after the planned ones.
     */
    static List<Act> play(List<Act> acts, DeviceMap devices, PlannedDays days) {
        Map<String, List<Act.PcReport>> byPc = new TreeMap<>();
        List<Act> out = new ArrayList<>(acts.size());
        for (Act act : acts) {
            if (act instanceof Act.PcReport report && devices.agent(report.pc()) != null) {
                byPc.computeIfAbsent(report.pc(), pc -> new ArrayList<>()).add(report);
            } else {
                out.add(act);
            }
        }
        long pollSeconds = devices.options().agentPollSeconds();
        byPc.forEach((pc, reports) -> out.addAll(new Agent(pc, pollSeconds, days).play(reports)));
        out.sort(Comparator.comparing(Act::ts).thenComparingLong(Act::seq));
        return out;
    }

    /** The state the bridge makes of {@code session} stamped {@code stamp}, knowing the last input at {@code lastActive}. */
    static PcState state(String session, Instant stamp, Instant lastActive) {
        if (LOCKED.equals(session)) {
            return PcState.LOCKED;
        }
        return idleSeconds(stamp, lastActive) > 0 ? PcState.IDLE : PcState.ACTIVE;
    }

    /** SPEC §8: stamp − last active when that is 60 s or more, else 0 (ACTIVE). */
    static long idleSeconds(Instant stamp, Instant lastActive) {
        long idle = lastActive == null ? 0 : Duration.between(lastActive, stamp).getSeconds();
        return idle >= IDLE_AFTER_SECONDS ? idle : 0;
    }

    /** One PC's agent over the whole scenario. */
    private static final class Agent {
        private final String pc;
        private final long pollSeconds;
        private final PlannedDays days;
        private final List<Act.AgentPoll> out = new ArrayList<>();
        /** The last {@code lastactive} the agent published: what the bridge knows of the PC's input. */
        private Instant bridgeKnows;

        Agent(String pc, long pollSeconds, PlannedDays days) {
            this.pc = pc;
            this.pollSeconds = pollSeconds;
            this.days = days;
        }

        List<Act.AgentPoll> play(List<Act.PcReport> reports) {
            int from = 0;
            while (from < reports.size()) {
                if (reports.get(from).state() == PcState.OFF) {
                    from++; // already off
                    continue;
                }
                int off = from;
                while (off < reports.size() && reports.get(off).state() != PcState.OFF) {
                    off++;
                }
                run(reports.subList(from, off), off < reports.size() ? reports.get(off) : null);
                from = off + 1;
            }
            return out;
        }

        /** From the PC's start (its first report) to its shutdown ({@code off}, or the end). */
        private void run(List<Act.PcReport> on, Act.PcReport off) {
            Instant start = on.get(0).ts();
            add(start, null, null, null, ONLINE, null, 0);
            TreeSet<Instant> inputs = new TreeSet<>();
            TreeSet<Instant> polls = new TreeSet<>();
            for (Act.PcReport report : on) {
                if (report.state() == PcState.ACTIVE) {
                    inputs.add(report.ts());
                } else if (report.state() == PcState.IDLE) {
                    inputs.add(report.ts().minusSeconds(report.idleSeconds()));
                }
                polls.add(pollSeeing(start, report.ts()));
            }
            for (Instant input : inputs) {
                polls.add(pollSeeing(start, input));
            }
            String session = null;
            Instant lastActive = null;
            int seen = 0;
            for (Instant poll : polls) {
                if (off != null && !poll.isBefore(off.ts())) {
                    break;
                }
                while (seen < on.size() && !on.get(seen).ts().isAfter(poll)) {
                    seen++;
                }
                Act.PcReport now = on.get(seen - 1); // the first report is the start, before every poll
                Instant input = inputs.floor(poll);
                Instant publishActive = null;
                if (input != null && (lastActive == null || Duration.between(lastActive, input).abs().getSeconds() > 1)) {
                    publishActive = input;
                    lastActive = input;
                    bridgeKnows = input;
                }
                String value = now.state() == PcState.LOCKED ? LOCKED : UNLOCKED;
                String publishSession = value.equals(session) ? null : value;
                session = value;
                if (publishSession != null) {
                    PcState state = state(publishSession, poll, bridgeKnows);
                    add(poll, now.cause(), publishActive, publishSession, null, state,
                            state == PcState.IDLE ? idleSeconds(poll, bridgeKnows) : 0);
                } else if (publishActive != null) {
                    add(poll, null, publishActive, null, null, null, 0);
                }
            }
            if (off != null) {
                add(off.ts(), off.cause(), null, null, OFFLINE, PcState.OFF, 0);
            }
        }

        /** The first poll at or after {@code change}: polls come every {@code pollSeconds} after the start. */
        private Instant pollSeeing(Instant start, Instant change) {
            long since = Math.max(1, Duration.between(start, change).getSeconds());
            long polls = (since + pollSeconds - 1) / pollSeconds;
            return start.plusSeconds(polls * pollSeconds);
        }

        private void add(Instant ts, LapseEvent cause, Instant lastActive, String session, String availability,
                PcState state, long idleSeconds) {
            out.add(new Act.AgentPoll(ts, days.nextSeq(), cause, pc, lastActive, session, availability, state,
                    idleSeconds));
        }
    }
}
