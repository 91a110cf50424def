package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CentreStreamTest {

    private static final Instant NINE = Instant.parse("2026-11-26T00:00:00Z");

    private static SiteUpstream.Message message(String name, long seconds) {
        return new SiteUpstream.Message(NINE.plusSeconds(seconds), name, name.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(List<SiteUpstream.Message> messages) {
        return messages.stream().map(SiteUpstream.Message::topic).toList();
    }

    @Test
    void sites_are_interleaved_by_event_time_each_in_its_own_order() {
        List<SiteUpstream.Message> merged = CentreStream.interleave(List.of(
                List.of(message("a1", 0), message("a2", 10), message("a3", 30)),
                List.of(message("b1", 5), message("b2", 20)),
                List.of(),
                List.of(message("c1", 25))));

        assertEquals(List.of("a1", "b1", "a2", "b2", "c1", "a3"), names(merged));
    }

    @Test
    void messages_of_the_same_instant_take_turns_site_by_site() {
        // a tick and the violations it releases share the tick's instant at each site
        List<SiteUpstream.Message> merged = CentreStream.interleave(List.of(
                List.of(message("a1", 0), message("a2", 0), message("a3", 0), message("a4", 60)),
                List.of(message("b1", 0), message("b2", 0)),
                List.of(message("c1", 0), message("c2", 60))));

        assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "a3", "a4", "c2"), names(merged));
    }

    @Test
    void a_site_out_of_event_time_order_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> CentreStream.interleave(List.of(List.of(message("a1", 10), message("a2", 5)))));
    }

    @Test
    void the_peak_is_the_busiest_window_of_event_time() {
        List<SiteUpstream.Message> messages = List.of(message("a", 0), message("b", 59), message("c", 60),
                message("d", 61), message("e", 62), message("f", 3600));

        assertEquals(3, CentreStream.peak(messages, Duration.ofMinutes(1)));
        assertEquals(5, CentreStream.peak(messages, Duration.ofMinutes(5)));
        assertEquals(0, CentreStream.peak(List.of(), Duration.ofMinutes(1)));
    }
}
