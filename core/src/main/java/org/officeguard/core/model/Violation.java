package org.officeguard.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A broken rule (SPEC §5). The id is derived from the site, rule, subject and triggering events
 * ({@link ViolationIds}), so the same facts always give the same id.
 */
public record Violation(String id, String site, Rule rule, Instant ts, String badge, String subject,
        Map<String, Object> details, List<String> sourceEventIds) {

    public Violation {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        sourceEventIds = List.copyOf(sourceEventIds);
    }

    public static Violation of(String site, Rule rule, Instant ts, String badge, String subject,
            Map<String, Object> details, List<String> sourceEventIds) {
        return new Violation(ViolationIds.of(site, rule, subject, sourceEventIds), site, rule, ts, badge, subject,
                details, sourceEventIds);
    }
}
