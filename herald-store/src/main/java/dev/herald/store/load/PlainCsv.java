package dev.herald.store.load;

import dev.herald.load.CsvOptions;
import dev.herald.load.InputFiles;
import dev.herald.schema.FieldType;
import dev.herald.load.FileFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether DuckDB's reader may read a CSV file itself, because it reads it exactly as Herald's
 * reader would: every record on one line and as wide as the header, one kind of line ending, no
 * blank line before the last record, quotes only around whole values and always closed, valid
 * UTF-8. On anything else DuckDB fails the whole file, drops the lines after a bad quote, or
 * numbers lines by record; such a file goes through Herald's reader, which rejects each bad line
 * by its number and reads on. The same pass says which columns hold {@linkplain PlainValues plain
 * values} only, which DuckDB's reader may then type itself. One pass over the bytes, whole lines
 * at a time; no value is decoded.
 */
final class PlainCsv {

    /**
     * What the pass found: why the file is not plain (null when it is), and for each column
     * whether all its values are plain (always false for a column whose values are not checked).
     */
    record Survey(String irregularity, boolean[] plainValues) {
    }

    private static final int BUFFER = 1 << 20;

    private final int delimiter;
    private final int quote;
    private final int escape;
    private final int width;
    private final FieldType[] types;
    private final boolean[] plainValues;
    private final boolean[] valueChecked;
    /** Bytes that are nothing but part of a value: ASCII, neither delimiter, quote, escape nor line break. */
    private final boolean[] ordinary = new boolean[256];

    private final boolean hasHeader;
    private long line = 1;
    private long records;
    private int values = 1;
    private int valueFrom;
    private boolean quotedValue;
    private boolean recordEmpty = true;
    private boolean inQuotes;
    private boolean quoteInQuotes;
    private boolean escapeInQuotes;
    private boolean afterClosingQuote;
    private boolean carriageReturn;
    private boolean blankLine;
    private int endings;
    private int continuations;
    private int low = 0x80;
    private int high = 0xBF;

    private PlainCsv(CsvOptions options, List<FieldType> types, boolean hasHeader) {
        this.hasHeader = hasHeader;
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.escape = options.escape();
        this.width = types.size();
        this.types = types.toArray(FieldType[]::new);
        this.plainValues = new boolean[width];
        this.valueChecked = new boolean[width];
        for (int i = 0; i < width; i++) {
            plainValues[i] = PlainValues.checked(this.types[i]);
            // text is plain as it is, quoted or not: only a NUL byte spoils it, and that spoils the file
            valueChecked[i] = plainValues[i] && this.types[i].kind() != FieldType.Kind.STRING;
        }
        for (int b = 1; b < 0x80; b++) {
            ordinary[b] = b != delimiter && b != quote && b != escape && b != '\n' && b != '\r';
        }
    }

    /** Below this size a file is read on one thread; above, its two halves on two. */
    private static final long SPLIT_FROM = 16L << 20;

    /** Why a part of the file is not plain: a message with {@code %d} for the line, counted in that part. */
    private record Why(long line, String format) {
        String text(long linesBefore) {
            return String.format(format, line + linesBefore);
        }
    }

