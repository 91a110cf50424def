package org.officeguard.bench;

import static org.officeguard.bench.Figures.grouped;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The centre (issue 23): many sites' days at one central reporting, run once for each number of sites
 * {@code --sites} names ({@link CentreRun}). Not one of the default phases ({@code --only centre}): at 100 sites it
 * takes minutes.
 */
final class CentrePhase {

    /** The simulated day every site plays: a Thursday. */
    static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    /** The sites' time zones, in turn: their days reach the centre hours apart, as those of offices abroad do. */
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Sydney"));

    private final BenchRun run;

    CentrePhase(BenchRun run) {
        this.run = run;
    }

    void run() throws Exception {
        Map<String, Object> section = run.report().section("centre");
        section.put("day", DAY.toString());
        section.put("sitePeople", run.options().sitePeople());
        section.put("timezones", ZONES.stream().map(ZoneId::getId).toList());
        section.put("database", run.options().jdbcUrl() == null ? "H2 (reporting's data folder)" : run.options().jdbcUrl());
        List<Object> runs = new ArrayList<>();
        section.put("runs", runs);
        List<String> costs = new ArrayList<>();
        for (int sites : run.options().sites()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            runs.add(figures);
            new CentreRun(run, sites, figures).run();
            costs.add(sites + " sites " + figures.get("reportingCpuMicrosPerInput") + " µs at "
                    + grouped((Double) figures.get("inputsPerSecond")) + "/s" + secondHalf(figures));
        }
        run.report().row("centre: reporting's CPU per input, by number of sites (whole run, second half)",
                String.join("; ", costs), "how the cost grows with the sites");
    }

    @SuppressWarnings("unchecked")
    private static String secondHalf(Map<String, Object> figures) {
        Map<String, Object> second = (Map<String, Object>) figures.get("secondHalf");
        return second == null ? "" : " (second half " + second.get("reportingCpuMicrosPerInput") + " µs at "
                + grouped((Double) second.get("inputsPerSecond")) + "/s)";
    }
}
