package dev.herald.cli;

import dev.herald.preview.Preview;
import java.util.ArrayList;
import java.util.List;

/** Prints records as a text table: a header, a rule, one line per record; long values cut to fit. */
final class TablePrinter {

    private static final int MAX_WIDTH = 50;
    /** Narrow columns are padded to this width, so that short values and {null} line up. */
    private static final int MIN_WIDTH = 4;

    private TablePrinter() {
    }

    static String format(Preview preview) {
        List<String> columns = preview.columns();
        int[] widths = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, columns.get(i).length()));
        }
        for (List<Object> row : preview.rows()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String text = cell(row.get(i));
                widths[i] = Math.max(widths[i], text.length());
                line.add(text);
            }
            cells.add(line);
        }
        StringBuilder b = new StringBuilder();
        rule(b, widths);
        line(b, columns, widths);
        rule(b, widths);
        cells.forEach(line -> line(b, line, widths));
        rule(b, widths);
        return b.toString();
    }

    private static String cell(Object v) {
        String text = v == null ? "{null}" : String.valueOf(v).replace('\n', ' ');
        return text.length() > MAX_WIDTH ? text.substring(0, MAX_WIDTH - 1) + "…" : text;
    }

    private static void rule(StringBuilder b, int[] widths) {
        b.append('+');
        for (int w : widths) {
            b.append("-".repeat(w)).append('+');
        }
        b.append('\n');
    }

    private static void line(StringBuilder b, List<String> values, int[] widths) {
        b.append('|');
        for (int i = 0; i < widths.length; i++) {
            String v = values.get(i).length() > widths[i] ? values.get(i).substring(0, widths[i]) : values.get(i);
            b.append(v).append(" ".repeat(widths[i] - v.length())).append('|');
        }
        b.append('\n');
    }
}
