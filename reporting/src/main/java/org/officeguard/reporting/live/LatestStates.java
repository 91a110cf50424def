package org.officeguard.reporting.live;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Topics;

/**
 * The latest retained {@code occupancy} and {@code pcs} of every site served (SPEC §2), each site's as one
 * {@link RollCall}. The broker hands a subscriber the retained message first and then every new one in the order they
 * were published: the last one taken is the state. Kept in memory only: on a restart the broker hands the retained
 * states again. Requests read it without a lock.
 */
public final class LatestStates {

    private final String root;
    private final Topics topics;
    private final Clock wall;
    private final Map<String, RollCall> latest = new ConcurrentHashMap<>();

    /** {@code root}: the topic root ({@code office}). */
    public LatestStates(Collection<SiteConfig> sites, String root, Clock wall) {
        this.root = root;
        this.topics = new Topics(root);
        this.wall = wall;
        for (SiteConfig site : sites) {
            latest.put(site.site(), RollCall.none(site));
        }
    }

    /** {@code office/{site}/occupancy} and {@code office/{site}/pcs} of every site served. */
    public List<String> topicFilters() {
        List<String> filters = new ArrayList<>();
        for (String site : latest.keySet().stream().sorted().toList()) {
            filters.add(topics.occupancy(site));
            filters.add(topics.pcs(site));
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
        if (!latest.containsKey(site)) {
            throw new InvalidInputException("unknown site '" + site + "'");
        }
        boolean occupancy = topic.equals(topics.occupancy(site));
        if (!occupancy && !topic.equals(topics.pcs(site))) {
            throw new InvalidInputException("topic '" + topic + "' is not a retained state officeguard reads");
        }
        if (payload == null || payload.length == 0) { // MQTT's way to clear a retained message: no state any more
            latest.compute(site, (id, state) -> occupancy ? state.withOccupancy(null, wall.instant())
                    : state.withPcs(null, wall.instant()));
        } else if (occupancy) {
            Occupancy read = LivePayloads.occupancy(payload);
            sameSite(read.site(), site);
            latest.compute(site, (id, state) -> state.withOccupancy(read, wall.instant()));
        } else {
            PcStates read = LivePayloads.pcs(payload);
            sameSite(read.site(), site);
            latest.compute(site, (id, state) -> state.withPcs(read, wall.instant()));
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
