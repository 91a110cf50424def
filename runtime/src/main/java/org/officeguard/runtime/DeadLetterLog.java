package org.officeguard.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters also go to the log (WARN, with the topic and the reason), so that an integrator connecting a new
 * device sees why its messages are refused; a device that sends nothing but bad messages would flood it, so each
 * site gets at most {@link #PER_MINUTE} lines a minute, and the first line after a minute of suppression says how
 * many were left out.
 */
final class DeadLetterLog {

    static final int PER_MINUTE = 5;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger("officeguard.deadletter");

    /** A site's current minute: when it began, the lines logged in it, the dead letters left out of the log. */
    private static final class Window {
        Instant start;
        int logged;
        long suppressed;
    }

    /** Where the lines go; the log, or a test's list. */
    interface Sink {
        void warn(String line);
    }

    private final Clock clock;
    private final Sink sink;
    private final Map<String, Window> sites = new HashMap<>();

    DeadLetterLog() {
        this(Clock.systemUTC(), LOG::warn);
    }

    DeadLetterLog(Clock clock, Sink sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /** A dead letter of {@code site} (or {@code _unknown}) for {@code topic}, refused for {@code reason}. */
    synchronized void refused(String site, String service, String topic, String reason) {
        Instant now = clock.instant();
        Window window = sites.computeIfAbsent(site, key -> new Window());
        if (window.start == null || !now.isBefore(window.start.plus(WINDOW))) {
            if (window.suppressed > 0) {
                sink.warn("Dead letters of site " + site + ": " + window.suppressed + " more in the last minute not"
                        + " logged (all of them are on the dead-letter topic and counted on /health)");
            }
            window.start = now;
            window.logged = 0;
            window.suppressed = 0;
        }
        if (window.logged < PER_MINUTE) {
            window.logged++;
            sink.warn("Dead letter (" + (service != null ? service : "officeguard") + ", site " + site + "): " + topic
                    + ": " + reason);
        } else {
            window.suppressed++;
        }
    }
}
