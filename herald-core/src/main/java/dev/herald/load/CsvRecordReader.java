package dev.herald.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180 with a configurable delimiter, quote and escape). An empty
 * value, quoted or not, is read as null, as DuckDB reads it. A byte-order mark is skipped.
 */
public final class CsvRecordReader implements Closeable {

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final char escape;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long record;
    private boolean first = true;
    private final StringBuilder value = new StringBuilder(64);

    public CsvRecordReader(Reader in, CsvOptions options) {
        this.in = in;
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.escape = options.escape();
    }

    /** The number of the record last returned, counting the first record (the header) as 1. */
    public long recordNumber() {
        return record;
    }

    /** The next record's values, or null at the end of the input. */
    public List<String> next() throws IOException {
        if (first) {
            first = false;
            if (fill() && buffer[position] == '\uFEFF') {
                position++;
            }
        }
        if (!fill()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        value.setLength(0);
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (!fill()) {
                values.add(finish(wasQuoted));
                break;
            }
            char c = buffer[position++];
            if (quoted) {
                if (c == escape && escape != quote && fill() && (buffer[position] == quote || buffer[position] == escape)) {
                    value.append(buffer[position++]);
                } else if (c == quote) {
                    if (escape == quote && fill() && buffer[position] == quote) {
                        value.append(quote);
                        position++;
                    } else {
                        quoted = false;
                    }
                } else {
                    value.append(c);
                }
            } else if (c == delimiter) {
                values.add(finish(wasQuoted));
                wasQuoted = false;
            } else if (c == quote && value.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == '\n') {
                values.add(finish(wasQuoted));
                break;
            } else if (c == '\r') {
                if (fill() && buffer[position] == '\n') {
                    position++;
                }
                values.add(finish(wasQuoted));
                break;
            } else {
                value.append(c);
            }
        }
        record++;
        return values;
    }

    private String finish(boolean wasQuoted) {
        String v = value.isEmpty() ? null : value.toString();
        value.setLength(0);
        return v;
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
