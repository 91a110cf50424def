package org.officeguard.reporting.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.officeguard.core.model.Payloads;

/**
 * The retained states of SPEC §2 as the door-gateway and the lockout-monitor publish them, for tests:
 * {@code occupancy(ts, site, person(...), visitor(...), unknown(...))}, {@code pcs(ts, site, pc(...))}.
 */
public final class Retained {

    private Retained() {}

    public static String occupancy(String ts, String site, ObjectNode... occupants) {
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("ts", ts);
        o.put("site", site);
        o.put("count", occupants.length);
        ArrayNode list = o.putArray("occupants");
        for (ObjectNode occupant : occupants) {
            list.add(occupant);
        }
        return o.toString();
    }

    public static ObjectNode person(String badge, String name, String zone, String since) {
        return occupant(badge, name, "person", zone, since);
    }

    public static ObjectNode visitor(String badge, String name, String zone, String since, String host) {
        return occupant(badge, name, "visitor", zone, since).put("host", host);
    }

    public static ObjectNode unknown(String badge, String zone, String since) {
        return occupant(badge, null, "unknown", zone, since);
    }

    private static ObjectNode occupant(String badge, String name, String kind, String zone, String since) {
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("badge", badge);
        o.put("name", name);
        o.put("kind", kind);
        o.put("zone", zone);
        o.put("since", since);
        return o;
    }

    public static String pcs(String ts, String site, ObjectNode... pcs) {
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("ts", ts);
        o.put("site", site);
        ArrayNode list = o.putArray("pcs");
        for (ObjectNode pc : pcs) {
            list.add(pc);
        }
        return o.toString();
    }

    /** {@code since} null: a PC that never reported. */
    public static ObjectNode pc(String id, String zone, String user, String state, String since) {
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("pc", id);
        o.put("zone", zone);
        o.put("user", user);
        o.put("state", state);
        o.put("since", since);
        return o;
    }

    public static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
