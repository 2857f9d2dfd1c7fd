package dev.herald.store.load;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.load.CsvCell;
import dev.herald.load.CsvOptions;
import dev.herald.load.ImportColumns;
import dev.herald.load.ImportException;
import dev.herald.load.ImportRequest;
import dev.herald.load.InputFiles;
import dev.herald.load.Reject;
import dev.herald.schema.Entity;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.impl.DSL;

/**
 * The file an import stages, as CSV, with its columns matched to the entity's fields. A CSV file
 * passes through untouched when the store's reader reads it exactly; otherwise — Parquet, NDJSON,
 * or on DuckDB a CSV file that is not plain or not ISO/UTC — it becomes a temporary CSV file with
 * a {@code _line} column, so that every format goes through one staging path. On DuckDB,
 * {@code typedByReader} names the columns whose values are all plain: DuckDB's reader types them.
 * {@code named} are the columns of the user's file, by which rejects name their column.
 */
record Conversion(Path csv, CsvOptions options, ImportColumns columns, List<Reject> rejects, boolean temporary,
                  Set<String> typedByReader, ImportColumns named) implements AutoCloseable {

    Conversion(Path csv, CsvOptions options, ImportColumns columns, List<Reject> rejects, boolean temporary,
               Set<String> typedByReader) {
        this(csv, options, columns, rejects, temporary, typedByReader, columns);
    }

    /** The column of the user's file that loads {@code field}, to name it in a reject. */
    String columnOf(String field) {
        return named.columnOf(field);
    }

    /** Numbers are read as written: 1.10 stays 1.10, and a decimal of 20 digits keeps them all (a double would not). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    static Conversion of(ImportRequest request, Entity entity, dev.herald.store.Store store) {
        boolean duckDb = store.isDuckDb();
        List<Path> made = new ArrayList<>();
        try {
            Conversion c = switch (request.format()) {
                case CSV -> csv(request, entity, duckDb, store, made);
                case NDJSON -> ndjson(request, entity, duckDb, store, made);
                case PARQUET -> parquet(request, entity, store, made);
            };
            made.clear();
            return c;
        } catch (IOException e) {
            throw new ImportException("cannot convert " + request.file() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("the import of " + request.file() + " was interrupted", e);
        } finally {
            made.forEach(Conversion::delete);
        }
    }

    private static Conversion csv(ImportRequest request, Entity entity, boolean duckDb, dev.herald.store.Store store, List<Path> made)
            throws IOException, InterruptedException {
        CsvOptions options = request.csv();
        ImportColumns columns = request.match(entity, InputFiles.csvHeader(request.file(), options));
        Conversion asIs = new Conversion(request.file(), options, columns, List.of(), false, Set.of());
        if (!duckDb) {
            return asIs;
        }
        if (isoAndUtc(options)) {
            List<dev.herald.schema.FieldType> types = new ArrayList<>();
            for (int i = 0; i < columns.header().size(); i++) {
                dev.herald.schema.FieldType t = columns.fieldAt(i) == null ? null : columns.fieldAt(i).type();
                // DuckDB's typed reader reads '.' decimals; with ',' they are read as text and checked in SQL
                boolean decimals = t != null && (t.kind() == dev.herald.schema.FieldType.Kind.DECIMAL
                        || t.kind() == dev.herald.schema.FieldType.Kind.DOUBLE);
                types.add(decimals && options.decimalSeparator() != '.' ? null : t);
            }
            PlainCsv.Survey survey = PlainCsv.survey(request.file(), options, types);
            if (survey.irregularity() == null) {
                Set<String> typed = new java.util.HashSet<>();
                for (int i = 0; i < columns.header().size(); i++) {
                    if (survey.plainValues()[i]) {
                        typed.add(columns.header().get(i));
                    }
                }
                return new Conversion(request.file(), options, columns, List.of(), false, typed);
            }
        }
        return checked(asIs, request, entity, store, made);
    }

    /** The CSV file as Herald's reader reads it, whatever DuckDB's reader would make of it. */
    static Conversion readByHerald(ImportRequest request, Entity entity, dev.herald.store.Store store) {
        List<Path> made = new ArrayList<>();
        try {
            Conversion asIs = new Conversion(request.file(), request.csv(),
                    request.match(entity, InputFiles.csvHeader(request.file(), request.csv())), List.of(), false, Set.of());
            Conversion c = checked(asIs, request, entity, store, made);
            made.clear();
            return c;
        } catch (IOException e) {
            throw new ImportException("cannot read " + request.file() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("the import of " + request.file() + " was interrupted", e);
        } finally {
            made.forEach(Conversion::delete);
        }
    }

    /** Whether DuckDB's SQL checks read the values as they are: ISO dates and times, UTC. */
    private static boolean isoAndUtc(CsvOptions o) {
        return o.dateFormat() == null && o.timestampFormat() == null
                && (o.zone() == null || o.zone().normalized().equals(java.time.ZoneOffset.UTC));
    }

    /** Herald's reader and converters write the rows that load, in canonical form, and reject the others. */
    private static Conversion checked(Conversion source, ImportRequest request, Entity entity, dev.herald.store.Store store, List<Path> made)
            throws IOException, InterruptedException {
        Path tmp = store.temporaryFile("import-", ".csv");
        made.add(tmp);
        CheckedCsv checked = new CheckedCsv(source.columns(), source.options(), true, entity.key(), false);
        List<Reject> rejects = new ArrayList<>(source.rejects());
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(String.join(",", checked.header()));
            out.write('\n');
            checked.copy(source.csv(), rejects, out::write);
        }
        if (source.temporary()) {
            delete(source.csv());
        }
        ImportColumns columns = ImportColumns.match(entity, checked.header(), request.mode(), request.file());
        return new Conversion(tmp, CsvOptions.DEFAULT, columns, rejects, true, Set.of(), source.named());
    }

    /** Parquet is typed already; an in-memory DuckDB writes it out as CSV numbered by row. */
    private static Conversion parquet(ImportRequest request, Entity entity, dev.herald.store.Store store, List<Path> made) throws IOException {
        Path file = request.file();
        Path csv = store.temporaryFile("import-", ".csv");
        made.add(csv);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            var dsl = DSL.using(org.jooq.SQLDialect.DUCKDB);
            s.execute("COPY (SELECT file_row_number + 1 AS _line, * EXCLUDE (file_row_number) FROM read_parquet("
                    + dsl.render(DSL.inline(file.toAbsolutePath().toString())) + ", file_row_number = true) ORDER BY 1) TO "
                    + dsl.render(DSL.inline(csv.toAbsolutePath().toString())) + " (FORMAT csv, HEADER)");
        } catch (SQLException e) {
            throw new ImportException(file + " is not a readable Parquet file: " + firstLine(e.getMessage()), e);
        }
        List<String> header = new ArrayList<>(InputFiles.csvHeader(csv, CsvOptions.DEFAULT));
        ImportColumns columns = request.match(entity, header);
        return new Conversion(csv, CsvOptions.DEFAULT, columns, List.of(), true, Set.of());
    }

    /**
     * One JSON object per line, written as CSV text; a line that is not one is rejected with its
     * number. The values keep the file's date formats and decimal separator (a ';' separates them
     * when decimals use ','); on DuckDB, values in other formats than ISO/UTC are checked by Herald.
     */
    private static Conversion ndjson(ImportRequest request, Entity entity, boolean duckDb, dev.herald.store.Store store, List<Path> made)
            throws IOException, InterruptedException {
        Path file = request.file();
        Set<String> keys = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(InputFiles.reader(file))) {
            String text;
            while ((text = in.readLine()) != null) {
                JsonNode node = parse(text);
                if (node != null && node.isObject()) {
                    node.fieldNames().forEachRemaining(keys::add);
                }
            }
        }
        if (keys.isEmpty()) {
            keys.addAll(entity.key());
        }
        List<String> header = new ArrayList<>(List.of(ImportColumns.LINE));
        header.addAll(keys);
        ImportColumns columns = request.match(entity, header);
        CsvOptions user = request.csv();
        char delimiter = user.decimalSeparator() == ',' ? ';' : ',';
        CsvOptions options = new CsvOptions(delimiter, '"', '"', user.dateFormat(), user.timestampFormat(),
                user.decimalSeparator(), user.zone());
        Path csv = store.temporaryFile("import-", ".csv");
        made.add(csv);
        List<Reject> rejects = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(InputFiles.reader(file));
             BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(String.join(String.valueOf(delimiter), header));
            out.write('\n');
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node = parse(text);
                if (node == null || !node.isObject()) {
                    rejects.add(new Reject(line, null, "not a JSON object"));
                    continue;
                }
                if (request.mode() == dev.herald.load.ImportMode.UPSERT) {
                    // an upsert sets every field the file names: one missing here would be emptied, not kept
                    List<String> missing = keys.stream().filter(k -> !node.has(k)).toList();
                    if (!missing.isEmpty()) {
                        rejects.add(new Reject(line, null, "it does not name " + String.join(", ", missing) + ", which other records name: an "
                                + "upsert sets every field of the file, so it would empty them; give them (null empties one on purpose)"));
                        continue;
                    }
                }
                out.write(Long.toString(line));
                for (String c : keys) {
                    out.write(delimiter);
                    JsonNode v = node.get(c);
                    if (v != null && !v.isNull()) {
                        out.write(quote(v.isBigDecimal() ? v.decimalValue().toPlainString() : v.isValueNode() ? v.asText() : v.toString(),
                                delimiter));
                    }
                }
                out.write('\n');
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Conversion raw = new Conversion(csv, options, columns, rejects, true, Set.of());
        return duckDb && !isoAndUtc(options) ? checked(raw, request, entity, store, made) : raw;
    }

    private static String quote(String text, char delimiter) {
        return delimiter == ',' || text.indexOf(delimiter) < 0 ? CsvCell.quote(text) : '"' + text.replace("\"", "\"\"") + '"';
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonParseException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }

    @Override
    public void close() {
        if (temporary) {
            delete(csv);
        }
    }
}
