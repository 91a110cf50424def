package org.officeguard.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A site's {@code report} section (SPEC §6, E-mail): who gets the final report of each day by e-mail, and in which
 * language its body is written. Without the section nobody gets mail and the language is Japanese.
 *
 * @param mailTo the addresses, each once, in the file's order; empty when nobody gets mail
 * @param language {@code ja} or {@code en}
 */
public record ReportSettings(List<String> mailTo, String language) {

    /**
     * An address as a mail client's address field takes it: the "valid e-mail address" of the HTML standard
     * (WHATWG), a bare {@code local@domain} without a display name or comments.
     */
    public static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** The languages a report is written in. */
    public static final List<String> LANGUAGES = List.of("ja", "en");

    public ReportSettings {
        mailTo = List.copyOf(mailTo);
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language must be ja or en, not '" + language + "'");
        }
    }

    /** Nobody gets mail; Japanese. */
    public static ReportSettings defaults() {
        return new ReportSettings(List.of(), "ja");
    }

    /** Whether anybody gets the final reports by e-mail. */
    public boolean mails() {
        return !mailTo.isEmpty();
    }

    public static boolean isAddress(String text) {
        return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
    }
}
