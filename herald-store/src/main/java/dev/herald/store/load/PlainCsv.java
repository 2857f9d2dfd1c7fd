package dev.herald.store.load;

import dev.herald.load.CsvOptions;
import dev.herald.load.InputFiles;
import dev.herald.schema.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

    private long line = 1;
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

    private PlainCsv(CsvOptions options, List<FieldType> types) {
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.escape = options.escape();
        this.width = types.size();
        this.types = types.toArray(FieldType[]::new);
        this.plainValues = new boolean[width];
        for (int i = 0; i < width; i++) {
            plainValues[i] = PlainValues.checked(this.types[i]);
        }
    }

    /**
     * Surveys {@code file}, whose header has one column per entry of {@code types}: the type of
     * its values, or null when they are not checked (text, {@code _change}, an ignored column).
     */
    static Survey survey(Path file, CsvOptions options, List<FieldType> types) throws IOException {
        PlainCsv scan = new PlainCsv(options, types);
        String why = null;
        try (InputStream in = InputFiles.open(file)) {
            byte[] buffer = new byte[BUFFER];
            int kept = 0;
            boolean first = true;
            while (why == null) {
                int n = in.readNBytes(buffer, kept, buffer.length - kept);
                int limit = kept + n;
                if (first && limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
                    System.arraycopy(buffer, 3, buffer, 0, limit - 3); // a byte-order mark
                    limit -= 3;
                    n -= 3;
                }
                first = false;
                if (n <= 0) {
                    why = scan.scan(buffer, 0, limit);
                    if (why == null) {
                        why = scan.end(buffer, limit);
                    }
                    break;
                }
                int end = lastLineBreak(buffer, limit);
                if (end < 0) {
                    if (limit == buffer.length) {
                        why = "line " + scan.line + " is longer than " + (BUFFER >> 20) + " MB or does not end with a line feed";
                    }
                    kept = limit;
                    continue;
                }
                why = scan.scan(buffer, 0, end + 1);
                kept = limit - end - 1;
                System.arraycopy(buffer, end + 1, buffer, 0, kept);
            }
        }
        if (why != null) {
            Arrays.fill(scan.plainValues, false);
        }
        return new Survey(why, scan.plainValues);
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
    private String scan(byte[] bytes, int from, int to) {
        valueFrom = from;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x80 || continuations > 0) {
                String why = utf8(b);
                if (why != null) {
                    return why;
                }
                b = 'a'; // from here on, a byte of a value like any other
            }
            if (carriageReturn) {
                carriageReturn = false;
                if (b != '\n') {
                    return "line " + line + " ends with a carriage return alone";
                }
                endings |= 2;
                String why = endRecord(bytes, i, i + 1);
                if (why != null) {
                    return why;
                }
                continue;
            }
            if (inQuotes) {
                if (escapeInQuotes) {
                    escapeInQuotes = false;
                    if (b != quote && b != escape) {
                        return "line " + line + " has an escape character before a character it does not escape";
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
                    return "a quoted value on line " + line + " spans lines";
                } else {
                    continue;
                }
            }
            if (afterClosingQuote && b != delimiter && b != '\n' && b != '\r') {
                return "line " + line + " has text after a closing quote";
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
                String why = endRecord(bytes, i, i + 1);
                if (why != null) {
                    return why;
                }
            } else if (b == '\r') {
                carriageReturn = true;
                endValue(bytes, i);
            } else if (b == quote) {
                if (i != valueFrom) {
                    return "line " + line + " has a quote inside a value that is not quoted";
                }
                inQuotes = true;
                quotedValue = true;
                recordEmpty = false;
            } else if (b == escape && escape != quote) {
                return "line " + line + " has an escape character outside quotes";
            } else {
                recordEmpty = false;
            }
        }
        return null;
    }

    /** The value ending at {@code end}: is it still plain for its column? */
    private void endValue(byte[] bytes, int end) {
        int column = values - 1;
        if (line == 1 || column >= width || !plainValues[column] || end == valueFrom) {
            return;
        }
        plainValues[column] = !quotedValue && PlainValues.plain(types[column], bytes, valueFrom, end);
    }

    /** One byte of UTF-8: a lead byte says how many continuation bytes follow, and their range (no overlong forms, no surrogates). */
    private String utf8(int b) {
        if (continuations > 0) {
            if (b < low || b > high) {
                return "line " + line + " is not valid UTF-8";
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
            return "line " + line + " is not valid UTF-8";
        }
        return null;
    }

    /** A record ends at {@code end} (its line break, if any, excluded); the next starts at {@code next}. */
    private String endRecord(byte[] bytes, int end, int next) {
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
            return "line " + (line - 1) + " is blank";
        }
        if (values != width) {
            return "line " + line + " has " + values + " values, the header " + width;
        }
        if (endings == 3) {
            return "line " + line + " ends differently from the lines before it (LF and CRLF)";
        }
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

    private String end(byte[] bytes, int limit) {
        if (continuations > 0) {
            return "line " + line + " is not valid UTF-8";
        }
        if (carriageReturn) {
            return "line " + line + " ends with a carriage return alone";
        }
        if (inQuotes && !quoteInQuotes) {
            return "a quoted value on line " + line + " has no closing quote";
        }
        if (!recordEmpty || values > 1) {
            return endRecord(bytes, limit, limit);
        }
        return null;
    }
}
