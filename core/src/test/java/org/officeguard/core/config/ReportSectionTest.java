package org.officeguard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The site file's {@code report} section (SPEC §6, E-mail): optional; a list of valid addresses, each once, and the
 * language ja or en (ja when left out). A wrong value is named with the file, its line and its key.
 */
class ReportSectionTest {

    private static SiteConfig parse(String report) {
        return SiteConfigLoader.parse(SiteConfigLoaderTest.MINIMAL + report, "branch.yaml");
    }

    /** The line of the section's first line: MINIMAL has 9 lines. */
    private static final int REPORT_LINE = 10;

    private static String error(String report) {
        return assertThrows(ConfigException.class, () -> parse(report)).getMessage();
    }

    @Test
    void without_the_section_nobody_gets_mail_and_the_language_is_japanese() {
        ReportSettings report = parse("").report();
        assertEquals(List.of(), report.mailTo());
        assertEquals("ja", report.language());
        assertFalse(report.mails());
    }

    @Test
    void the_addresses_and_the_language_are_read() {
        ReportSettings report = parse("""
                report:
                  mailTo: [soumu@example.co.jp, "manager+reports@branch.example.com"]
                  language: en
                """).report();
        assertEquals(List.of("soumu@example.co.jp", "manager+reports@branch.example.com"), report.mailTo());
        assertEquals("en", report.language());
        assertTrue(report.mails());

        assertEquals("ja", parse("report: {mailTo: [a@example.com]}\n").report().language());
        assertEquals(List.of(), parse("report: {language: en}\n").report().mailTo());
    }

    @Test
    void an_address_that_is_not_one_is_named_with_its_line() {
        assertEquals("branch.yaml:" + (REPORT_LINE + 3) + ": report.mailTo: 'Soumu <soumu@example.com>' is not an"
                        + " e-mail address (name@example.com; no display name)",
                error("""
                        report:
                          mailTo:
                            - soumu@example.com
                            - Soumu <soumu@example.com>
                        """));
        assertTrue(error("report: {mailTo: [soumu.example.com]}\n").startsWith("branch.yaml:" + REPORT_LINE
                + ": report.mailTo: 'soumu.example.com' is not an e-mail address"));
        assertTrue(error("report: {mailTo: [\"a@b@example.com\"]}\n").contains("is not an e-mail address"));
    }

    @Test
    void an_address_listed_twice_is_named_with_the_second_line() {
        assertEquals("branch.yaml:" + (REPORT_LINE + 3) + ": report.mailTo: 'Soumu@Example.com' is listed twice",
                error("""
                        report:
                          mailTo:
                            - soumu@example.com
                            - Soumu@Example.com
                        """));
    }

    @Test
    void mail_to_must_be_a_list_of_addresses() {
        assertEquals("branch.yaml:" + REPORT_LINE + ": report.mailTo: expected a list of e-mail addresses",
                error("report: {mailTo: soumu@example.com}\n"));
        assertEquals("branch.yaml:" + (REPORT_LINE + 2) + ": report.mailTo: expected an e-mail address",
                error("""
                        report:
                          mailTo:
                            - {address: soumu@example.com}
                        """));
    }

    @Test
    void a_language_other_than_ja_or_en_and_an_unknown_key_are_named_with_their_line() {
        assertEquals("branch.yaml:" + (REPORT_LINE + 1) + ": report.language: must be ja or en, not 'de'",
                error("""
                        report:
                          language: de
                        """));
        assertEquals("branch.yaml:" + (REPORT_LINE + 1) + ": report.cc: unknown key (allowed here: mailTo, language)",
                error("""
                        report:
                          cc: [a@example.com]
                        """));
        assertTrue(error("report: [a@example.com]\n").contains("report: expected a mapping"));
    }
}
