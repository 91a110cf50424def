package org.officeguard.reporting.live;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;

/**
 * {@code GET /sites/{site}/now}: the roll call as JSON, the same content as the page. Times in the site's offset;
 * {@code occupancy} and {@code pcs} are null until their retained state has arrived.
 *
 * <pre>
 * {"site","timezone","at","pcAtLockup",
 *  "verdict":{"status":"ready"|"not-ready"|"no-data","ready":bool,"reasons":[{"reason",…}]},
 *  "occupancy":{"ts","receivedAt","receivedSecondsAgo","count",
 *               "zones":[{"zone","count","occupants":[{"badge","name","kind","since","host"?,"hostName"?,"hostZone"?}]}]},
 *  "pcs":{"ts","receivedAt","receivedSecondsAgo","total","notReady":[{"pc","zone","user","userName","state","since"}]}}
 * </pre>
 *
 * A reason is {@code PEOPLE_INSIDE} (with {@code count}), {@code VISITORS_INSIDE} or {@code UNKNOWN_BADGES_INSIDE}
 * (with their {@code badges}), {@code PCS_NOT_READY} (with the {@code pcs}), {@code NO_OCCUPANCY_DATA} or
 * {@code NO_PC_DATA}. A visitor carries {@code host} (a badge), {@code hostName} and {@code hostZone} (where the host is,
 * null when the host is not inside).
 */
public final class RollCallJson {

    private RollCallJson() {}

    /** The roll call as of {@code now} (the wall clock: the data's age is counted from it). */
    public static byte[] write(RollCall call, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 160 * call.inside());
        try (JsonGenerator g = Payloads.JSON.getFactory().createGenerator(out)) {
            ZoneId zone = call.site().timezone();
            g.writeStartObject();
            g.writeStringField("site", call.site().site());
            g.writeStringField("timezone", zone.getId());
            g.writeStringField("at", TimeFormat.format(now, zone));
            g.writeStringField("pcAtLockup", call.site().rules().pcAtLockup().name());
            verdict(g, call.verdict());
            occupancy(g, call, now, zone);
            pcs(g, call, now, zone);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static void verdict(JsonGenerator g, Verdict verdict) throws IOException {
        g.writeObjectFieldStart("verdict");
        g.writeStringField("status", verdict.status().json());
        g.writeBooleanField("ready", verdict.ready());
        g.writeArrayFieldStart("reasons");
        for (Obstacle obstacle : verdict.obstacles()) {
            g.writeStartObject();
            g.writeStringField("reason", obstacle.reason());
            if (obstacle instanceof Obstacle.PeopleInside people) {
                g.writeNumberField("count", people.count());
            } else if (obstacle instanceof Obstacle.VisitorsInside visitors) {
                badges(g, visitors.visitors());
            } else if (obstacle instanceof Obstacle.UnknownBadgesInside unknown) {
                badges(g, unknown.holders());
            } else if (obstacle instanceof Obstacle.PcsNotReady pcs) {
                g.writeArrayFieldStart("pcs");
                for (PcLine pc : pcs.pcs()) {
                    g.writeString(pc.pc());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void badges(JsonGenerator g, Iterable<Occupant> occupants) throws IOException {
        g.writeArrayFieldStart("badges");
        for (Occupant occupant : occupants) {
            g.writeString(occupant.badge());
        }
        g.writeEndArray();
    }

    private static void occupancy(JsonGenerator g, RollCall call, Instant now, ZoneId zone) throws IOException {
        RollCall.Received<Occupancy> latest = call.occupancy();
        if (latest == null) {
            g.writeNullField("occupancy");
            return;
        }
        g.writeObjectFieldStart("occupancy");
        received(g, latest.state().ts(), latest.at(), now, zone);
        g.writeNumberField("count", latest.state().inside());
        g.writeArrayFieldStart("zones");
        for (RollCall.ZoneGroup group : call.zones()) {
            g.writeStartObject();
            g.writeStringField("zone", group.zone());
            g.writeNumberField("count", group.occupants().size());
            g.writeArrayFieldStart("occupants");
            for (Occupant occupant : group.occupants()) {
                g.writeStartObject();
                g.writeStringField("badge", occupant.badge());
                g.writeStringField("name", occupant.name());
                g.writeStringField("kind", occupant.kind().json());
                g.writeStringField("since", time(occupant.since(), zone));
                if (occupant.kind() == Occupant.Kind.VISITOR) {
                    Occupant host = call.insideNow(occupant.host());
                    g.writeStringField("host", occupant.host());
                    g.writeStringField("hostName", call.nameOf(occupant.host()));
                    g.writeStringField("hostZone", host == null ? null : host.zone());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void pcs(JsonGenerator g, RollCall call, Instant now, ZoneId zone) throws IOException {
        RollCall.Received<PcStates> latest = call.pcs();
        if (latest == null) {
            g.writeNullField("pcs");
            return;
        }
        g.writeObjectFieldStart("pcs");
        received(g, latest.state().ts(), latest.at(), now, zone);
        g.writeNumberField("total", latest.state().pcs().size());
        g.writeArrayFieldStart("notReady");
        for (PcLine pc : call.notReady()) {
            g.writeStartObject();
            g.writeStringField("pc", pc.pc());
            g.writeStringField("zone", pc.zone());
            g.writeStringField("user", pc.user());
            g.writeStringField("userName", call.nameOf(pc.user()));
            g.writeStringField("state", pc.state().name());
            g.writeStringField("since", time(pc.since(), zone));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The state's own time, when reporting received it, and how many whole seconds ago that was. */
    private static void received(JsonGenerator g, Instant ts, Instant at, Instant now, ZoneId zone) throws IOException {
        g.writeStringField("ts", time(ts, zone));
        g.writeStringField("receivedAt", TimeFormat.format(at, zone));
        g.writeNumberField("receivedSecondsAgo", Math.max(0, Duration.between(at, now).toSeconds()));
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? null : TimeFormat.format(at, zone);
    }
}
