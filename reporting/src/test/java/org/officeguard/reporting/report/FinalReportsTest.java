package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.officeguard.reporting.report.DailyReport.Lang;

class FinalReportsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private static FinalReports.Key key(String site, LocalDate day, String format, Lang lang) {
        return new FinalReports.Key(site, day, format, lang);
    }

    @Test
    void a_report_is_found_only_under_its_own_site_date_format_and_language() {
        FinalReports cache = new FinalReports(1_000);
        byte[] ja = new byte[10];
        cache.put(key("hq", DAY, "html", Lang.JA), ja, 0);

        assertSame(ja, cache.get(key("hq", DAY, "html", Lang.JA)));
        assertNull(cache.get(key("hq", DAY, "html", Lang.EN)));
        assertNull(cache.get(key("hq", DAY, "json", null)));
        assertNull(cache.get(key("hq", DAY.plusDays(1), "html", Lang.JA)));
        assertNull(cache.get(key("branch", DAY, "html", Lang.JA)));
    }

    @Test
    void the_least_recently_used_go_first_once_the_budget_is_spent_and_a_huge_report_is_not_kept() {
        FinalReports cache = new FinalReports(1_000);
        FinalReports.Key a = key("hq", DAY, "json", null);
        FinalReports.Key b = key("hq", DAY, "csv", null);
        FinalReports.Key c = key("hq", DAY.minusDays(1), "json", null);
        cache.put(a, new byte[400], 0);
        cache.put(b, new byte[400], 0);
        cache.get(a); // a is now the most recently used
        cache.put(c, new byte[400], 0);

        assertNull(cache.get(b));
        assertEquals(400, cache.get(a).length);
        assertEquals(400, cache.get(c).length);
        assertEquals(800, cache.bytes());

        cache.put(key("hq", DAY, "html", Lang.JA), new byte[501], 0);
        assertNull(cache.get(key("hq", DAY, "html", Lang.JA)));
        assertEquals(800, cache.bytes());

        cache.put(a, new byte[100], 0); // replaced, not counted twice
        assertEquals(500, cache.bytes());
    }

    @Test
    void a_rewritten_report_is_forgotten_in_every_form_and_bytes_read_before_its_rewrite_are_not_kept() {
        FinalReports cache = new FinalReports(1_000);
        long before = cache.generation();
        cache.put(key("hq", DAY, "json", null), new byte[10], before);
        cache.put(key("hq", DAY, "html", Lang.EN), new byte[10], before);
        cache.put(key("hq", DAY.plusDays(1), "json", null), new byte[10], before);
        cache.put(key("branch", DAY, "json", null), new byte[10], before);

        cache.forget("hq", DAY);
        assertNull(cache.get(key("hq", DAY, "json", null)));
        assertNull(cache.get(key("hq", DAY, "html", Lang.EN)));
        assertEquals(10, cache.get(key("hq", DAY.plusDays(1), "json", null)).length, "another day stays");
        assertEquals(10, cache.get(key("branch", DAY, "json", null)).length, "another site stays");
        assertEquals(20, cache.bytes());

        cache.put(key("hq", DAY, "json", null), new byte[10], before); // read before the rewrite: perhaps the old
        assertNull(cache.get(key("hq", DAY, "json", null)));
        cache.put(key("hq", DAY, "json", null), new byte[10], cache.generation());
        assertEquals(10, cache.get(key("hq", DAY, "json", null)).length);
    }
}
