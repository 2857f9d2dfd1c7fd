package dev.herald.app.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The workspace's {@code data/uploads}: where a file sent to the server (an import, a suppression
 * list) or an export on its way out waits while it is read, each deleted after.
 */
public final class Uploads {

    private final Path dir;

    public Uploads(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code data} to a new file of the folder; nothing is left when the sender fails or goes over its limit. */
    public Path keep(InputStream data, String suffix) {
        Path file = newFile(suffix);
        try {
            Files.copy(data, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("cannot keep the upload in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) { // the sender went over its limit, say
            delete(file);
            throw e;
        }
    }

    /** A new empty file of the folder, for the caller to delete. */
    public Path newFile(String suffix) {
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "upload-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a file left in data/uploads is harmless; the next server start does not read it
        }
    }
}
