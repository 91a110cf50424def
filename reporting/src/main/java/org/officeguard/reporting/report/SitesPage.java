package org.officeguard.reporting.report;

import java.util.List;
import org.officeguard.reporting.live.RollCall;
import org.officeguard.reporting.report.DailyReport.Lang;

/** What {@code sites.jte} shows: the sites served, each with its links and how its lock-up check stands. */
final class SitesPage {

    private final List<ManagerPages.SiteLine> sites;
    private final Lang lang;
    private final Texts texts;

    SitesPage(List<ManagerPages.SiteLine> sites, Lang lang) {
        this.sites = List.copyOf(sites);
        this.lang = lang;
        this.texts = Texts.of(lang);
    }

    Lang lang() {
        return lang;
    }

    Texts texts() {
        return texts;
    }

    List<ManagerPages.SiteLine> sites() {
        return sites;
    }

    String otherLanguageHref() {
        return Hrefs.otherLanguage(null, lang);
    }

    // ------------------------------------------------------------------ a site's links, from "/"

    String monthHref(ManagerPages.SiteLine line) {
        return Hrefs.withLang("reports/" + line.site().site() + ".html", lang);
    }

    String todayHref(ManagerPages.SiteLine line) {
        return Hrefs.withLang("reports/" + line.site().site() + "/" + line.today() + ".html", lang);
    }

    String rollCallHref(ManagerPages.SiteLine line) {
        return Hrefs.withLang("sites/" + line.site().site() + "/now.html", lang);
    }

    // ------------------------------------------------------------------ how it stands

    String statusClass(ManagerPages.SiteLine line) {
        return line.rollCall().verdict().status().json();
    }

    String status(ManagerPages.SiteLine line) {
        return texts.lookup("verdict." + line.rollCall().verdict().status().json());
    }

    /** "3 inside", or that no occupancy has arrived. */
    String inside(ManagerPages.SiteLine line) {
        RollCall call = line.rollCall();
        if (call.occupancy() == null) {
            return texts.lookup("sites.noLiveData");
        }
        return texts.format("sites.inside", ReportPage.num(call.inside()));
    }

    String today(ManagerPages.SiteLine line) {
        return RollCallPage.longDate(line.today(), texts);
    }

    String zone(ManagerPages.SiteLine line) {
        return line.site().timezone().getId();
    }
}
