package dev.herald.expr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Herald's one rule for null, whatever the type: expressions have none. CEL's checker refuses
 * {@code text == null} but accepts {@code time == null}; Herald refuses both, and every other
 * null, with the test to write instead: {@code has(x)} for a value, {@code !has(x)} for none.
 */
final class NoNull {

    private static final Pattern COMPARED = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.]*)\\s*([!=]=)\\s*null\\b|\\bnull\\s*([!=]=)\\s*([A-Za-z_][A-Za-z0-9_.]*)");

    private NoNull() {
    }

    /** The refusal, naming {@code field} (a path such as {@code profile.phone}), or a placeholder on {@code dimension}. */
    static String message(String field, String dimension) {
        String f = field != null ? field : dimension + ".FIELD";
        return "Herald's expressions have no null: write has(" + f + ") for a field that has a value, !has(" + f
                + ") for one that has none";
    }

    /** The field compared with null by the operator at {@code line}:{@code column} (1-based) of {@code text}, or null. */
    static String comparedAt(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        int operator = offset + column - 1;
        Matcher m = COMPARED.matcher(text);
        while (m.find()) {
            if (m.group(1) != null && m.start(2) == operator) {
                return m.group(1);
            }
            if (m.group(4) != null && m.start(3) == operator) {
                return m.group(4);
            }
        }
        return null;
    }
}
