package org.officeguard.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broken rule (SPEC §5). The id is derived from the site, rule, subject and triggering events
 * ({@link ViolationIds}), so the same facts always give the same id.
 */
public record Violation(String id, String site, Rule rule, Instant ts, String badge, String subject,
        Map<String, Object> details, List<String> sourceEventIds) {

    public Violation {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        sourceEventIds = List.copyOf(sourceEventIds);
    }

    public static Violation of(String site, Rule rule, Instant ts, String badge, String subject,
            Map<String, Object> details, List<String> sourceEventIds) {
        return new Violation(ViolationIds.of(site, rule, subject, sourceEventIds), site, rule, ts, badge, subject,
                details, sourceEventIds);
    }

    /** A violation's details from alternating keys and values, in the order given. */
    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
