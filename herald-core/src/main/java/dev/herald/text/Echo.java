package dev.herald.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person typed, repeated in a message — an unknown name, a wrong value, a file name — cut to
 * a readable length, on one line: a 100 KB name is not echoed in full.
 */
public final class Echo {

    /** The most characters of one input a message repeats. */
    public static final int MAX = 60;
    /** The longest run of characters without a blank a message keeps: file paths are rarely longer. */
    public static final int LONGEST_WORD = 200;
    private static final Pattern WORD = Pattern.compile("\\S{" + (LONGEST_WORD + 1) + ",}");

    private Echo() {
    }

    /** {@code 'text'}, or {@code 'the first 59 characters…' (100,000 characters)}. */
    public static String quoted(String text) {
        if (text == null) {
            return "nothing";
        }
        return "'" + cut(text) + "'" + (fits(text) ? "" : String.format(" (%,d characters)", text.length()));
    }

    /** {@code text} as it is when short and on one line, else cut with '…' and its line breaks shown as ⏎. */
    public static String cut(String text) {
        return cut(text, MAX);
    }

    /** {@code text} on one line, cut to {@code max} characters with '…' when longer. */
    public static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text
                : text.replace("\r\n", "⏎").replace('\n', '⏎').replace('\r', '⏎');
        if (fits(oneLine, max)) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, max - 1)) + "…";
    }

    /**
     * A whole message with every run of characters without a blank longer than {@link #LONGEST_WORD}
     * cut: the last line of defence for a message that repeats input without {@link #quoted}.
     */
    public static String message(String text) {
        if (text == null || text.length() <= LONGEST_WORD) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(cut(word, LONGEST_WORD)
                    + String.format(" (%,d characters)", word.length())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean fits(String text) {
        return fits(text, MAX);
    }

    private static boolean fits(String text, int max) {
        return text.length() <= max || text.codePointCount(0, text.length()) <= max;
    }
}
