package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A site's live state goes out after it changed, at most once a second per site, the latest state winning. */
class LiveStatePacerTest {

    private long nanos = 5_000_000_000L;
    private final LiveStatePacer pacer = new LiveStatePacer(Duration.ofSeconds(1), () -> nanos);

    private void after(long millis) {
        nanos += Duration.ofMillis(millis).toNanos();
    }

    @Test
    void every_site_is_published_at_the_first_look_whatever_its_state() {
        assertTrue(pacer.due("hq", 0), "after a restart the retained message is made right");
        assertTrue(pacer.due("branch", 17));
        assertFalse(pacer.due("hq", 0), "nothing changed");
        after(5_000);
        assertFalse(pacer.due("hq", 0), "nothing changed, however long ago");
    }

    @Test
    void a_change_after_a_quiet_second_goes_out_at_once() {
        pacer.due("hq", 0);
        after(1_000);

        assertTrue(pacer.due("hq", 1));
    }

    @Test
    void a_change_within_the_second_waits_for_its_end_and_goes_out_with_the_latest_version() {
        pacer.due("hq", 0);
        after(200);
        assertFalse(pacer.due("hq", 1), "200 ms after the last publication");
        after(799);
        assertFalse(pacer.due("hq", 2), "999 ms after it");
        after(1);

        assertTrue(pacer.due("hq", 3), "a second after it, with the state as it is now");
        assertFalse(pacer.due("hq", 3));
    }

    @Test
    void sites_are_paced_each_on_its_own() {
        pacer.due("hq", 0);
        after(500);
        pacer.due("branch", 0);
        after(500);

        assertTrue(pacer.due("hq", 1), "hq's last publication is a second old");
        assertFalse(pacer.due("branch", 1), "branch's only half a second");
    }

    @Test
    void a_burst_of_changes_within_a_second_gives_its_first_state_and_then_its_final_state() {
        assertTrue(pacer.due("hq", 0));
        after(60_000); // a quiet minute
        // the timer looks every 200 ms; 50 badges over the next second move the version from 0 to 50
        List<Long> published = new ArrayList<>();
        long version = 0;
        for (int tick = 1; tick <= 15; tick++) {
            if (tick <= 5) {
                version += 10; // ten changes between two looks
            }
            if (pacer.due("hq", version)) {
                published.add(version);
            }
            after(200);
        }

        assertEquals(List.of(10L, 50L), published, "the burst's first state at once, its final state a second later");
    }
}
