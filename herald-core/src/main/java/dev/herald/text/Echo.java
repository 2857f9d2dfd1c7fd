package dev.herald.text;

/**
 * What a person typed, repeated in a message — an unknown name, a wrong value, a file name — cut to
 * a readable length, on one line: a 100 KB name is not echoed in full.
 */
public final class Echo {

    /** The most characters of one input a message repeats. */
    public static final int MAX = 60;

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
        if (text == null) {
            return "";
        }
        String oneLine = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.replace("\r\n", "⏎").replace('\n', '⏎').replace('\r', '⏎');
        if (fits(oneLine)) {
            return oneLine;
        }
        int end = oneLine.offsetByCodePoints(0, MAX - 1);
        return oneLine.substring(0, end) + "…";
    }

    private static boolean fits(String text) {
        return text.codePointCount(0, text.length()) <= MAX;
    }
}
