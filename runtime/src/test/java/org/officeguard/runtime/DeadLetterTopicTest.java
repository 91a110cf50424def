package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.officeguard.core.model.Topics;

/** Where bad input is dead-lettered: the deadletter topic of the site its topic names, under the configured root. */
class DeadLetterTopicTest {

    private static final Topics OFFICE = new Topics("office");
    private static final Topics ACME = new Topics("acme/office");

    @Test
    void bad_input_goes_to_the_deadletter_topic_of_the_site_its_topic_names() {
        assertEquals("office/hq/deadletter", CommonRoutes.deadLetterTopic(OFFICE, "office/hq/door/front/badge"));
        assertEquals("office/branch-2/deadletter", CommonRoutes.deadLetterTopic(OFFICE, "office/branch-2/clock"));
        // not a topic of the spec, and a site not served here: still that site's
        assertEquals("office/osaka/deadletter", CommonRoutes.deadLetterTopic(OFFICE, "office/osaka/lights/on"));
    }

    @Test
    void under_a_root_of_several_levels_the_site_is_the_level_after_the_root_not_the_second_level() {
        assertEquals("acme/office/hq/deadletter", CommonRoutes.deadLetterTopic(ACME, "acme/office/hq/door/front/badge"));
        assertEquals("acme/office/hq/deadletter", CommonRoutes.deadLetterTopic(ACME, "acme/office/hq/clock"));
        // a site that happens to be called like a level of the root
        assertEquals("acme/office/office/deadletter", CommonRoutes.deadLetterTopic(ACME, "acme/office/office/clock"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme/office", "acme/office/", "acme/office//clock", "acme/office/HQ/clock",
        "acme/office/h q/clock", "acme/hq/door/front/badge", "office/hq/door/front/badge", "acme/officehq/clock", ""})
    void a_topic_outside_the_root_or_without_a_usable_site_level_goes_to_the_unknown_site(String topic) {
        assertEquals("acme/office/_unknown/deadletter", CommonRoutes.deadLetterTopic(ACME, topic));
    }

    @Test
    void a_missing_topic_goes_to_the_unknown_site() {
        assertEquals("office/_unknown/deadletter", CommonRoutes.deadLetterTopic(OFFICE, null));
        assertEquals("office/_unknown/deadletter", CommonRoutes.deadLetterTopic(OFFICE, "office//clock"));
        assertEquals("office/_unknown/deadletter", CommonRoutes.deadLetterTopic(OFFICE, "office/Hq/clock"));
    }
}
