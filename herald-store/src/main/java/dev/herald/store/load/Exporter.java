package dev.herald.store.load;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.herald.load.FileFormat;
import dev.herald.load.ImportException;
import dev.herald.schema.Entity;
import dev.herald.store.SqlTypes;
import dev.herald.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Writes an entity's rows, ordered by key, to CSV (with a header; gzip when the name ends in
 * {@code .gz}) or Parquet, through each store's bulk path ({@code COPY … TO}).
 */
public final class Exporter {

    private final Store store;
    private final DSLContext dsl;

    public Exporter(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    public long export(Entity entity, Path file) {
        String query = dsl.render(dsl.selectFrom(DSL.table(name(entity.name())))
                .orderBy(entity.key().stream().map(k -> DSL.field(name(k))).toList()));
        Map<String, String> columns = new LinkedHashMap<>();
        entity.fields().values().forEach(f -> columns.put(f.name(), SqlTypes.duckDbReaderType(f.type())));
        return export(query, columns, file, "'" + entity.name() + "'");
    }

    /**
     * Writes the rows of a rendered query whose columns are {@code columns} (name → DuckDB type,
     * for reading PostgreSQL's CSV back when the file is Parquet); {@code what} names them in errors.
     */
    public long export(String query, Map<String, String> columns, Path file, String what) {
        FileFormat format = FileFormat.of(file);
        if (format == FileFormat.NDJSON) {
            throw new ImportException("export writes CSV (.csv, .csv.gz) or Parquet (.parquet); NDJSON is read only");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (store.isDuckDb()) {
                return store.inTransaction(() -> copyWithDuckDb(store.connection(), query, file, format));
            }
            if (format == FileFormat.CSV) {
                return store.inTransaction(() -> copyOutOfPostgres(query, file));
            }
            Path tmp = store.temporaryFile("export-", ".csv");
            try {
                long rows = store.inTransaction(() -> copyOutOfPostgres(query, tmp));
                String types = columns.entrySet().stream()
                        .map(c -> dsl.render(inline(c.getKey())) + ": " + dsl.render(inline(c.getValue())))
                        .collect(Collectors.joining(", "));
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                    copyWithDuckDb(c, "SELECT * FROM read_csv(" + dsl.render(inline(tmp.toString()))
                            + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {" + types + "})", file, format);
                }
                return rows;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (SQLException | IOException e) {
            throw new ImportException("cannot export " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static long copyWithDuckDb(Connection c, String query, Path file, FileFormat format) throws SQLException {
        DSLContext duck = DSL.using(SQLDialect.DUCKDB);
        String options = format == FileFormat.PARQUET ? "FORMAT parquet"
                : "FORMAT csv, HEADER" + (FileFormat.isGzip(file) ? ", COMPRESSION gzip" : "");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            return s.executeLargeUpdate("COPY (" + query + ") TO " + duck.render(inline(file.toAbsolutePath().toString()))
                    + " (" + options + ")");
        }
    }

    private long copyOutOfPostgres(String query, Path file) throws SQLException, IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = FileFormat.isGzip(file) ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            return store.connection().unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)", out);
        }
    }
}
