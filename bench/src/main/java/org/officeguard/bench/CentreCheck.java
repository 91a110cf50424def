package org.officeguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;

/**
 * Whether the centre lost nothing: every day of every site final, its report (as published retained, and as
 * reporting serves it over HTTP) counting what the site's rules found — each rule's violations, the passages granted
 * and denied — and reporting's own counters agreeing (every violation stored once, none after its day closed, nothing
 * dead-lettered, no MQTT session started afresh).
 */
final class CentreCheck {

    /** The verdict, for the table. */
    record Outcome(int daysExpected, int daysFinal, int reportsAsExpected, boolean nothingLost) {}

    /** Problems listed in the JSON at most; the counts say how many there were. */
    private static final int LISTED = 20;

    private final String root;
    private final List<SiteUpstream> sites;
    private final Map<String, byte[]> reports;
    private final int port;
    private final Map<String, Object> figures;
    private final List<String> problems = new ArrayList<>();

    /** {@code reports}: each final report published under {@code root}, by topic; reporting's HTTP on {@code port}. */
    CentreCheck(String root, List<SiteUpstream> sites, Map<String, byte[]> reports, int port,
            Map<String, Object> figures) {
        this.root = root;
        this.sites = sites;
        this.reports = reports;
        this.port = port;
        this.figures = figures;
    }

    Outcome check() throws IOException {
        int expected = 0;
        int published = 0;
        int asExpected = 0;
        int served = 0;
        for (SiteUpstream site : sites) {
            for (LocalDate day : site.closingDays()) {
                expected++;
                SiteUpstream.DayCounts counts = site.expected(day);
                byte[] report = reports.get(root + "/" + site.id() + "/report/" + day);
                if (report == null) {
                    problem(site.id() + " " + day + ": no final report published");
                    continue;
                }
                published++;
                List<String> differences = differences(Payloads.JSON.readTree(report), counts);
                if (differences.isEmpty()) {
                    asExpected++;
                } else {
                    problem(site.id() + " " + day + " published: " + differences);
                }
                List<String> onHttp = differences(ServiceHttp.json(port, "/reports/" + site.id() + "/" + day + ".json"),
                        counts);
                if (onHttp.isEmpty()) {
                    served++;
                } else {
                    problem(site.id() + " " + day + " over HTTP: " + onHttp);
                }
            }
        }
        long violations = sites.stream().mapToLong(SiteUpstream::violations).sum();
        long rulesAsSimulated = sites.stream().filter(site -> site.byRule().equals(site.simulatorExpects())).count();
        JsonNode health = ServiceHttp.reporting(port);
        long stored = health.path("violationsStored").asLong(-1);
        long duplicates = health.path("duplicatesIgnored").asLong(-1);
        long afterClosed = health.path("afterDayClosed").asLong(-1);
        long deadLettered = health.path("deadLettered").asLong(-1);
        long discarded = health.path("sessionsDiscarded").asLong(-1);
        figures.put("daysExpected", expected);
        figures.put("daysFinal", published);
        figures.put("reportsAsExpected", asExpected);
        figures.put("reportsServedAsExpected", served);
        figures.put("sitesWhoseRulesFoundWhatTheSimulatorExpects", rulesAsSimulated);
        figures.put("violationsStored", stored);
        figures.put("duplicatesIgnored", duplicates);
        figures.put("afterDayClosed", afterClosed);
        figures.put("deadLettered", deadLettered);
        figures.put("sessionsDiscarded", discarded);
        figures.put("problems", problems.size());
        figures.put("problemsListed", problems.subList(0, Math.min(LISTED, problems.size())));
        boolean nothingLost = published == expected && asExpected == expected && served == expected
                && stored == violations && duplicates == 0 && afterClosed == 0 && deadLettered == 0 && discarded == 0;
        figures.put("nothingLost", nothingLost);
        return new Outcome(expected, published, asExpected, nothingLost);
    }

    private void problem(String problem) {
        problems.add(problem);
    }

    /** How a day's report differs from what it must count: empty when it is final and counts just that. */
    static List<String> differences(JsonNode report, SiteUpstream.DayCounts expected) {
        List<String> differences = new ArrayList<>();
        if (!report.path("final").asBoolean(false)) {
            differences.add(report.isMissingNode() ? "no report" : "not final");
            return differences;
        }
        compare(differences, "violations", report.path("totals").path("violations"), expected.violations());
        for (Rule rule : Rule.values()) {
            compare(differences, rule.name(), report.path("totals").path("byRule").path(rule.name()),
                    expected.byRule().get(rule));
        }
        JsonNode activity = report.path("activity");
        compare(differences, "passagesGranted", activity.path("passagesGranted"), expected.passagesGranted());
        compare(differences, "passagesDenied", activity.path("passagesDenied"), expected.passagesDenied());
        return differences;
    }

    /** A count the report leaves out is 0 (a rule nobody broke). */
    private static void compare(List<String> differences, String what, JsonNode got, long expected) {
        long count = got.asLong(0);
        if (count != expected) {
            differences.add(what + " " + count + " (expected " + expected + ")");
        }
    }
}
