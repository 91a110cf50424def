package org.officeguard.reporting.report;

import gg.jte.support.LocalizationSupport;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.report.DailyReport.Lang;

/**
 * The words of the report in one language, from the catalogue {@code messages_ja.properties} /
 * {@code messages_en.properties} beside this class. Templates write a text with
 * {@code ${texts.localize("key", values...)}}: the text as it is, each {@code {n}} replaced by the n-th
 * value, escaped (or as it is, for template content). A key missing from the catalogue is an error, not
 * an empty text.
 */
final class Texts implements LocalizationSupport {

    private static final String CATALOGUE = "org.officeguard.reporting.report.messages";
    private static final Map<Lang, Texts> BY_LANG = new EnumMap<>(Lang.class);

    static {
        for (Lang lang : Lang.values()) {
            BY_LANG.put(lang, new Texts(lang));
        }
    }

    private final Locale locale;
    private final ResourceBundle catalogue;

    private Texts(Lang lang) {
        this.locale = lang == Lang.EN ? Locale.ENGLISH : Locale.JAPANESE;
        this.catalogue = ResourceBundle.getBundle(CATALOGUE, locale, Texts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Texts of(Lang lang) {
        return BY_LANG.get(lang);
    }

    /** For dates and the names of days. */
    Locale locale() {
        return locale;
    }

    @Override
    public String lookup(String key) {
        return catalogue.getString(key);
    }

    /**
     * The text with each {@code {n}} replaced by {@code values[n]}, for text that Java puts together and a
     * template escapes; the same rule as {@link #localize(String, Object...)}.
     */
    String format(String key, Object... values) {
        String text = lookup(key);
        Matcher placeholder = LocalizationSupport.pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            placeholder.appendReplacement(out, "");
            out.append(index < values.length && values[index] != null ? values[index] : "");
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    String rule(Rule rule) {
        return lookup("rule." + rule.name());
    }

    String meaning(Rule rule) {
        return lookup("rule." + rule.name() + ".meaning");
    }

    String habit(Rule.Habit habit) {
        return lookup("habit." + habit.name());
    }

    String habitShort(Rule.Habit habit) {
        return lookup("habit." + habit.name() + ".short");
    }

    String habitAim(Rule.Habit habit) {
        return lookup("habit." + habit.name() + ".aim");
    }

    /** {@code door:front} → ドア front / Door front, {@code pc:PC-01} → パソコン PC-01 / Computer PC-01, and so on; anything else as it is. */
    String subject(String subject) {
        if (subject == null) {
            return "";
        }
        int colon = subject.indexOf(':');
        if (colon <= 0) {
            return subject;
        }
        String kind = switch (subject.substring(0, colon)) {
            case "door", "pc", "zone", "site" -> lookup("subject." + subject.substring(0, colon));
            default -> null;
        };
        return kind == null ? subject : kind + " " + subject.substring(colon + 1);
    }

    static String rule(Rule rule, Lang lang) {
        return of(lang).rule(rule);
    }

    static String meaning(Rule rule, Lang lang) {
        return of(lang).meaning(rule);
    }

    static String habit(Rule.Habit habit, Lang lang) {
        return of(lang).habit(habit);
    }
}
