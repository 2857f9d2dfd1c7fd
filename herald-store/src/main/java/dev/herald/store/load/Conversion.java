package dev.herald.store.load;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.load.CsvCell;
import dev.herald.load.CsvOptions;
import dev.herald.load.FileFormat;
import dev.herald.load.ImportException;
import dev.herald.load.ImportRequest;
import dev.herald.load.InputFiles;
import dev.herald.load.Reject;
import dev.herald.schema.DidYouMean;
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
 * Turns Parquet and NDJSON files into a temporary CSV with a {@code _line} column, so that every
 * format goes through one staging path. CSV files pass through untouched.
 */
record Conversion(Path csv, CsvOptions options, List<Reject> rejects, boolean temporary) implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Conversion toCsv(ImportRequest request, Entity entity) {
        if (request.format() == FileFormat.CSV) {
            return new Conversion(request.file(), request.csv(), List.of(), false);
        }
        try {
            Path tmp = Files.createTempFile("herald-import-", ".csv");
            if (request.format() == FileFormat.NDJSON) {
                return new Conversion(tmp, CsvOptions.DEFAULT, ndjson(request.file(), tmp, entity), true);
            }
            parquet(request.file(), tmp);
            return new Conversion(tmp, CsvOptions.DEFAULT, List.of(), true);
        } catch (IOException e) {
            throw new ImportException("cannot convert " + request.file() + ": " + e.getMessage(), e);
        }
    }

    /** Parquet is typed already; an in-memory DuckDB writes it out as CSV numbered by row. */
    private static void parquet(Path file, Path csv) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            var dsl = DSL.using(org.jooq.SQLDialect.DUCKDB);
            s.execute("COPY (SELECT file_row_number + 1 AS _line, * EXCLUDE (file_row_number) FROM read_parquet("
                    + dsl.render(DSL.inline(file.toAbsolutePath().toString())) + ", file_row_number = true) ORDER BY 1) TO "
                    + dsl.render(DSL.inline(csv.toAbsolutePath().toString())) + " (FORMAT csv, HEADER)");
        } catch (SQLException e) {
            throw new ImportException(file + " is not a readable Parquet file: " + firstLine(e.getMessage()), e);
        }
    }

    /** One JSON object per line; a line that is not one is rejected with its number. */
    private static List<Reject> ndjson(Path file, Path csv, Entity entity) throws IOException {
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
        for (String k : keys) {
            if (!entity.fields().containsKey(k) && !k.equals("_change")) {
                throw new ImportException(file + ": key '" + k + "' is not a field of '" + entity.name() + "'"
                        + DidYouMean.hint(k, entity.fields().keySet()) + " (fields: " + String.join(", ", entity.fields().keySet()) + ")");
            }
        }
        if (keys.isEmpty()) {
            keys.addAll(entity.key());
        }
        List<String> columns = new ArrayList<>(keys);
        List<Reject> rejects = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(InputFiles.reader(file));
             BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("_line");
            for (String c : columns) {
                out.write(',');
                out.write(c);
            }
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
                out.write(Long.toString(line));
                for (String c : columns) {
                    out.write(',');
                    JsonNode v = node.get(c);
                    if (v != null && !v.isNull()) {
                        out.write(CsvCell.quote(v.isValueNode() ? v.asText() : v.toString()));
                    }
                }
                out.write('\n');
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rejects;
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

    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }


}
