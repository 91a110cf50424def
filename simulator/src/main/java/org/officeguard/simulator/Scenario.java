package org.officeguard.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;

/**
 * One or more simulated office days, generated without any broker: the device messages in publish
 * order (clock ticks included) and the ground truth. The same site, dates, seed and rates give the same
 * messages, byte for byte, event ids included.
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
    private final GroundTruth truth;
    private final List<String> problems;

    private Scenario(SiteConfig site, List<LocalDate> dates, List<DeviceMessage> messages, GroundTruth truth,
            List<String> problems) {
        this.site = site;
        this.dates = dates;
        this.messages = messages;
        this.truth = truth;
        this.problems = problems;
    }

    public static Scenario generate(SiteConfig site, LocalDate first, int days, long seed, LapseRates rates) {
        return generate(site, first, days, seed, rates, "office");
    }

    public static Scenario generate(SiteConfig site, LocalDate first, int days, long seed, LapseRates rates,
            String topicRoot) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, not " + days);
        }
        Topology topo = new Topology(site);
        PlannedDays planned = new PlannedDays();
        List<LocalDate> dates = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            dates.add(date);
            new DayPlanner(topo, date, new SplittableRandom(daySeed(seed, date)), rates, planned).plan();
        }
        List<Act> acts = new ArrayList<>(planned.acts);
        acts.sort(Comparator.comparing(Act::ts).thenComparingLong(Act::seq));

        World world = new World(site);
        world.run(acts);

        Instant last = closesAt(site, dates.get(dates.size() - 1)).plusSeconds(CLOSE_MARGIN_SECONDS);
        List<DeviceMessage> messages = messages(site, seed, new Topics(topicRoot), withTicks(site, acts, last), world);

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
        return new Scenario(site, List.copyOf(dates), List.copyOf(messages), truth, List.copyOf(world.problems()));
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

    private static List<DeviceMessage> messages(SiteConfig site, long seed, Topics topics, List<Act> acts, World world) {
        ZoneId tz = site.timezone();
        Map<LocalDate, Integer> counters = new HashMap<>();
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        List<DeviceMessage> out = new ArrayList<>(acts.size());
        for (Act act : acts) {
            LocalDate date = act.ts().atZone(tz).toLocalDate();
            String ts = TimeFormat.format(act.ts(), tz);
            ObjectNode body = Payloads.JSON.createObjectNode();
            if (act instanceof Act.Tick) {
                body.put("ts", ts);
                out.add(new DeviceMessage(act.ts(), date, DeviceMessage.Kind.CLOCK, topics.clock(site.site()), null,
                        Payloads.bytes(body), null, null));
                continue;
            }
            if (act instanceof Act.Tailgate) {
                continue; // nobody badged: no device saw it
            }
            int number = counters.merge(date, 1, Integer::sum);
            String eventId = site.site() + "-s" + seed + "-" + day.format(date) + "-" + String.format("%05d", number);
            body.put("eventId", eventId);
            body.put("ts", ts);
            out.add(deviceMessage(site, topics, world, act, date, eventId, body));
        }
        return out;
    }

    /** What a device publishes for {@code act}: {@code body} (its event id and ts so far) completed, on its topic. */
    private static DeviceMessage deviceMessage(SiteConfig site, Topics topics, World world, Act act, LocalDate date,
            String eventId, ObjectNode body) {
        String siteId = site.site();
        if (act instanceof Act.Badge presented) {
            body.put("badge", presented.badge());
            body.put("direction", presented.direction().name());
            World.Outcome outcome = world.outcome(presented);
            return new DeviceMessage(act.ts(), date, DeviceMessage.Kind.BADGE, topics.badge(siteId, presented.door()),
                    eventId, Payloads.bytes(body), outcome.granted(), outcome.reason());
        } else if (act instanceof Act.PcReport report) {
            body.put("state", report.state().name());
            body.put("idleSeconds", report.idleSeconds());
            body.put("user", report.user());
            return new DeviceMessage(act.ts(), date, DeviceMessage.Kind.PC_STATE, topics.pcState(siteId, report.pc()),
                    eventId, Payloads.bytes(body), null, null);
        } else if (act instanceof Act.Panel panel) {
            body.put("badge", panel.badge());
            body.put("action", panel.action().name());
            return new DeviceMessage(act.ts(), date, DeviceMessage.Kind.LAST_EXIT, topics.lastExit(siteId), eventId,
                    Payloads.bytes(body), null, null);
        } else if (act instanceof Act.Register registration) {
            body.put("badge", registration.badge());
            body.put("name", registration.name());
            body.put("host", registration.host());
            ArrayNode zones = body.putArray("zones");
            registration.zones().forEach(zones::add);
            body.put("validFrom", TimeFormat.format(registration.validFrom(), site.timezone()));
            body.put("validUntil", TimeFormat.format(registration.validUntil(), site.timezone()));
            return new DeviceMessage(act.ts(), date, DeviceMessage.Kind.VISITOR_REGISTER,
                    topics.visitorRegister(siteId), eventId, Payloads.bytes(body), null, null);
        }
        throw new IllegalArgumentException("no device publishes " + act);
    }

    public SiteConfig site() {
        return site;
    }

    public List<LocalDate> dates() {
        return dates;
    }

    public List<DeviceMessage> messages() {
        return messages;
    }

    public GroundTruth truth() {
        return truth;
    }

    /** Planning errors found by the model (none expected): people badging doors they are not at, and the like. */
    public List<String> problems() {
        return problems;
    }
}
