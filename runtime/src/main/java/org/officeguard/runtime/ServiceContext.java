package org.officeguard.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.model.InvalidInputException;
import org.officeguard.core.model.Topics;

/** What every service is given: the sites, the topic tree, the clock and where to keep data. */
public record ServiceContext(List<SiteConfig> sites, Topics topics, ClockMode clockMode, Clock clock,
        String clientIdPrefix, Path dataDir, AppConfig config) {

    /** SPEC §4: in wall mode an event more than this far ahead of the system clock is refused. */
    public static final Duration MAX_FUTURE = Duration.ofSeconds(300);

    public ServiceContext {
        sites = List.copyOf(sites);
    }

    public Map<String, SiteConfig> sitesById() {
        Map<String, SiteConfig> m = new LinkedHashMap<>();
        sites.forEach(s -> m.put(s.site(), s));
        return m;
    }

    /** The system clock to the second: what wall mode ticks event time with. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Wall mode refuses events stamped more than 300 s ahead of the system clock. */
    public void checkNotInFuture(Instant ts) {
        if (clockMode == ClockMode.WALL && ts.isAfter(clock.instant().plus(MAX_FUTURE))) {
            throw new InvalidInputException("ts " + ts + " is more than 300 s ahead of the system clock");
        }
    }

    /**
     * The MQTT client id of a session, e.g. {@code officeguard-door-gateway}: a service takes its inputs and
     * publishes what they cause on one session; its retained live state goes out on a side session,
     * {@code officeguard-door-gateway-occupancy} ({@link MqttEndpoints}).
     */
    public String clientId(String session) {
        return clientIdPrefix + "-" + session;
    }
}
