package org.officeguard.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Topics;

/**
 * One or more simulated office days, generated without any broker: the device messages in publish
 * order (clock ticks included) and the ground truth. The same site, dates, seed and rates give the same
 * messages, byte for byte, event ids included. Where the site file lists devices (SPEC §8), they publish in their
 * own language and the ground truth follows what they did; {@link #nativeEquivalent()} and {@link #bridgeOutput()}
 * then say what the device-bridge makes of it.
 */
public final class Scenario {

    /** Clock ticks fill every gap this long during the day (05:00-23:00 local) and 15 minutes at night. */
    static final long DAY_TICK_SECONDS = 60;
    static final long NIGHT_TICK_SECONDS = 900;
    /** The last tick goes this far past the last day's close point, so that every day closes. */
    static final long CLOSE_MARGIN_SECONDS = 60;

    private final SiteConfig site;
    private final List<LocalDate> dates;
    private final List<DeviceMessage> messages;
    private final List<DeviceMessage> nativeEquivalent;
    private final List<DeviceMessage> bridgeOutput;
    private final GroundTruth truth;
    private final List<String> problems;

    private Scenario(SiteConfig site, List<LocalDate> dates, List<DeviceMessage> messages,
            List<DeviceMessage> nativeEquivalent, List<DeviceMessage> bridgeOutput, GroundTruth truth,
            List<String> problems) {
        this.site = site;
        this.dates = dates;
        this.messages = List.copyOf(messages);
        this.nativeEquivalent = List.copyOf(nativeEquivalent);
        this.bridgeOutput = List.copyOf(bridgeOutput);
        this.truth = truth;
        this.problems = problems;
    }

    public static Scenario generate(SiteConfig site, LocalDate first, int days, long seed, LapseRates rates) {
        return generate(site, first, days, seed, rates, "office");
    }

    public static Scenario generate(SiteConfig site, LocalDate first, int days, long seed, LapseRates rates,
            String topicRoot) {
        return generate(site, first, days, seed, rates, topicRoot, DeviceOptions.defaults());
    }

