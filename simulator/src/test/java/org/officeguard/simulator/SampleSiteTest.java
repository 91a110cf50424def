package org.officeguard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;

class SampleSiteTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Test
    void the_default_site_has_fifty_people_five_zones_eight_doors_fifty_pcs_and_visitors() {
        SiteConfig site = SampleSite.config(SampleSite.DEFAULT_PEOPLE, DAY);
        assertEquals("hq", site.site());
        assertEquals(50, site.people().size());
        assertEquals(5, site.zones().size());
        assertEquals(8, site.doors().size());
        assertEquals(50, site.pcs().size());
        assertEquals(2, site.visitors().size());
        assertTrue(site.people().values().stream().anyMatch(p -> p.afterHours()));
        assertTrue(site.people().values().stream().anyMatch(p -> !p.zones().contains("lab")));
    }

    @Test
    void people_scale_it_and_the_doors_and_zones_stay() {
        SiteConfig site = SampleSite.config(200, DAY);
        assertEquals(200, site.people().size());
        assertEquals(200, site.pcs().size());
        assertEquals(8, site.doors().size());
        // it is a site file like any other: the loader reads what demo writes next to the reports
        assertEquals(site.people().keySet(), SiteConfigLoader.parse(SampleSite.yaml(200, DAY), "x.yaml").people().keySet());
    }

    @Test
    void a_site_of_many_has_its_own_id_and_time_zone_and_the_same_office() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SiteConfig site = SiteConfigLoader.parse(SampleSite.yaml(200, DAY, "site-042", berlin), "site-042.yaml");
        assertEquals("site-042", site.site());
        assertEquals(berlin, site.timezone());
        assertEquals(SampleSite.config(200, DAY).people().keySet(), site.people().keySet());
        // the file's visitors come at 10:00 local time of that site
        assertEquals(DAY.atTime(10, 0).atZone(berlin).toInstant(), site.visitors().get("V001").validFrom());
    }

    @Test
    void three_people_make_a_site_whose_visitors_have_hosts() {
        SiteConfig site = SampleSite.config(3, DAY);
        assertEquals(3, site.people().size());
        assertTrue(site.visitors().values().stream().allMatch(pass -> site.people().containsKey(pass.host())));
    }

    @Test
    void another_site_in_another_zone_has_its_own_id_and_local_times() {
        ZoneId london = ZoneId.of("Europe/London");
        SiteConfig site = SiteConfigLoader.parse(SampleSite.yaml(20, DAY, "london", london), "london.yaml");
        assertEquals("london", site.site());
        assertEquals(london, site.timezone());
        assertEquals(DAY.atTime(LocalTime.of(10, 0)).atZone(london).toInstant(), site.visitors().get("V001").validFrom());
        // a day there is planned in its own local time, and happens on that local date
        Scenario scenario = Scenario.generate(site, DAY, 1, 3, LapseRates.defaults());
        assertEquals(List.of(), scenario.problems());
        assertEquals("london", scenario.truth().site());
        assertTrue(scenario.messages().stream().filter(m -> m.kind() == DeviceMessage.Kind.BADGE)
                .allMatch(m -> m.ts().atZone(london).toLocalDate().equals(DAY)));
    }

    @Test
    void fewer_than_three_people_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> SampleSite.yaml(2, DAY));
    }
}
