package dev.herald.load;

import java.nio.file.Path;
import java.util.Map;

/**
 * One import of one file into one entity. {@code rejectsFile} receives every rejected row with its
 * line number, column and reason; past {@code maxErrors} rejects nothing is changed.
 * {@code columnMap} names the field a file column loads when it is not the column's own name;
 * with {@code ignoreExtraColumns} a column that is no field is skipped.
 */
public record ImportRequest(String entity, Path file, FileFormat format, ImportMode mode, CsvOptions csv,
                            long maxErrors, Path rejectsFile, Map<String, String> columnMap, boolean ignoreExtraColumns) {

    public static final long DEFAULT_MAX_ERRORS = 100;

    public ImportRequest {
        columnMap = Map.copyOf(columnMap);
    }

    public ImportRequest(String entity, Path file, FileFormat format, ImportMode mode, CsvOptions csv, long maxErrors,
                         Path rejectsFile) {
        this(entity, file, format, mode, csv, maxErrors, rejectsFile, Map.of(), false);
    }

    public static ImportRequest of(String entity, Path file, ImportMode mode) {
        return new ImportRequest(entity, file, FileFormat.of(file), mode, CsvOptions.DEFAULT, DEFAULT_MAX_ERRORS,
                defaultRejectsFile(file));
    }

    public static Path defaultRejectsFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".rejects.csv");
    }

    public ImportRequest withMaxErrors(long n) {
        return new ImportRequest(entity, file, format, mode, csv, n, rejectsFile, columnMap, ignoreExtraColumns);
    }

    public ImportRequest withCsv(CsvOptions options) {
        return new ImportRequest(entity, file, format, mode, options, maxErrors, rejectsFile, columnMap, ignoreExtraColumns);
    }

    public ImportRequest withRejectsFile(Path path) {
        return new ImportRequest(entity, file, format, mode, csv, maxErrors, path, columnMap, ignoreExtraColumns);
    }

    /** The file's columns mapped to fields ({@code csv_column → field}), and whether other columns that are no field are skipped. */
    public ImportRequest withColumns(Map<String, String> map, boolean ignoreExtra) {
        return new ImportRequest(entity, file, format, mode, csv, maxErrors, rejectsFile, map, ignoreExtra);
    }

    /** This file's columns matched to the entity's fields. */
    public ImportColumns match(dev.herald.schema.Entity e, java.util.List<String> header) {
        return ImportColumns.match(e, header, mode, file, columnMap, ignoreExtraColumns);
    }
}
