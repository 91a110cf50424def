package org.officeguard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The sites' messages as a live centre receives them: interleaved by event time, each site's own order kept, and
 * the sites taking turns among messages of the same instant (one of each site's, then the next of each).
 */
final class CentreStream {

    /** A site's next message in the merge, and its turn among the site's messages of that instant. */
    private record Head(int site, int index, Instant at, int turn) {}

    private CentreStream() {}

    static List<SiteUpstream.Message> interleave(List<List<SiteUpstream.Message>> sites) {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::at).thenComparingInt(Head::turn)
                .thenComparingInt(Head::site));
        int total = 0;
        for (int site = 0; site < sites.size(); site++) {
            List<SiteUpstream.Message> messages = sites.get(site);
            total += messages.size();
            if (!messages.isEmpty()) {
                heads.add(new Head(site, 0, messages.get(0).at(), 0));
            }
        }
        List<SiteUpstream.Message> merged = new ArrayList<>(total);
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            List<SiteUpstream.Message> messages = sites.get(head.site());
            merged.add(messages.get(head.index()));
            int next = head.index() + 1;
            if (next < messages.size()) {
                Instant at = messages.get(next).at();
                if (at.isBefore(head.at())) {
                    throw new IllegalArgumentException("site " + head.site() + "'s message " + next + " at " + at
                            + " comes before the one ahead of it, at " + head.at());
                }
                heads.add(new Head(head.site(), next, at, at.equals(head.at()) ? head.turn() + 1 : 0));
            }
        }
        return merged;
    }

    /**
     * The most messages of any {@code window} of event time (windows from the epoch on): the rate a live centre must
     * take at the sites' busiest moment, {@code peak / window}.
     */
    static long peak(List<SiteUpstream.Message> messages, Duration window) {
        Map<Long, Long> perWindow = new HashMap<>();
        long millis = window.toMillis();
        for (SiteUpstream.Message message : messages) {
            perWindow.merge(Math.floorDiv(message.at().toEpochMilli(), millis), 1L, Long::sum);
        }
        return perWindow.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
