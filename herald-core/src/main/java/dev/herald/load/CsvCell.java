package dev.herald.load;

/** Writing one value as a CSV cell (RFC 4180, comma-separated). */
public final class CsvCell {

    private CsvCell() {
    }

    /**
     * {@code text} as a cell: quoted when it holds a comma, a quote or a line break, and when it is
     * empty — so that it reads back as an empty text, not as no value.
     */
    public static String quote(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text.isEmpty() ? "\"\"" : text;
    }
}