    /**
     * Surveys {@code file}, whose header has one column per entry of {@code types}: the type of
     * its values, or null when they are not checked (text, {@code _change}, an ignored column).
     * A big file that is not compressed is read in two halves at once, split at a line break.
     */
    static Survey survey(Path file, CsvOptions options, List<FieldType> types) throws IOException {
        long size = Files.size(file);
        long split = FileFormat.isGzip(file) || size < SPLIT_FROM ? -1 : lineStartAfter(file, size / 2);
        PlainCsv head = new PlainCsv(options, types, true);
        if (split <= 0 || split >= size) {
            Why why = head.read(file, 0, Long.MAX_VALUE, true);
            return head.survey(why == null ? null : why.text(0));
        }
        PlainCsv tail = new PlainCsv(options, types, false);
        ExecutorService second = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herald-import-survey");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Why> tailWhy = second.submit(() -> tail.read(file, split, size - split, true));
            Why headWhy = head.read(file, 0, split, false);
            Why later = get(tailWhy);
            long linesBefore = head.line - 1;
            String why = headWhy != null ? headWhy.text(0)
                    : head.blankLine && tail.records > 0 ? String.format("line %d is blank", linesBefore)
                    : later != null ? later.text(linesBefore)
                    : (head.endings | tail.endings) == 3 ? String.format("line %d ends differently from the lines before it (LF and CRLF)",
                    linesBefore + 1) : null;
            for (int i = 0; i < head.width; i++) {
                head.plainValues[i] &= tail.plainValues[i];
            }
            return head.survey(why);
        } finally {
            second.shutdownNow();
        }
    }

    private static Why get(Future<Why> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private Survey survey(String why) {
        if (why != null) {
            Arrays.fill(plainValues, false);
        }
        return new Survey(why, plainValues);
    }

    /** The position after the first line feed at or after {@code from}, or -1. */
    private static long lineStartAfter(Path file, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long at = from;
            while (channel.read(buffer.clear(), at) > 0) {
                buffer.flip();
                for (int i = 0; i < buffer.limit(); i++) {
                    if (buffer.get(i) == '\n') {
                        return at + i + 1;
                    }
                }
                at += buffer.limit();
            }
            return -1;
        }
    }

    /**
     * Reads {@code length} bytes of the file from {@code from}, whole lines at a time; with
     * {@code toTheEnd}, the part runs to the end of the file (its last line may lack a line feed).
     */
    private Why read(Path file, long from, long length, boolean toTheEnd) throws IOException {
        try (InputStream in = InputFiles.open(file)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[BUFFER];
            long remaining = length;
            int kept = 0;
            boolean first = from == 0;
            while (true) {
                int n = remaining <= 0 ? 0 : in.readNBytes(buffer, kept, (int) Math.min(buffer.length - kept, remaining));
                remaining -= n;
                int limit = kept + n;
                if (first && limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
                    System.arraycopy(buffer, 3, buffer, 0, limit - 3); // a byte-order mark
                    limit -= 3;
                    n -= 3;
                }
                first = false;
                if (n <= 0) {
                    Why why = scan(buffer, 0, limit);
                    return why != null || !toTheEnd ? why : end(buffer, limit);
                }
                int end = lastLineBreak(buffer, limit);
                if (end < 0) {
                    if (limit == buffer.length) {
                        return new Why(line, "line %d is longer than " + (BUFFER >> 20) + " MB or does not end with a line feed");
                    }
                    kept = limit;
                    continue;
                }
                Why why = scan(buffer, 0, end + 1);
                if (why != null) {
                    return why;
                }
                kept = limit - end - 1;
                System.arraycopy(buffer, end + 1, buffer, 0, kept);
            }
        }
    }

    private static int lastLineBreak(byte[] b, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whole lines (the last byte is a line feed), but at the end of the input. */
    private Why scan(byte[] bytes, int from, int to) {
        valueFrom = from;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (ordinary[b] && continuations == 0 && !carriageReturn && !afterClosingQuote && !quoteInQuotes && !escapeInQuotes) {
                // most bytes: skip the run of them at once
                int j = i + 1;
                while (j < to && ordinary[bytes[j] & 0xFF]) {
                    j++;
                }
                recordEmpty = false;
                i = j - 1;
                continue;
            }
            if (b == 0) {
                return new Why(line, "line %d holds a NUL character");
            }
            if (b >= 0x80 || continuations > 0) {
                Why why = utf8(b);
                if (why != null) {
                    return why;
                }
                b = 'a'; // from here on, a byte of a value like any other
            }
            if (carriageReturn) {
                carriageReturn = false;
                if (b != '\n') {
                    return new Why(line, "line %d ends with a carriage return alone");
                }
                endings |= 2;
                Why why = endRecord(bytes, i, i + 1);
                if (why != null) {
                    return why;
                }
                continue;
            }
            if (inQuotes) {
                if (escapeInQuotes) {
                    escapeInQuotes = false;
                    if (b != quote && b != escape) {
                        return new Why(line, "line %d has an escape character before a character it does not escape");
                    }
                    continue;
                }
                if (quoteInQuotes) {
                    quoteInQuotes = false;
                    if (b == quote) {
                        continue; // a doubled quote
                    }
                    inQuotes = false;
                    afterClosingQuote = true;
                } else if (b == quote && escape == quote) {
                    quoteInQuotes = true;
                    continue;
                } else if (b == quote) {
                    inQuotes = false;
                    afterClosingQuote = true;
                    continue;
                } else if (b == escape) {
                    escapeInQuotes = true;
                    continue;
                } else if (b == '\n' || b == '\r') {
                    return new Why(line, "a quoted value on line %d spans lines");
                } else {
                    continue;
                }
            }
            if (afterClosingQuote && b != delimiter && b != '\n' && b != '\r') {
                return new Why(line, "line %d has text after a closing quote");
            }
            afterClosingQuote = false;
            if (b == delimiter) {
                endValue(bytes, i);
                values++;
                valueFrom = i + 1;
                quotedValue = false;
                recordEmpty = false;
            } else if (b == '\n') {
                endings |= 1;
                Why why = endRecord(bytes, i, i + 1);
                if (why != null) {
                    return why;
                }
            } else if (b == '\r') {
                carriageReturn = true;
                endValue(bytes, i);
            } else if (b == quote) {
                if (i != valueFrom) {
                    return new Why(line, "line %d has a quote inside a value that is not quoted");
                }
                inQuotes = true;
                quotedValue = true;
                recordEmpty = false;
            } else if (b == escape && escape != quote) {
                return new Why(line, "line %d has an escape character outside quotes");
            } else {
                recordEmpty = false;
            }
        }
        return null;
    }

    /** The value ending at {@code end}: is it still plain for its column? */
    private void endValue(byte[] bytes, int end) {
        int column = values - 1;
        if (column >= width || !valueChecked[column] || !plainValues[column] || end == valueFrom || (hasHeader && line == 1)) {
            return;
        }
        plainValues[column] = !quotedValue && PlainValues.plain(types[column], bytes, valueFrom, end);
    }

    /** One byte of UTF-8: a lead byte says how many continuation bytes follow, and their range (no overlong forms, no surrogates). */
    private Why utf8(int b) {
        if (continuations > 0) {
            if (b < low || b > high) {
                return new Why(line, "line %d is not valid UTF-8");
            }
            continuations--;
            low = 0x80;
            high = 0xBF;
            return null;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            continuations = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            continuations = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            continuations = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return new Why(line, "line %d is not valid UTF-8");
        }
        return null;
    }

    /** A record ends at {@code end} (its line break, if any, excluded); the next starts at {@code next}. */
    private Why endRecord(byte[] bytes, int end, int next) {
        if (!carriageReturnEnded(bytes, end)) {
            endValue(bytes, end);
        }
        if (recordEmpty && values == 1) {
            blankLine = true;
            line++;
            valueFrom = next;
            return null;
        }
        if (blankLine) {
            return new Why(line - 1, "line %d is blank");
        }
        if (values != width) {
            return new Why(line, "line %d has " + values + " values, the header " + width);
        }
        if (endings == 3) {
            return new Why(line, "line %d ends differently from the lines before it (LF and CRLF)");
        }
        records++;
        line++;
        values = 1;
        valueFrom = next;
        quotedValue = false;
        recordEmpty = true;
        return null;
    }

    /** Whether the value before {@code end} was ended already by a carriage return at {@code end - 1}. */
    private static boolean carriageReturnEnded(byte[] bytes, int end) {
        return end > 0 && bytes[end - 1] == '\r';
    }

    private Why end(byte[] bytes, int limit) {
        if (continuations > 0) {
            return new Why(line, "line %d is not valid UTF-8");
        }
        if (carriageReturn) {
            return new Why(line, "line %d ends with a carriage return alone");
        }
        if (inQuotes && !quoteInQuotes) {
            return new Why(line, "a quoted value on line %d has no closing quote");
        }
        if (!recordEmpty || values > 1) {
            return endRecord(bytes, limit, limit);
        }
        return null;
    }
}
