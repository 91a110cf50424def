package org.officeguard.reporting.report;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * Where the page's templates write: JTE's escaping for HTML (by where a value stands: text, attribute),
 * after replacing what neither HTML nor XML allows with U+FFFD (C0 controls other than tab, LF and CR,
 * DEL, unpaired surrogates, U+FFFE and U+FFFF), so that any name or id from the data leaves the page
 * well-formed XML.
 */
final class PageOutput extends OwaspHtmlTemplateOutput {

    PageOutput(TemplateOutput out) {
        super(out);
    }

    @Override
    public void writeUserContent(String value) {
        super.writeUserContent(clean(value));
    }

    /** A value made of template content (a {@code @`...`} block) that stands in an attribute. */
    @Override
    protected OutputForAttributeContent createOutputForAttributeContent() {
        return new OutputForAttributeContent() {
            @Override
            public void writeUserContent(String value) {
                super.writeUserContent(clean(value));
            }
        };
    }

    /** {@code value} with every character HTML and XML refuse replaced by U+FFFD; null stays null. */
    static String clean(String value) {
        if (value == null || allowed(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(refused(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static boolean allowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (refused(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean refused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || Character.isSurrogate(c)
                || c == 0xFFFE || c == 0xFFFF;
    }
}
