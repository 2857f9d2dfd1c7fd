package dev.herald.load;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes rejected rows as CSV: {@code line,column,reason}, and {@code key} for rows of an entity.
 * The file is created with the first rejected row: a load without rejects leaves none behind.
 */
public final class RejectsFile implements Closeable {

    private final Path path;
    private final boolean withKey;
    private final OpenOption[] options;
    private BufferedWriter out;

    /**
     * @param withKey whether rows have a key (an import's rows) to write in a {@code key} column
     * @param extra   adds to the options the file is opened with, e.g. {@code LinkOption.NOFOLLOW_LINKS}
     */
    public RejectsFile(Path path, boolean withKey, OpenOption... extra) {
        this.path = path;
        this.withKey = withKey;
        this.options = new OpenOption[extra.length + 3];
        options[0] = StandardOpenOption.CREATE;
        options[1] = StandardOpenOption.TRUNCATE_EXISTING;
        options[2] = StandardOpenOption.WRITE;
        System.arraycopy(extra, 0, options, 3, extra.length);
    }

    public void write(Reject reject) throws IOException {
        if (out == null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, options);
            out.write(withKey ? "line,column,reason,key\n" : "line,column,reason\n");
        }
        out.write(Long.toString(reject.line()));
        out.write(',');
        out.write(reject.column() == null ? "" : CsvCell.quote(reject.column()));
        out.write(',');
        out.write(CsvCell.quote(reject.reason()));
        if (withKey) {
            out.write(',');
            out.write(reject.key() == null ? "" : CsvCell.quote(reject.key()));
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
