package dev.herald.store.load;

import dev.herald.load.CsvOptions;
import dev.herald.load.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Whether DuckDB's reader may read a CSV file itself, because it reads it exactly as Herald's
 * reader would: every record on one line and as wide as the header, one kind of line ending, no
 * blank line before the last record, quotes only around whole values and always closed, valid
 * UTF-8. On anything else DuckDB fails the whole file, drops the lines after a bad quote, or
 * numbers lines by record; such a file goes through Herald's reader, which rejects each bad line
 * by its number and reads on. One pass over the bytes, no value is decoded.
 */
final class PlainCsv {

    private final int delimiter;
    private final int quote;
    private final int escape;
    private final int width;

    private long line = 1;
    private int values = 1;
    private boolean valueStart = true;
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

    private PlainCsv(CsvOptions options, int width) {
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.escape = options.escape();
        this.width = width;
    }

    /** Why DuckDB should not read the file itself, or null when it may. */
    static String irregularity(Path file, CsvOptions options, int width) throws IOException {
        PlainCsv scan = new PlainCsv(options, width);
        try (InputStream in = InputFiles.open(file)) {
            byte[] buffer = new byte[1 << 20];
            boolean first = true;
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                int from = 0;
                if (first && n >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
                    from = 3;
                }
                first = false;
                String why = scan.scan(buffer, from, n);
                if (why != null) {
                    return why;
                }
            }
        }
        return scan.end();
    }

    private String scan(byte[] bytes, int from, int to) {
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
                String why = endRecord();
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
                values++;
                valueStart = true;
                recordEmpty = false;
            } else if (b == '\n') {
                endings |= 1;
                String why = endRecord();
                if (why != null) {
                    return why;
                }
            } else if (b == '\r') {
                carriageReturn = true;
            } else if (b == quote) {
                if (!valueStart) {
                    return "line " + line + " has a quote inside a value that is not quoted";
                }
                inQuotes = true;
                valueStart = false;
                recordEmpty = false;
            } else if (b == escape && escape != quote) {
                return "line " + line + " has an escape character outside quotes";
            } else {
                valueStart = false;
                recordEmpty = false;
            }
        }
        return null;
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

    private String endRecord() {
        if (recordEmpty && values == 1) {
            blankLine = true;
            line++;
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
        valueStart = true;
        recordEmpty = true;
        return null;
    }

    private String end() {
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
            return endRecord();
        }
        return null;
    }
}
