package org.officeguard.gateway.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.VisitorPass;
import org.officeguard.core.model.Decision;
import org.officeguard.core.model.LastExitEvent;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.TimeFormat;
import org.officeguard.core.model.Violation;

/**
 * The visitor rules that wait for time to pass, fed in {@code ts} order: {@code VISITOR_UNESCORTED}
 * (the host must pass the same door the same way within ±escortSeconds) and
 * {@code VISITOR_NOT_CHECKED_OUT} (still inside at a LOCKUP or at validUntil + grace; once per pass).
 */
public final class VisitorWatch {

    /** A check that runs when event time reaches it. */
    public sealed interface Due permits EscortDue, CheckoutDue {}

    /** Was the visitor's passage escorted? Decided at passage ts + escortSeconds. */
    public record EscortDue(Decision passage, String host) implements Due {}

    /** Has the visitor left by validUntil + visitorCheckoutGraceSeconds? */
    public record CheckoutDue(VisitorPass pass) implements Due {}

    private final SiteConfig site;
    private final Duration escort;
    private final Duration checkoutGrace;
    private final BiConsumer<Instant, Due> scheduler;
    private final Map<String, VisitorPass> passes = new HashMap<>();
    private final Set<String> reportedPasses = new HashSet<>();
    private final Map<String, String> locations = new HashMap<>();
    /** Recent granted passages by door and direction: the candidates for an escort. */
    private final Map<String, Deque<Decision>> recent = new HashMap<>();

    public VisitorWatch(SiteConfig site, BiConsumer<Instant, Due> scheduler) {
        this.site = site;
        this.escort = site.rules().escort();
        this.checkoutGrace = site.rules().visitorCheckoutGrace();
        this.scheduler = scheduler;
    }

    /** A pass was issued or replaced: a new pass gets its own checkout deadline. */
    public void passIssued(VisitorPass pass) {
        passes.put(pass.badge(), pass);
        scheduler.accept(pass.validUntil().plus(checkoutGrace), new CheckoutDue(pass));
    }

    /** A granted passage, in ts order. {@code pass} is the holder's pass when a visitor passed. */
    public void passage(Decision passage, VisitorPass pass) {
        String key = passage.door() + "/" + passage.direction();
        Deque<Decision> candidates = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant keepFrom = passage.ts().minus(escort.multipliedBy(2));
        while (!candidates.isEmpty() && candidates.peekFirst().ts().isBefore(keepFrom)) {
            candidates.pollFirst();
        }
        candidates.addLast(passage);
        if (pass != null) {
            locations.put(passage.badge(), passage.destination());
            if (!SiteConfig.OUTSIDE.equals(passage.destination())) {
                scheduler.accept(passage.ts().plus(escort), new EscortDue(passage, pass.host()));
            }
        }
    }

    public Optional<Violation> escortDue(EscortDue due) {
        Decision visit = due.passage();
        Deque<Decision> candidates = recent.getOrDefault(visit.door() + "/" + visit.direction(), new ArrayDeque<>());
        for (Decision candidate : candidates) {
            if (candidate.badge().equals(due.host())
                    && Duration.between(candidate.ts(), visit.ts()).abs().compareTo(escort) <= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(Violation.of(site.site(), Rule.VISITOR_UNESCORTED, visit.ts(), visit.badge(),
                "door:" + visit.door(),
                Violation.details("host", due.host(), "direction", visit.direction().name(),
                        "destination", visit.destination()),
                List.of(visit.eventId())));
    }

    /** At a LOCKUP every visitor still inside is reported, once per pass. */
    public List<Violation> lockup(LastExitEvent event) {
        List<Violation> out = new ArrayList<>();
        for (VisitorPass pass : new TreeMap<>(passes).values()) {
            notCheckedOut(pass, event.ts(), event.eventId()).ifPresent(out::add);
        }
        return out;
    }

    public Optional<Violation> checkoutDue(CheckoutDue due, Instant at) {
        if (passes.get(due.pass().badge()) != due.pass()) {
            return Optional.empty(); // replaced by a newer pass, which has its own deadline
        }
        return notCheckedOut(due.pass(), at, null);
    }

    Map<String, VisitorPass> passes() {
        return passes;
    }

    Set<String> reportedPasses() {
        return reportedPasses;
    }

    Map<String, String> locations() {
        return locations;
    }

    /** Recent granted passages by door and direction, oldest first. */
    Map<String, List<Decision>> recentPassages() {
        Map<String, List<Decision>> copy = new HashMap<>();
        recent.forEach((key, passages) -> copy.put(key, new ArrayList<>(passages)));
        return copy;
    }

    /** Takes a snapshot's state in place of what is known now; the deadlines are the timeline's. */
    void restore(Map<String, VisitorPass> watched, Set<String> reported, Map<String, String> where,
            Map<String, List<Decision>> passages) {
        passes.clear();
        passes.putAll(watched);
        reportedPasses.clear();
        reportedPasses.addAll(reported);
        locations.clear();
        locations.putAll(where);
        recent.clear();
        passages.forEach((key, list) -> recent.put(key, new ArrayDeque<>(list)));
    }

    private Optional<Violation> notCheckedOut(VisitorPass pass, Instant ts, String triggerEventId) {
        String where = locations.getOrDefault(pass.badge(), SiteConfig.OUTSIDE);
        if (SiteConfig.OUTSIDE.equals(where) || !reportedPasses.add(pass.passId())) {
            return Optional.empty();
        }
        // The id rests on the pass alone: at most once per pass, whichever trigger came first.
        Violation violation = Violation.of(site.site(), Rule.VISITOR_NOT_CHECKED_OUT, ts, pass.badge(), "zone:" + where,
                Violation.details("host", pass.host(), "validUntil",
                        TimeFormat.format(pass.validUntil(), site.timezone()),
                        "trigger", triggerEventId == null ? "validUntil+grace" : "LOCKUP"),
                List.of(pass.passId()));
        List<String> sources = triggerEventId == null ? List.of(pass.passId()) : List.of(pass.passId(), triggerEventId);
        return Optional.of(new Violation(violation.id(), violation.site(), violation.rule(), violation.ts(),
                violation.badge(), violation.subject(), violation.details(), sources));
    }
}
