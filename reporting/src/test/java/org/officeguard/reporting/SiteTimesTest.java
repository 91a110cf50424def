package org.officeguard.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each site's newest event time and how far it is behind the site furthest ahead, as {@code /health} shows them. */
class SiteTimesTest {

    private final SiteInputs tokyo = new SiteInputs("tokyo", "Asia/Tokyo");
    private final SiteInputs newYork = new SiteInputs("newyork", "America/New_York");
    private final SiteTimes times = new SiteTimes(List.of(tokyo.config(), newYork.config()));

    @Test
    void a_site_is_behind_the_newest_of_all_sites_by_the_difference_of_their_newest_events() {
        assertNull(times.newestOfAll());
        assertEquals(figures(null, null), times.health("tokyo"), "nothing yet: nothing to say");

        times.seen("tokyo", OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant());
        times.seen("newyork", OffsetDateTime.parse("2026-11-24T19:00:00-05:00").toInstant()); // 00:00Z
        times.seen("tokyo", OffsetDateTime.parse("2026-11-25T09:00:00+09:00").toInstant()); // older: changes nothing

        assertEquals(figures("2026-11-25T10:00:00+09:00", 0L), times.health("tokyo"));
        assertEquals(figures("2026-11-24T19:00:00-05:00", 3600L), times.health("newyork"), "in its own offset");
        assertEquals(Duration.ofHours(1), times.behind("newyork"));

        times.seen("newyork", OffsetDateTime.parse("2026-11-24T21:00:00-05:00").toInstant()); // New York overtakes
        assertEquals(Duration.ZERO, times.behind("newyork"));
        assertEquals(Duration.ofHours(1), times.behind("tokyo"));
    }

    private static Map<String, Object> figures(String newestEvent, Long behindSeconds) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("newestEvent", newestEvent);
        figures.put("behindSeconds", behindSeconds);
        return figures;
    }
}
