package dev.herald.store.load;

import dev.herald.load.BadValueException;
import dev.herald.load.CsvCell;
import dev.herald.load.CsvOptions;
import dev.herald.load.CsvRecordReader;
import dev.herald.load.ImportColumns;
import dev.herald.load.Reject;
import dev.herald.load.ValueConverter;
import dev.herald.schema.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file with Herald's own reader and checks every value with its field's
 * {@link ValueConverter}: each record is either written out as canonical CSV (ISO times in UTC,
 * '.' decimals) or rejected with its line, column and reason — a line that cannot be split, a
 * wrong number of values, a value that does not fit.
 */
final class CheckedCsv {

    /** Where canonical CSV goes, in chunks. */
    @FunctionalInterface
    interface Sink {
        void write(String csv) throws IOException, InterruptedException;
    }

    private static final int CHUNK = 1 << 18;

    private final ImportColumns columns;
    private final CsvOptions options;
    private final boolean lineFirst;
    private final List<String> key;
    private final boolean keyRequired;

    /**
     * @param lineFirst   write each row's source line as a first column
     * @param key         the entity's key fields, to name a rejected row by them
     * @param keyRequired whether a row whose key is empty is rejected here
     */
    CheckedCsv(ImportColumns columns, CsvOptions options, boolean lineFirst, List<String> key, boolean keyRequired) {
        this.columns = columns;
        this.options = options;
        this.lineFirst = lineFirst;
        this.key = key;
        this.keyRequired = keyRequired;
    }

    /** The names of the columns written, in order. */
    List<String> header() {
        List<String> names = new ArrayList<>();
        if (lineFirst) {
            names.add(ImportColumns.LINE);
        }
        for (int i = 0; i < columns.header().size(); i++) {
            String loaded = columns.loadedName(i);
            if (loaded != null && !loaded.equals(ImportColumns.LINE)) {
                names.add(loaded);
            }
        }
        return names;
    }

    /** The key of a record as the file writes it, or null when the file has no key column. */
    private static String keyOf(List<String> values, int[] keyAt, List<String> names) {
        if (keyAt.length == 0 || java.util.Arrays.stream(keyAt).anyMatch(i -> i < 0)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i : keyAt) {
            parts.add(values.get(i));
        }
        return Reject.key(names, parts);
    }

    /** Reads {@code csv} (its header first), adding rejects to {@code rejects}; returns the records read. */
    long copy(Path csv, List<Reject> rejects, Sink sink) throws IOException, InterruptedException {
        List<String> header = columns.header();
        int width = header.size();
        int lineIndex = columns.lineIndex();
        ValueConverter[] converters = new ValueConverter[width];
        boolean[] loaded = new boolean[width];
        boolean[] isKey = new boolean[width];
        int[] keyAt = new int[key.size()];
        java.util.Arrays.fill(keyAt, -1);
        List<String> keyColumns = new ArrayList<>();
        for (String k : key) {
            keyColumns.add(columns.columnOf(k));
        }
        for (int i = 0; i < width; i++) {
            String name = columns.loadedName(i);
            Field f = columns.fieldAt(i);
            loaded[i] = name != null && i != lineIndex;
            if (f != null) {
                converters[i] = new ValueConverter(f.type(), options);
                isKey[i] = keyRequired && key.contains(f.name());
                if (key.contains(f.name())) {
                    keyAt[key.indexOf(f.name())] = i;
                }
            }
        }
        long read = 0;
        StringBuilder out = new StringBuilder(CHUNK + 4096);
        String[] canonical = new String[width];
        try (CsvRecordReader reader = new CsvRecordReader(csv, options)) {
            reader.next();
            List<String> values;
            while ((values = reader.next()) != null) {
                long line = reader.line();
                if (values.size() == 1 && values.get(0) == null && width > 1 && reader.problem() == null) {
                    continue; // a blank line
                }
                read++;
                if (lineIndex >= 0 && values.size() > lineIndex && values.get(lineIndex) != null) {
                    line = Long.parseLong(values.get(lineIndex));
                }
                Reject bad = null;
                String keyText = values.size() == width ? keyOf(values, keyAt, keyColumns) : null;
                if (reader.problem() != null) {
                    int at = reader.problemValue();
                    bad = new Reject(line, at >= 0 && at < width ? header.get(at) : null, reader.problem(), keyText);
                } else if (values.size() != width) {
                    bad = new Reject(line, null, "expected " + width + " columns, found " + values.size());
                }
                for (int i = 0; i < width && bad == null; i++) {
                    if (!loaded[i]) {
                        continue;
                    }
                    try {
                        canonical[i] = converters[i] == null ? values.get(i) : converters[i].convert(values.get(i));
                    } catch (BadValueException e) {
                        bad = new Reject(line, header.get(i), e.getMessage(), keyText);
                    }
                    if (bad == null && isKey[i] && canonical[i] == null) {
                        bad = new Reject(line, header.get(i), "missing key value", keyText);
                    }
                }
                if (bad != null) {
                    rejects.add(bad);
                    continue;
                }
                boolean first = true;
                if (lineFirst) {
                    out.append(line);
                    first = false;
                }
                for (int i = 0; i < width; i++) {
                    if (loaded[i]) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        if (canonical[i] != null) {
                            out.append(CsvCell.quote(canonical[i]));
                        }
                    }
                }
                out.append('\n');
                if (out.length() >= CHUNK) {
                    sink.write(out.toString());
                    out.setLength(0);
                }
            }
        }
        if (!out.isEmpty()) {
            sink.write(out.toString());
        }
        return read;
    }
}
