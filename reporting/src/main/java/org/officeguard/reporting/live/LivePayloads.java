package org.officeguard.reporting.live;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.PcState;
import org.officeguard.core.model.TimeFormat;

/**
 * Reads the retained {@code occupancy} and {@code pcs} payloads of SPEC §2. Each reader returns the whole, typed
 * state or throws {@link InvalidInputException} with a reason fit for the dead-letter topic (which field, of which
 * entry). Not through {@code Payloads}: an input is at most 64 KiB, but the occupancy of a 10,000-person site is
 * over a megabyte; these are capped at {@value #MAX_BYTES} bytes.
 */
public final class LivePayloads {

    /** Some 250,000 occupants: more than any office this is for. */
    public static final int MAX_BYTES = 32 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LivePayloads() {}

    /** {@code {"ts","site","count","occupants":[{"badge","name","kind","zone","since","host"?}]}}. */
    public static Occupancy occupancy(byte[] payload) {
        JsonNode root = object(payload);
        Instant ts = eventTime(root);
        String site = text(root, "site", "", false);
        JsonNode count = root.get("count");
        if (count == null || !count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 0) {
            throw new InvalidInputException("field 'count' must be a whole number, not " + Payloads.describe(count));
        }
        JsonNode list = array(root, "occupants");
        List<Occupant> occupants = new ArrayList<>(list.size());
        for (int index = 0; index < list.size(); index++) {
            JsonNode entry = list.get(index);
            String at = "occupants[" + index + "].";
            if (!entry.isObject()) {
                throw new InvalidInputException(at.substring(0, at.length() - 1) + " must be an object, not "
                        + Payloads.describe(entry));
            }
            occupants.add(new Occupant(text(entry, "badge", at, false), text(entry, "name", at, true),
                    kind(entry, at), text(entry, "zone", at, false), time(entry, "since", at, true),
                    text(entry, "host", at, true)));
        }
        return new Occupancy(ts, site, count.intValue(), occupants);
    }

    /** {@code {"ts","site","pcs":[{"pc","zone","user","state","since"}]}}; {@code since} null for a PC never heard of. */
    public static PcStates pcs(byte[] payload) {
        JsonNode root = object(payload);
        Instant ts = eventTime(root);
        String site = text(root, "site", "", false);
        JsonNode list = array(root, "pcs");
        List<PcLine> pcs = new ArrayList<>(list.size());
        for (int index = 0; index < list.size(); index++) {
            JsonNode entry = list.get(index);
            String at = "pcs[" + index + "].";
            if (!entry.isObject()) {
                throw new InvalidInputException(at.substring(0, at.length() - 1) + " must be an object, not "
                        + Payloads.describe(entry));
            }
            pcs.add(new PcLine(text(entry, "pc", at, false), text(entry, "zone", at, true), text(entry, "user", at, true),
                    state(entry, at), time(entry, "since", at, true)));
        }
        return new PcStates(ts, site, pcs);
    }

    private static JsonNode object(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidInputException("empty payload");
        }
        if (payload.length > MAX_BYTES) {
            throw new InvalidInputException("payload of " + payload.length + " bytes is over the " + (MAX_BYTES >> 20)
                    + " MiB limit");
        }
        return Payloads.readObject(JSON, payload);
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode list = root.get(field);
        if (list == null || !list.isArray()) {
            throw new InvalidInputException("field '" + field + "' must be an array, not " + Payloads.describe(list));
        }
        return list;
    }

    private static String text(JsonNode fields, String field, String at, boolean nullable) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw new InvalidInputException("missing field '" + at + field + "'");
        }
        if (!value.isTextual() || (!nullable && value.textValue().isEmpty())) {
            throw new InvalidInputException("field '" + at + field + "' must be a" + (nullable ? "" : " non-empty")
                    + " string, not " + Payloads.describe(value));
        }
        return value.textValue();
    }

    /** The state's {@code ts}: required, null only while its publisher has had no input (SPEC §2's services). */
    private static Instant eventTime(JsonNode root) {
        if (!root.has("ts")) {
            throw new InvalidInputException("missing field 'ts'");
        }
        return time(root, "ts", "", true);
    }

    private static Instant time(JsonNode fields, String field, String at, boolean nullable) {
        String text = text(fields, field, at, nullable);
        if (text == null) {
            return null;
        }
        try {
            return TimeFormat.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException("field '" + at + field + "' must be an ISO-8601 time with an offset or Z,"
                    + " not '" + Payloads.abbreviate(text) + "'");
        }
    }

    private static Occupant.Kind kind(JsonNode entry, String at) {
        String text = text(entry, "kind", at, false);
        for (Occupant.Kind kind : Occupant.Kind.values()) {
            if (kind.json().equals(text)) {
                return kind;
            }
        }
        throw new InvalidInputException("field '" + at + "kind' must be person|visitor|unknown, not '"
                + Payloads.abbreviate(text) + "'");
    }

    /** A PC that never reported may come without a state: SPEC §3 counts it as OFF. */
    private static PcState state(JsonNode entry, String at) {
        String text = text(entry, "state", at, true);
        if (text == null) {
            return PcState.OFF;
        }
        for (PcState state : PcState.values()) {
            if (state.name().equals(text)) {
                return state;
            }
        }
        throw new InvalidInputException("field '" + at + "state' must be ACTIVE|IDLE|LOCKED|OFF, not '"
                + Payloads.abbreviate(text) + "'");
    }
}
