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
        FileFormat format = FileFormat.of(file);
        if (format == FileFormat.NDJSON) {
            throw new ImportException("export writes CSV (.csv, .csv.gz) or Parquet (.parquet); NDJSON is read only");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String query = dsl.render(dsl.selectFrom(DSL.table(name(entity.name())))
                    .orderBy(entity.key().stream().map(k -> DSL.field(name(k))).toList()));
            if (store.isDuckDb()) {
                return store.inTransaction(() -> copyWithDuckDb(store.connection(), query, file, format));
            }
            if (format == FileFormat.CSV) {
                return store.inTransaction(() -> copyOutOfPostgres(query, file));
            }
            Path tmp = Files.createTempFile("herald-export-", ".csv");
            try {
                long rows = store.inTransaction(() -> copyOutOfPostgres(query, tmp));
                String columns = entity.fields().values().stream()
                        .map(f -> dsl.render(inline(f.name())) + ": " + dsl.render(inline(SqlTypes.duckDbReaderType(f.type()))))
                        .collect(Collectors.joining(", "));
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                    copyWithDuckDb(c, "SELECT * FROM read_csv(" + dsl.render(inline(tmp.toString()))
                            + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {" + columns + "})", file, format);
                }
                return rows;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (SQLException | IOException e) {
            throw new ImportException("cannot export '" + entity.name() + "' to " + file + ": " + e.getMessage(), e);
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
