package org.officeguard.gateway.rules;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.officeguard.core.config.Person;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.gateway.rules.Locations.Occupant;

/**
 * Who is inside a site now, as {@code office/{site}/occupancy} carries it (SPEC §2, §6):
 * {@code {"ts","site","count","occupants":[{"badge","name","kind","zone","since","host"?}]}}.
 *
 * @param ts the site's event time the state is as of (its watermark); null before any input
 * @param occupants by zone (in the site file's order), then badge
 */
public record OccupancySnapshot(String site, Instant ts, List<Occupant> occupants) {

    private static final String PERSON = "person";
    private static final String VISITOR = "visitor";
    private static final String UNKNOWN = "unknown";

    public OccupancySnapshot {
        occupants = List.copyOf(occupants);
    }

    /** {@code person}, {@code visitor}, or {@code unknown} for a badge that is neither (a reader let it in). */
    public static String kind(Occupant occupant) {
        return occupant.holder() instanceof Person ? PERSON
                : occupant.holder() instanceof VisitorPass ? VISITOR : UNKNOWN;
    }

    /** The JSON, times in the site's offset. Written straight to bytes: a large site's list is long. */
    public byte[] toJson(ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 128 * occupants.size());
        try (JsonGenerator json = Payloads.JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", ts == null ? null : TimeFormat.format(ts, zone));
            json.writeStringField("site", site);
            json.writeNumberField("count", occupants.size());
            json.writeArrayFieldStart("occupants");
            for (Occupant occupant : occupants) {
                json.writeStartObject();
                json.writeStringField("badge", occupant.badge());
                json.writeStringField("name", occupant.holder() == null ? null : occupant.holder().name());
                json.writeStringField("kind", kind(occupant));
                json.writeStringField("zone", occupant.zone());
                json.writeStringField("since", TimeFormat.format(occupant.since(), zone));
                if (occupant.holder() instanceof VisitorPass pass) {
                    json.writeStringField("host", pass.host());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
