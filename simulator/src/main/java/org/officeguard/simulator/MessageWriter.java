package org.officeguard.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcStateEvent;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Topics;

/**
 * Turns the played acts into what is published, in order: SPEC §2 messages where a device speaks §2 (with event ids
 * {@code {site}-s{seed}-{yyyyMMdd}-{nnnnn}}), the device's own messages where it speaks its own language (SPEC §8).
 * Alongside, the native equivalent of the day (each device message replaced by the §2 input the device-bridge makes
 * of it, badges without {@code granted}) and what the bridge publishes (its inputs, badges with {@code granted}).
 */
final class MessageWriter {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final SiteConfig site;
    private final long seed;
    private final Topics topics;
    private final ZoneId tz;
    private final World world;
    private final DeviceMap devices;
    private final ReaderMessages readers;
    private final AgentMessages agents;
    private final Map<LocalDate, Integer> counters = new HashMap<>();
    /** The cards in the readers' lists: the site's people and visitors, and the visitors registered so far. */
    private final Map<String, ReaderMessages.ListedCard> cards = new HashMap<>();
    private final List<DeviceMessage> published = new ArrayList<>();
    private final List<DeviceMessage> nativeEquivalent = new ArrayList<>();
    private final List<DeviceMessage> bridged = new ArrayList<>();

    MessageWriter(SiteConfig site, long seed, Topics topics, World world, DeviceMap devices) {
        this.site = site;
        this.seed = seed;
        this.topics = topics;
        this.tz = site.timezone();
        this.world = world;
        this.devices = devices;
        this.readers = new ReaderMessages(tz);
        this.agents = new AgentMessages(tz);
        for (Person person : site.people().values()) {
            cards.put(person.badge(), new ReaderMessages.ListedCard(person.name(), person.afterHours()));
        }
        for (VisitorPass pass : site.visitors().values()) {
            cards.put(pass.badge(), new ReaderMessages.ListedCard(pass.name(), false));
        }
    }

    /** Writes every act (sorted, clock ticks included). */
    MessageWriter write(List<Act> acts) {
        for (Act act : acts) {
            if (act instanceof Act.Tailgate) {
                continue; // nobody badged: no device saw it
            }
            if (act instanceof Act.Register registration) {
                cards.put(registration.badge(), new ReaderMessages.ListedCard(registration.name(), false));
            }
            if (act instanceof Act.Badge presented && devices.reader(presented.door(), presented.direction()) != null) {
                observedBadge(presented);
            } else if (act instanceof Act.AgentPoll poll) {
                agent(poll);
            } else {
                DeviceMessage message = speaksSpec(act);
                published.add(message);
                nativeEquivalent.add(message);
            }
        }
        return this;
    }

    List<DeviceMessage> published() {
        return published;
    }

    List<DeviceMessage> nativeEquivalent() {
        return nativeEquivalent;
    }

    List<DeviceMessage> bridged() {
        return bridged;
    }

    // ------------------------------------------------------------------ devices speaking SPEC §2

    private DeviceMessage speaksSpec(Act act) {
        if (act instanceof Act.Tick) {
            return tick(act.ts());
        }
        LocalDate date = act.ts().atZone(tz).toLocalDate();
        ObjectNode body = Payloads.JSON.createObjectNode();
        int number = counters.merge(date, 1, Integer::sum);
        String eventId = site.site() + "-s" + seed + "-" + DAY.format(date) + "-" + String.format("%05d", number);
        body.put("eventId", eventId);
        body.put("ts", TimeFormat.format(act.ts(), tz));
        return deviceMessage(act, date, eventId, body);
    }

    private DeviceMessage tick(Instant ts) {
        ObjectNode body = Payloads.JSON.createObjectNode();
        body.put("ts", TimeFormat.format(ts, tz));
        return new DeviceMessage(ts, ts.atZone(tz).toLocalDate(), DeviceMessage.Kind.CLOCK, topics.clock(site.site()),
                null, Payloads.bytes(body), null, null);
    }

