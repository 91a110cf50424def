package org.officeguard.monitor.rules;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.TimeFormat;

/**
 * Every PC of a site with its last state, as {@code office/{site}/pcs} carries it (SPEC §2, §6):
 * {@code {"ts","site","pcs":[{"pc","zone","user","state","since"}]}}.
 *
 * @param ts the site's event time the state is as of (its watermark); null before any input
 * @param pcs every PC of the site file, by zone (in the site file's order), then id
 */
public record PcsSnapshot(String site, Instant ts, List<Entry> pcs) {

    /** One PC: {@code since} is the ts of the report that set {@code state}, null for a PC that never reported. */
    public record Entry(String pc, String zone, String user, PcState state, Instant since) {}

    public PcsSnapshot {
        pcs = List.copyOf(pcs);
    }

    /** The JSON, times in the site's offset. Written straight to bytes: a large site's list is long. */
    public byte[] toJson(ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 112 * pcs.size());
        try (JsonGenerator json = Payloads.JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", ts == null ? null : TimeFormat.format(ts, zone));
            json.writeStringField("site", site);
            json.writeArrayFieldStart("pcs");
            for (Entry entry : pcs) {
                json.writeStartObject();
                json.writeStringField("pc", entry.pc());
                json.writeStringField("zone", entry.zone());
                json.writeStringField("user", entry.user());
                json.writeStringField("state", entry.state().name());
                json.writeStringField("since", entry.since() == null ? null : TimeFormat.format(entry.since(), zone));
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
