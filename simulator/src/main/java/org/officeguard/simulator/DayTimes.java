package org.officeguard.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.officeguard.core.config.SiteConfig;

/**
 * The times a planned day hangs on: when business hours start, when people usually start work (09:00, or closer
 * to the start of business hours), and the latest anyone leaves as a rule (before business hours end, and by
 * 21:30 at the latest).
 */
final class DayTimes {

    final LocalDate date;
    final ZoneId zone;
    final Instant businessStart;
    final Instant workStart;
    final Instant latestDeparture;

    DayTimes(SiteConfig site, LocalDate date) {
        this.date = date;
        this.zone = site.timezone();
        LocalTime opens = site.businessHours().start();
        this.businessStart = at(opens);
        this.workStart = at(usualStart(opens));
        this.latestDeparture = latestDeparture(at(site.businessHours().end()));
    }

    /** 09:00, but at least half an hour after business hours start and at most three hours after. */
    private static LocalTime usualStart(LocalTime opens) {
        LocalTime start = LocalTime.of(9, 0);
        if (start.isBefore(opens.plusMinutes(30)) && opens.isBefore(LocalTime.of(20, 0))) {
            start = opens.plusMinutes(30);
        }
        if (opens.isBefore(LocalTime.of(21, 0)) && start.isAfter(opens.plusHours(3))) {
            start = opens.plusHours(3);
        }
        return start;
    }

    /** 11.5 hours after work starts, or half an hour before business hours end if that comes first; by 21:30. */
    private Instant latestDeparture(Instant closes) {
        Instant latest = workStart.plus(Duration.ofMinutes(11 * 60 + 30));
        if (closes.isAfter(workStart.plus(Duration.ofHours(8)))
                && closes.minus(Duration.ofMinutes(30)).isBefore(latest)) {
            latest = closes.minus(Duration.ofMinutes(30));
        }
        Instant cap = at(LocalTime.of(21, 30));
        return latest.isAfter(cap) ? cap : latest;
    }

    /** The instant of {@code time} on this day in the site's time zone. */
    Instant at(LocalTime time) {
        return date.atTime(time).atZone(zone).toInstant();
    }

    /** Whether {@code instant} falls on this day, in the site's time zone. */
    boolean isToday(Instant instant) {
        return date.equals(instant.atZone(zone).toLocalDate());
    }

    /** The later of two instants; null stands for "none" and loses to any instant. */
    static Instant later(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return first.isAfter(second) ? first : second;
    }

    static Instant clamp(Instant instant, Instant earliest, Instant latest) {
        return instant.isBefore(earliest) ? earliest : instant.isAfter(latest) ? latest : instant;
    }

    /** Down to a whole five minutes, as reception writes a pass's start. */
    static Instant floorToFiveMinutes(Instant instant) {
        long seconds = instant.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, 300));
    }

    /** Up to a whole five minutes, as reception writes a pass's end. */
    static Instant ceilToFiveMinutes(Instant instant) {
        long seconds = instant.getEpochSecond();
        long past = Math.floorMod(seconds, 300);
        return Instant.ofEpochSecond(past == 0 ? seconds : seconds + 300 - past);
    }
}