    /** What a device publishes for {@code act}: {@code body} (its event id and ts so far) completed, on its topic. */
    private DeviceMessage deviceMessage(Act act, LocalDate date, String eventId, ObjectNode body) {
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
            body.put("validFrom", TimeFormat.format(registration.validFrom(), tz));
            body.put("validUntil", TimeFormat.format(registration.validUntil(), tz));
            return new DeviceMessage(act.ts(), date, DeviceMessage.Kind.VISITOR_REGISTER,
                    topics.visitorRegister(siteId), eventId, Payloads.bytes(body), null, null);
        }
        throw new IllegalArgumentException("no device publishes " + act);
    }

    // ------------------------------------------------------------------ devices speaking their own language

    /** A reader that decides by itself: its message, and the observed badge the bridge makes of it. */
    private void observedBadge(Act.Badge act) {
        Device reader = devices.reader(act.door(), act.direction());
        World.Outcome outcome = world.outcome(act);
        LocalDate date = act.ts().atZone(tz).toLocalDate();
        ReaderMessages.Message message = readers.badge(reader, act.door(), act.direction(), act.ts(), act.badge(),
                outcome.granted(), outcome.reason(), cards.get(act.badge()));
        published.add(new DeviceMessage(act.ts(), date, DeviceMessage.Kind.BADGE, message.topic(), message.eventId(),
                message.payload(), outcome.granted(), outcome.reason()));
        String topic = topics.badge(site.site(), act.door());
        BadgeEvent decided = new BadgeEvent(message.eventId(), act.ts(), act.door(), act.badge(), act.direction());
        nativeEquivalent.add(new DeviceMessage(act.ts(), date, DeviceMessage.Kind.BADGE, topic, message.eventId(),
                Payloads.write(decided, tz), outcome.officeguardGrants(), outcome.reason()));
        BadgeEvent observed = new BadgeEvent(message.eventId(), act.ts(), act.door(), act.badge(), act.direction(),
                outcome.granted());
        bridged.add(new DeviceMessage(act.ts(), date, DeviceMessage.Kind.BADGE, topic, message.eventId(),
                Payloads.write(observed, tz), outcome.granted(), outcome.reason()));
    }

    /**
     * A HASS.Agent's messages at one instant: a clock tick first (the bridge stamps them with the site's event time,
     * so the tick makes the stamp the instant they are published at), then its sensors; and the PC state the bridge
     * makes of them. Its start ({@code online}) needs no tick: the bridge makes nothing of it.
     */
    private void agent(Act.AgentPoll poll) {
        Device.HassAgent agent = devices.agent(poll.pc());
        Instant ts = poll.ts();
        LocalDate date = ts.atZone(tz).toLocalDate();
        if (HassAgents.ONLINE.equals(poll.availability())) {
            published.add(new DeviceMessage(ts, date, DeviceMessage.Kind.AGENT_INFO,
                    AgentMessages.availabilityTopic(agent), null, AgentMessages.text(HassAgents.ONLINE), null, null));
            return;
        }
        DeviceMessage tick = tick(ts);
        published.add(tick);
        nativeEquivalent.add(tick);
        if (poll.lastActive() != null) {
            published.add(new DeviceMessage(ts, date, DeviceMessage.Kind.AGENT_INFO,
                    AgentMessages.stateTopic(agent, AgentMessages.LAST_ACTIVE), null,
                    agents.lastActive(poll.lastActive()), null, null));
        }
        String sensor = poll.session() != null ? AgentMessages.SESSION_STATE
                : poll.availability() != null ? AgentMessages.AVAILABILITY : null;
        if (sensor == null) {
            return;
        }
        String eventId = agents.eventId(agent, ts, sensor);
        String topic = poll.session() != null ? AgentMessages.stateTopic(agent, sensor)
                : AgentMessages.availabilityTopic(agent);
        String value = poll.session() != null ? poll.session() : poll.availability();
        published.add(new DeviceMessage(ts, date, DeviceMessage.Kind.AGENT_STATE, topic, eventId,
                AgentMessages.text(value), null, null));
        byte[] state = Payloads.write(new PcStateEvent(eventId, ts, poll.pc(), poll.state(), poll.idleSeconds(), null), tz);
        DeviceMessage translated = new DeviceMessage(ts, date, DeviceMessage.Kind.PC_STATE,
                topics.pcState(site.site(), poll.pc()), eventId, state, null, null);
        nativeEquivalent.add(translated);
        bridged.add(translated);
    }
}