    /**
     * The days of {@code site} as its devices play them: where the site file lists devices (SPEC §8), its readers
     * decide by themselves and publish in their own language, its HASS.Agents poll, as {@code devices} says.
     */
    public static Scenario generate(SiteConfig site, LocalDate first, int days, long seed, LapseRates rates,
            String topicRoot, DeviceOptions devices) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, not " + days);
        }
        DeviceMap deviceMap = DeviceMap.of(site, seed, devices);
        Topology topo = new Topology(site, deviceMap);
        PlannedDays planned = new PlannedDays();
        List<LocalDate> dates = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            dates.add(date);
            new DayPlanner(topo, date, new SplittableRandom(daySeed(seed, date)), rates, planned).plan();
        }
        List<Act> acts = new ArrayList<>(planned.acts);
        acts.sort(Comparator.comparing(Act::ts).thenComparingLong(Act::seq));
        if (deviceMap.any()) {
            requireWholeSeconds(acts);
        }
        if (deviceMap.hasAgents()) {
            acts = HassAgents.play(acts, deviceMap, planned);
        }

        World world = new World(site, deviceMap);
        world.run(acts);

        Instant last = closesAt(site, dates.get(dates.size() - 1)).plusSeconds(CLOSE_MARGIN_SECONDS);
        MessageWriter written = new MessageWriter(site, seed, new Topics(topicRoot), world, deviceMap)
                .write(withTicks(site, acts, last));

        ZoneId tz = site.timezone();
        List<GroundTruth.Item> items = new ArrayList<>();
        for (World.Expected expected : world.expected()) {
            items.add(new GroundTruth.Item(expected.ts().atZone(tz).toLocalDate(), expected.rule(), expected.badge(),
                    expected.subject(), expected.ts(), expected.cause()));
        }
        items.sort(Comparator.comparing(GroundTruth.Item::ts).thenComparing(item -> item.rule().name())
                .thenComparing(GroundTruth.Item::subject));
        List<GroundTruth.Item> unintended = items.stream().filter(item -> item.lapse() == null).toList();
        Map<Lapse, Integer> opportunities = new EnumMap<>(planned.opportunities);
        GroundTruth truth = new GroundTruth(site.site(), tz, seed, dates, rates.asMap(), opportunities, planned.lapses,
                items, unintended);
        return new Scenario(site, List.copyOf(dates), written.published(), written.nativeEquivalent(), written.bridged(),
                truth, List.copyOf(world.problems()));
    }

    /** Devices stamp whole seconds (esp-rfid's epoch seconds, uhppoted's local time): so must the plan. */
    private static void requireWholeSeconds(List<Act> acts) {
        for (Act act : acts) {
            if (act.ts().getNano() != 0) {
                throw new IllegalStateException("planner: " + act + " is not on a whole second");
            }
        }
    }

    /** A day's own random stream: the same day plays the same whatever the other days. */
    static long daySeed(long seed, LocalDate date) {
        long mixed = seed * 0x9E3779B97F4A7C15L + date.toEpochDay() * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        return mixed ^ (mixed >>> 31);
    }

    /** SPEC §4: a day closes when the watermark passes its next local midnight plus the largest grace (and the reorder margin). */
    public static Instant closesAt(SiteConfig site, LocalDate day) {
        return day.plusDays(1).atStartOfDay(site.timezone()).toInstant()
                .plus(site.rules().largestGrace()).plus(site.rules().reorder());
    }

    public Instant closesAt(LocalDate day) {
        return closesAt(site, day);
    }

    private static List<Act> withTicks(SiteConfig site, List<Act> acts, Instant last) {
        List<Act> out = new ArrayList<>(acts.size() + 2000);
        Instant prev = null;
        for (Act act : acts) {
            if (prev != null) {
                ticks(site, prev, act.ts(), out);
            }
            out.add(act);
            prev = act.ts();
        }
        if (prev == null) {
            prev = last.minusSeconds(60);
        }
        ticks(site, prev, last, out);
        out.add(new Act.Tick(last, -1));
        return out;
    }

    private static void ticks(SiteConfig site, Instant from, Instant to, List<Act> out) {
        for (Instant tick = nextTick(site, from); tick.isBefore(to); tick = nextTick(site, tick)) {
            out.add(new Act.Tick(tick, -1));
        }
    }

    private static Instant nextTick(SiteConfig site, Instant after) {
        int hour = after.atZone(site.timezone()).getHour();
        long step = hour >= 5 && hour < 23 ? DAY_TICK_SECONDS : NIGHT_TICK_SECONDS;
        long seconds = after.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, step) + step);
    }

    public SiteConfig site() {
        return site;
    }

    public List<LocalDate> dates() {
        return dates;
    }

    /** What the devices publish, in order (clock ticks included). */
    public List<DeviceMessage> messages() {
        return messages;
    }

    /**
     * The same day published natively: each device message replaced by the SPEC §2 input the device-bridge makes of
     * it (SPEC §8: the same event id and ts; a badge without {@code granted}, so that officeguard decides it; a PC
     * state stamped with the instant the agent published at), a message it makes nothing of left out, everything
     * else as {@link #messages()} has it, in the same order. A badge's expected decision is then officeguard's own,
     * which the readers' verdicts are as long as no card is misconfigured. The same messages as {@link #messages()}
     * for a site without devices.
     */
    public List<DeviceMessage> nativeEquivalent() {
        return nativeEquivalent;
    }

    /**
     * The same day with every device speaking SPEC §2: {@link #nativeEquivalent()} as its messages (and native
     * equivalent), nothing for a bridge to publish, the same ground truth. The truth holds for it as long as no card
     * is misconfigured: officeguard then decides every badge as the readers did.
     */
    public Scenario nativeDay() {
        return new Scenario(site, dates, nativeEquivalent, nativeEquivalent, List.of(), truth, problems);
    }

    /**
     * What the device-bridge must publish for {@link #messages()}, in order: the SPEC §2 input it makes of each device
     * message, observed badges with the reader's {@code granted} (and the reader's verdict as the expected decision).
     * Empty for a site without devices.
     */
    public List<DeviceMessage> bridgeOutput() {
        return bridgeOutput;
    }

    public GroundTruth truth() {
        return truth;
    }

    /** Planning errors found by the model (none expected): people badging doors they are not at, and the like. */
    public List<String> problems() {
        return problems;
    }
}
