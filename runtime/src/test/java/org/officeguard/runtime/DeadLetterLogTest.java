package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterLogTest {

    private Instant now = Instant.parse("2026-11-25T01:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final DeadLetterLog log = new DeadLetterLog(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, lines::add);

    @Test
    void a_dead_letter_is_logged_with_its_service_site_topic_and_reason() {
        log.refused("hq", "device-bridge", "esprfid/front-in/send", "esp-rfid front-in: field 'uid' is missing");

        assertEquals(List.of("Dead letter (device-bridge, site hq): esprfid/front-in/send: esp-rfid front-in: field"
                + " 'uid' is missing"), lines);
    }

    @Test
    void a_site_gets_a_few_lines_a_minute_then_the_count_of_those_left_out() {
        for (int i = 0; i < 40; i++) {
            log.refused("hq", "door-gateway", "office/hq/door/front/badge", "not JSON");
            now = now.plusSeconds(1);
        }
        assertEquals(DeadLetterLog.PER_MINUTE, lines.size(), "the first minute: " + lines);

        now = now.plus(Duration.ofMinutes(1));
        log.refused("hq", "door-gateway", "office/hq/door/front/badge", "not JSON");

        assertEquals("Dead letters of site hq: " + (40 - DeadLetterLog.PER_MINUTE) + " more in the last minute not logged"
                + " (all of them are on the dead-letter topic and counted on /health)", lines.get(DeadLetterLog.PER_MINUTE));
        assertTrue(lines.get(DeadLetterLog.PER_MINUTE + 1).startsWith("Dead letter (door-gateway, site hq)"));
    }

    @Test
    void each_site_has_its_own_allowance() {
        for (int i = 0; i < 10; i++) {
            log.refused("hq", null, "office/hq/clock", "bad");
        }
        log.refused("osaka", null, "office/osaka/clock", "bad");

        assertEquals(DeadLetterLog.PER_MINUTE + 1, lines.size());
        assertEquals("Dead letter (officeguard, site osaka): office/osaka/clock: bad", lines.get(lines.size() - 1));
    }
}
