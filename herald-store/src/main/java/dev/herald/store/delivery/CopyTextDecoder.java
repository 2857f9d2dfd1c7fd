package dev.herald.store.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Undoes the escapes of PostgreSQL's {@code COPY … TO STDOUT (FORMAT text)} as the bytes stream
 * through: {@code \\}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, {@code \v};
 * a backslash before any other byte stands for that byte. A backslash is never part of a
 * multi-byte UTF-8 character, so bytes can be read one at a time.
 */
final class CopyTextDecoder extends FilterOutputStream {

    private boolean escaped;

    CopyTextDecoder(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (escaped) {
            escaped = false;
            out.write(switch (b) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> 0x0B;
                default -> b;
            });
        } else if (b == '\\') {
            escaped = true;
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (escaped || bytes[i] == '\\') {
                out.write(bytes, start, i - start);
                write(bytes[i] & 0xFF);
                start = i + 1;
            }
        }
        out.write(bytes, start, end - start);
    }
}
