package org.officeguard.testsupport;

import static org.officeguard.testsupport.TestMqttClient.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TestMqttClient#matches} against the examples of MQTT 5.0, section 4.7. */
class TopicFilterTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "office/hq/door/front/badge, office/hq/door/front/badge, true",
            "office/hq/door/front/badge, office/hq/door/back/badge,  false",
            "office/+/door/+/badge,      office/hq/door/front/badge, true",
            "office/+/door/+/badge,      office/hq/door/front,       false",
            "office/+/door/+/badge,      office/hq/door/front/badge/x, false",
            "office/#,                   office/hq/door/front/badge, true",
            "office/#,                   office,                     true",
            "office/hq/#,                office,                     false",
            "#,                          office/hq,                  true",
            "#,                          /,                          true",
            "+,                          office,                     true",
            "+,                          office/hq,                  false",
            "+,                          /office,                    false",
            "+/+,                        /office,                    true",
            "/+,                         /office,                    true",
            "office/+,                   office/,                    true",
            "office/+/+,                 office/hq,                  false",
            "Office/hq,                  office/hq,                  false",
            "#,                          $SYS/broker/uptime,         false",
            "+/broker/uptime,            $SYS/broker/uptime,         false",
            "$SYS/#,                     $SYS/broker/uptime,         true",
            "$SYS/+/uptime,              $SYS/broker/uptime,         true",
    })
    void matchesLikeABroker(String filter, String topic, boolean expected) {
        assertEquals(expected, matches(filter, topic));
    }
}
