package dev.herald.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits CSV bytes into records (RFC 4180 with a configurable delimiter, quote and escape). An
 * empty value, quoted or not, is read as null, as DuckDB reads it. A byte-order mark is skipped;
 * a record ends at LF, CRLF or CR, mixed as they may be.
 *
 * <p>A record that cannot be read whole still comes back, with a {@link #problem()} and the index
 * of the value at fault, so that its line is rejected and the others load: a value that is not
 * valid UTF-8, or a quote that is never closed — then the lines after the one where the quote
 * opened are read again as records of their own, instead of vanishing into one endless value.
 */
public final class CsvRecordReader implements Closeable {

    /** The bytes to read, opened again (from the start) to read on after a quote that is never closed. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public static final String NOT_UTF8 = "not valid UTF-8";
    public static final String UNCLOSED_QUOTE = "a quoted value has no closing quote (the lines after this one are read as records)";

    private final Source source;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private InputStream in;
    private long base;
    private int position;
    private int limit;
    private boolean first = true;
    private long line = 1;
    private long recordLine;
    private long resumeAt = -1;
    private long resumeLine;
    private String problem;
    private int problemValue = -1;
    private byte[] value = new byte[256];
    private int length;
    private boolean high;

    public CsvRecordReader(Path file, CsvOptions options) {
        this(() -> InputFiles.open(file), options);
    }

    public CsvRecordReader(Source source, CsvOptions options) {
        this.source = source;
        this.delimiter = ascii(options.delimiter(), "delimiter");
        this.quote = ascii(options.quote(), "quote");
        this.escape = ascii(options.escape(), "escape");
    }

    private static byte ascii(char c, String what) {
        if (c >= 0x80 || c == '\n' || c == '\r') {
            throw new ImportException("the " + what + " must be an ASCII character other than a line break, got '" + c + "'");
        }
        return (byte) c;
    }

    /** The physical line of the file where the record last returned starts; the header is line 1. */
    public long line() {
        return recordLine;
    }

    /** Why the record last returned cannot be loaded as read, or null when it can. */
    public String problem() {
        return problem;
    }

    /** The index of the value at fault in the record last returned, or -1. */
    public int problemValue() {
        return problemValue;
    }

    /** The next record's values, or null at the end of the input. */
    public List<String> next() throws IOException {
        if (in == null) {
            in = source.open();
        }
        if (resumeAt >= 0) {
            reopenAt(resumeAt, resumeLine);
        }
        if (first) {
            first = false;
            if (fill(3) && buffer[position] == (byte) 0xEF && buffer[position + 1] == (byte) 0xBB && buffer[position + 2] == (byte) 0xBF) {
                position += 3;
            }
        }
        problem = null;
        problemValue = -1;
        if (!fill(1)) {
            return null;
        }
        recordLine = line;
        List<String> values = new ArrayList<>();
        length = 0;
        high = false;
        boolean quoted = false;
        boolean wasQuoted = false;
        long breakInQuotes = -1;
        long lineAfterBreak = 0;
        while (true) {
            if (!fill(1)) {
                if (quoted) {
                    unclosed(values.size(), breakInQuotes, lineAfterBreak);
                }
                values.add(finish(values.size()));
                break;
            }
            byte c = buffer[position++];
            if (quoted) {
                if (c == escape && escape != quote && fill(1) && (buffer[position] == quote || buffer[position] == escape)) {
                    append(buffer[position++]);
                } else if (c == quote) {
                    if (escape == quote && fill(1) && buffer[position] == quote) {
                        append(quote);
                        position++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && !(fill(1) && buffer[position] == '\n'))) {
                        line++;
                        if (breakInQuotes < 0) {
                            breakInQuotes = base + position;
                            lineAfterBreak = line;
                        }
                    }
                    append(c);
                }
            } else if (c == delimiter) {
                values.add(finish(values.size()));
                wasQuoted = false;
            } else if (c == quote && length == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                breakInQuotes = -1;
            } else if (c == '\n') {
                line++;
                values.add(finish(values.size()));
                break;
            } else if (c == '\r') {
                if (fill(1) && buffer[position] == '\n') {
                    position++;
                }
                line++;
                values.add(finish(values.size()));
                break;
            } else {
                append(c);
            }
        }
        return values;
    }

    /** The record ran to the end of the input inside quotes: it is bad, and reading goes on after the line the quote opened on. */
    private void unclosed(int index, long breakInQuotes, long lineAfterBreak) {
        problem = UNCLOSED_QUOTE;
        problemValue = index;
        if (breakInQuotes >= 0) {
            resumeAt = breakInQuotes;
            resumeLine = lineAfterBreak;
        }
    }

    private void reopenAt(long offset, long atLine) throws IOException {
        in.close();
        in = source.open();
        in.skipNBytes(offset);
        base = offset;
        position = 0;
        limit = 0;
        line = atLine;
        resumeAt = -1;
    }

    private void append(byte b) {
        if (length == value.length) {
            value = Arrays.copyOf(value, value.length * 2);
        }
        value[length++] = b;
        high |= b < 0;
    }

    private String finish(int index) {
        String v;
        if (length == 0) {
            v = null;
        } else if (!high) {
            v = new String(value, 0, length, StandardCharsets.ISO_8859_1);
        } else {
            if (problem == null && !isUtf8(value, length)) {
                problem = NOT_UTF8;
                problemValue = index;
            }
            v = new String(value, 0, length, StandardCharsets.UTF_8);
        }
        length = 0;
        high = false;
        return v;
    }

    private boolean isUtf8(byte[] bytes, int n) {
        try {
            utf8.reset().decode(ByteBuffer.wrap(bytes, 0, n));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether at least {@code n} bytes are buffered (fewer only at the end of the input). */
    private boolean fill(int n) throws IOException {
        if (limit - position >= n) {
            return true;
        }
        if (position > 0) {
            int kept = limit - position;
            System.arraycopy(buffer, position, buffer, 0, kept);
            base += position;
            position = 0;
            limit = kept;
        }
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
