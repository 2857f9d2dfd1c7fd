package dev.herald.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Text files Herald reads must be UTF-8: a file that is not (Latin-1, Windows-1252…) is refused
 * with the line and column of its first byte that is not, instead of the decoder's "Input length = 1".
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** The text of {@code bytes}; a byte-order mark is dropped. */
    public static String decode(byte[] bytes, String shown) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new NotUtf8Exception(shown, Position.of(bytes, in.position()));
        }
        return out.flip().toString();
    }

    /** Reads a whole file that must be UTF-8. */
    public static String read(Path file, String shown) throws IOException {
        return decode(Files.readAllBytes(file), shown);
    }

    /**
     * Where the first byte that is not UTF-8 is in a stream, for a reader that only learnt that
     * some byte was not (a {@link CharacterCodingException} says no more); empty when all are.
     */
    public static Optional<Position> firstBadByte(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        Position.Counter counter = new Position.Counter();
        boolean end = false;
        while (!end) {
            int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
            end = n < 0;
            if (n > 0) {
                buffer.position(buffer.position() + n);
            }
            buffer.flip();
            int from = buffer.position();
            CoderResult result = decoder.decode(buffer, chars, end);
            counter.count(buffer.array(), from, buffer.position());
            if (result.isError()) {
                return Optional.of(counter.position());
            }
            chars.clear();
            buffer.compact();
        }
        return Optional.empty();
    }

    /** A place in a text file: line and column, both from 1, the column counted in characters. */
    public record Position(long line, long column) {

        static Position of(byte[] bytes, int offset) {
            Counter c = new Counter();
            c.count(bytes, 0, offset);
            return c.position();
        }

        /** Counts lines and characters over bytes known to be UTF-8. */
        static final class Counter {
            private long line = 1;
            private long column = 1;

            void count(byte[] bytes, int from, int to) {
                for (int i = from; i < to; i++) {
                    int b = bytes[i] & 0xFF;
                    if (b == '\n') {
                        line++;
                        column = 1;
                    } else if ((b & 0xC0) != 0x80) {
                        column++; // the first byte of a character, not a continuation
                    }
                }
            }

            Position position() {
                return new Position(line, column);
            }
        }
    }
}
