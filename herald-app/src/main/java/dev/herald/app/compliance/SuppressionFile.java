package dev.herald.app.compliance;

import dev.herald.error.UserError;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A suppression list in a CSV file (UTF-8, comma- or semicolon-separated, values in double quotes
 * where they hold the separator): a header naming an {@code address} column and, optionally,
 * {@code channel} (else every row is on the default channel) and {@code note}. Every row is stored
 * or rejected with its line, column and reason; the rest loads.
 */
public final class SuppressionFile {

    private SuppressionFile() {
    }

    /** One row to store. */
    public record Entry(String channel, String address, String note) {
    }

    /** A row that was not stored: its line (the header is line 1), its column, and why. */
    public record Reject(long line, String column, String reason) {
    }

    /** How many rows were read and stored (added or changed), and every rejected one. */
    /** How many rows were read, stored and rejected, and the first {@link #REJECTS_KEPT} rejected ones. */
    public record Loaded(long rows, long stored, long rejected, List<Reject> rejects) {
    }

    /** How many rejected rows a load keeps to tell (it counts them all): a file of a million bad lines must not fill the heap. */
    public static final int REJECTS_KEPT = 1_000;
    /** A longer line is rejected, and not held in memory: an address list has short lines. */
    static final int LONGEST_LINE = 64 * 1024;

    /**
     * Reads {@code file}, named {@code name} in messages (its path, or "the upload"). Each line is
     * decoded alone: a line that is not UTF-8 is rejected with its number, and the rest loads.
     */
    static Loaded read(Path file, String name, String defaultChannel, Predicate<Entry> store) throws IOException {
        List<Reject> rejects = new ArrayList<>();
        long[] rejected = {0};
        java.util.function.Consumer<Reject> reject = r -> {
            if (rejected[0]++ < REJECTS_KEPT) {
                rejects.add(r);
            }
        };
        long rows = 0;
        long stored = 0;
        long line = 1;
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            byte[] first = nextLine(in);
            if (first == null) {
                throw UserError.invalid(name + " is empty: it needs a header naming an address column");
            }
            String header = utf8(first);
            if (header == null) {
                throw UserError.invalid(name + ":1: the header is not UTF-8 text; save the file as UTF-8");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            char separator = header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? ';' : ',';
            List<String> names = split(header, separator);
            if (names == null) {
                throw UserError.invalid(name + ":1: the header has a quote that is not closed");
            }
            names = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
            int address = names.indexOf("address");
            int channel = names.indexOf("channel");
            int note = names.indexOf("note");
            if (address < 0) {
                throw UserError.invalid(name + ":1: the header names no address column (columns: " + String.join(", ", names)
                        + "); write e.g. address,channel,note");
            }
            byte[] bytes;
            while ((bytes = nextLine(in)) != null) {
                line++;
                if (bytes == TOO_LONG) {
                    rows++;
                    reject.accept(new Reject(line, "address", "a line longer than " + LONGEST_LINE / 1024 + " KiB"));
                    continue;
                }
                String text = utf8(bytes);
                if (text == null) {
                    rows++;
                    reject.accept(new Reject(line, "address", "not UTF-8 text; save the file as UTF-8"));
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                rows++;
                List<String> values = split(text, separator);
                if (values == null) {
                    reject.accept(new Reject(line, "address", "a quote is not closed on this line (a value cannot span lines)"));
                    continue;
                }
                if (values.size() != names.size()) {
                    reject.accept(new Reject(line, names.get(Math.min(values.size(), names.size()) - 1),
                            values.size() + " values for " + names.size() + " columns"));
                    continue;
                }
                String a = values.get(address).strip();
                String c = channel < 0 || values.get(channel).isBlank() ? defaultChannel : values.get(channel).strip();
                if (a.isEmpty()) {
                    reject.accept(new Reject(line, "address", "empty"));
                    continue;
                }
                try {
                    ComplianceService.channel(c);
                } catch (UserError e) {
                    reject.accept(new Reject(line, "channel", e.problems().get(0).message()));
                    continue;
                }
                stored += store.test(new Entry(c, a, note < 0 || values.get(note).isBlank() ? null : values.get(note))) ? 1 : 0;
            }
        }
        return new Loaded(rows, stored, rejected[0], rejects);
    }

    /** What {@link #nextLine} gives for a line longer than {@link #LONGEST_LINE}, read to its end and dropped. */
    private static final byte[] TOO_LONG = new byte[0];

    /** The bytes of the next line without its line break (LF, CRLF or CR), {@link #TOO_LONG}, or null at the end. */
    private static byte[] nextLine(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(128);
        boolean tooLong = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && b != '\r') {
            if (line.size() < LONGEST_LINE) {
                line.write(b);
            } else {
                tooLong = true;
            }
        }
        if (tooLong) {
            if (b == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
            }
            return TOO_LONG;
        }
        if (b == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toByteArray();
    }

    /** The line as text, or null when it is not UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The values of one line, or null when a quote is not closed. */
    static List<String> split(String line, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder v = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    v.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    v.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == separator) {
                out.add(v.toString());
                v.setLength(0);
            } else {
                v.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(v.toString());
        return out;
    }
}
