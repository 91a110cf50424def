package org.officeguard.reporting;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Topics;
import org.officeguard.core.model.Violation;
import org.officeguard.testsupport.ExampleDay;

/**
 * What a site's services publish for reporting, as topic and payload, for tests of many sites: the example site under
 * another name and time zone, its violations, decisions and clock ticks. Every id is given by the test, so the same
 * input published twice is the same input.
 */
final class SiteInputs {

    static final Topics TOPICS = new Topics("office");

    /** One message: where it goes and what it says. */
    record Message(String topic, String payload) {}

    private final SiteConfig site;

    SiteInputs(String id, String zone) {
        this.site = SiteConfigLoader.parse(ExampleDay.siteYaml().replace("site: hq", "site: " + id)
                .replace("timezone: Asia/Tokyo", "timezone: " + ZoneId.of(zone).getId()), id + ".yaml");
    }

    SiteConfig config() {
        return site;
    }

    String id() {
        return site.site();
    }

    /** A PC_LEFT_ON of PC-01 charged to E001, stamped {@code ts} (ISO-8601 with an offset). */
    Message violation(String id, String ts) {
        Violation violation = new Violation(id, site.site(), Rule.PC_LEFT_ON, OffsetDateTime.parse(ts).toInstant(),
                "E001", "pc:PC-01", Map.of(), List.of("src-" + id));
        return new Message(TOPICS.violation(site.site(), violation.rule()),
                new String(Payloads.write(violation, site.timezone()), StandardCharsets.UTF_8));
    }

    /** E001 granted IN at the front door, stamped {@code ts}. */
    Message decision(String eventId, String ts) {
        return new Message(TOPICS.decision(site.site(), "front"), """
                {"eventId":"%s","ts":"%s","site":"%s","door":"front","badge":"E001","direction":"IN",\
                "origin":"outside","destination":"lobby","granted":true,"reason":"OK"}""".formatted(eventId, ts,
                site.site()));
    }

    Message clock(String ts) {
        return new Message(TOPICS.clock(site.site()), "{\"ts\":\"" + ts + "\"}");
    }

    /** The topic of the site's report of {@code date}. */
    String report(String date) {
        return TOPICS.report(site.site(), date);
    }
}
