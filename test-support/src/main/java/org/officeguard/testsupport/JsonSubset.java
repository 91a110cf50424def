package org.officeguard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * "Matches the expected file in every field that file gives, in order": every field of {@code expected}
 * is in {@code actual} with an equal value, and arrays have the same length and match element by element
 * (their order is the report's order). Key order inside an object is not compared: the expected file
 * writes a violation as ts, rule, badge, subject while SPEC §5 writes rule before ts. Fields only
 * {@code actual} has are free.
 */
public final class JsonSubset {
    private JsonSubset() {}

    /** Throws an AssertionError naming every path that differs. */
    public static void assertMatches(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        compare("$", expected, actual, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " difference(s):\n  " + String.join("\n  ", problems));
        }
    }

    private static void compare(String path, JsonNode want, JsonNode got, List<String> problems) {
        if (got == null || got.isMissingNode()) {
            problems.add(path + ": missing (expected " + want + ")");
            return;
        }
        if (want.isObject()) {
            if (!got.isObject()) {
                problems.add(path + ": expected an object, got " + got);
                return;
            }
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                compare(path + "." + key, want.get(key), got.get(key), problems);
            }
        } else if (want.isArray()) {
            if (!got.isArray() || got.size() != want.size()) {
                problems.add(path + ": expected " + want.size() + " elements, got "
                        + (got.isArray() ? got.size() + ": " + got : got));
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(path + "[" + i + "]", want.get(i), got.get(i), problems);
            }
        } else if (want.isNumber() && got.isNumber()) {
            if (want.decimalValue().compareTo(got.decimalValue()) != 0) {
                problems.add(path + ": expected " + want + ", got " + got);
            }
        } else if (!want.equals(got)) {
            problems.add(path + ": expected " + want + ", got " + got);
        }
    }
}
