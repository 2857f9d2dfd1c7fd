package dev.herald.load;

import java.nio.file.Path;

/**
 * One import of one file into one entity. {@code rejectsFile} receives every rejected row with its
 * line number, column and reason; past {@code maxErrors} rejects nothing is changed.
 */
public record ImportRequest(String entity, Path file, FileFormat format, ImportMode mode, CsvOptions csv,
                            long maxErrors, Path rejectsFile) {

    public static final long DEFAULT_MAX_ERRORS = 100;

    public static ImportRequest of(String entity, Path file, ImportMode mode) {
        return new ImportRequest(entity, file, FileFormat.of(file), mode, CsvOptions.DEFAULT, DEFAULT_MAX_ERRORS,
                defaultRejectsFile(file));
    }

    public static Path defaultRejectsFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".rejects.csv");
    }

    public ImportRequest withMaxErrors(long n) {
        return new ImportRequest(entity, file, format, mode, csv, n, rejectsFile);
    }

    public ImportRequest withCsv(CsvOptions options) {
        return new ImportRequest(entity, file, format, mode, options, maxErrors, rejectsFile);
    }

    public ImportRequest withRejectsFile(Path path) {
        return new ImportRequest(entity, file, format, mode, csv, maxErrors, path);
    }
}
