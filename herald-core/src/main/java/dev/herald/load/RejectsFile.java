package dev.herald.load;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes rejected rows as CSV: {@code line,column,reason}. */
public final class RejectsFile implements Closeable {

    private final BufferedWriter out;

    public RejectsFile(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write("line,column,reason\n");
    }

    public void write(Reject reject) throws IOException {
        out.write(Long.toString(reject.line()));
        out.write(',');
        out.write(reject.column() == null ? "" : CsvCell.quote(reject.column()));
        out.write(',');
        out.write(CsvCell.quote(reject.reason()));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
