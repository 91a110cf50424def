package org.officeguard.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.officeguard.core.model.Rule;
import org.officeguard.reporting.report.DailyReport.Lang;

/** The catalogue of the page's words: both languages say the same things, and each text can go into the page as it is. */
class TextsTest {

    private static Set<String> keys(Locale locale) {
        return new TreeSet<>(ResourceBundle.getBundle("org.officeguard.reporting.report.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).keySet());
    }

    @Test
    void japanese_and_english_have_the_same_keys() {
        assertEquals(keys(Locale.JAPANESE), keys(Locale.ENGLISH));
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void no_text_holds_markup_since_the_page_takes_texts_as_they_are(Lang lang) {
        Texts texts = Texts.of(lang);
        for (String key : keys(texts.locale())) {
            String text = texts.lookup(key);
            assertFalse(text.contains("<") || text.contains("&"), key + ": " + text);
        }
    }

    @ParameterizedTest
    @EnumSource(Lang.class)
    void every_rule_and_habit_has_its_words(Lang lang) {
        Texts texts = Texts.of(lang);
        for (Rule rule : Rule.values()) {
            assertFalse(texts.rule(rule).isBlank(), rule.name());
            assertFalse(texts.meaning(rule).isBlank(), rule.name());
        }
        for (Rule.Habit habit : Rule.Habit.values()) {
            assertFalse(texts.habit(habit).isBlank(), habit.name());
            assertFalse(texts.habitShort(habit).isBlank(), habit.name());
            assertFalse(texts.habitAim(habit).isBlank(), habit.name());
        }
    }

    @Test
    void format_fills_in_the_values_by_number_and_keeps_spaces_at_the_ends() {
        assertEquals("全 1,234 件のうち、最初の 1,000 件を載せています。",
                Texts.of(Lang.JA).format("timeline.first", "1,000", "1,234"));
        assertEquals("The first 1,000 of 1,234 violations are listed here.",
                Texts.of(Lang.EN).format("timeline.first", "1,000", "1,234"));
        assertEquals("; ", Texts.of(Lang.EN).lookup("trend.description.daySeparator"));
    }

    @Test
    void a_missing_key_is_an_error_not_an_empty_text() {
        assertThrows(MissingResourceException.class, () -> Texts.of(Lang.EN).lookup("no.such.key"));
        assertTrue(Texts.of(Lang.EN).lookup("summary.violations.unit").isEmpty(), "an empty text is a text");
    }
}
