package org.officeguard.reporting.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;

/**
 * The latest retained {@code occupancy} and {@code pcs} of every site served (SPEC §2), each site's as one
 * {@link RollCall}. The broker hands a subscriber the retained message first and then every new one in the order they
 * were published: the last one taken is the state. Kept in memory only: on a restart the broker hands the retained
 * states again. Requests read it without a lock.
 */
public final class LatestStates {

    private static final String OCCUPANCY = "occupancy";
    private static final String PCS = "pcs";

    private final String root;
    private final Clock wall;
    private final Map<String, RollCall> latest = new ConcurrentHashMap<>();

    /** {@code root}: the topic root ({@code office}). */
    public LatestStates(Collection<SiteConfig> sites, String root, Clock wall) {
        this.root = root;
        this.wall = wall;
        for (SiteConfig site : sites) {
            latest.put(site.site(), RollCall.none(site));
        }
    }

    /** {@code office/{site}/occupancy} and {@code office/{site}/pcs} of every site served. */
    public List<String> topicFilters() {
        List<String> filters = new ArrayList<>();
        for (String site : latest.keySet().stream().sorted().toList()) {
            filters.add(root + "/" + site + "/" + OCCUPANCY);
            filters.add(root + "/" + site + "/" + PCS);
        }
        return filters;
    }

    /** The site's roll call; null for a site not served here. */
    public RollCall rollCall(String site) {
        return latest.get(site);
    }

    /**
     * Takes a retained state: the new latest of its site. An empty payload (the retained message cleared) leaves the
     * site without that state. A payload that cannot be read, or that names another site than its topic, throws
     * {@link InvalidInputException} and leaves the site's state as it was.
     */
    public void take(String topic, byte[] payload) {
        String site = siteOf(topic);
        String kind = topic.substring(root.length() + site.length() + 2);
        RollCall current = latest.get(site);
        if (current == null) {
            throw new InvalidInputException("unknown site '" + site + "'");
        }
        if (payload == null || payload.length == 0) { // MQTT's way to clear a retained message: no state any more
            switch (kind) {
                case OCCUPANCY -> latest.compute(site, (id, state) -> state.withOccupancy(null, wall.instant()));
                case PCS -> latest.compute(site, (id, state) -> state.withPcs(null, wall.instant()));
                default -> throw new InvalidInputException("topic '" + topic + "' is not a retained state officeguard reads");
            }
            return;
        }
        switch (kind) {
            case OCCUPANCY -> {
                Occupancy occupancy = LivePayloads.occupancy(payload);
                sameSite(occupancy.site(), site);
                latest.compute(site, (id, state) -> state.withOccupancy(occupancy, wall.instant()));
            }
            case PCS -> {
                PcStates pcs = LivePayloads.pcs(payload);
                sameSite(pcs.site(), site);
                latest.compute(site, (id, state) -> state.withPcs(pcs, wall.instant()));
            }
            default -> throw new InvalidInputException("topic '" + topic + "' is not a retained state officeguard reads");
        }
    }

    /** The site level of {@code root/site/occupancy} or {@code root/site/pcs}. */
    private String siteOf(String topic) {
        int end = topic == null ? -1 : topic.lastIndexOf('/');
        if (end <= root.length() + 1 || !topic.startsWith(root + "/")) {
            throw new InvalidInputException("topic '" + topic + "' is not a retained state officeguard reads");
        }
        return topic.substring(root.length() + 1, end);
    }

    private static void sameSite(String named, String topicSite) {
        if (!named.equals(topicSite)) {
            throw new InvalidInputException("payload names site '" + named + "' but came on the topic of " + topicSite);
        }
    }
}
