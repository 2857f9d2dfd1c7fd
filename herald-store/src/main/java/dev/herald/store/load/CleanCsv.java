package dev.herald.store.load;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.herald.schema.FieldType;
import dev.herald.store.SqlTypes;
import dev.herald.store.Store;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Loads a CSV file Herald wrote itself — a header, then values in canonical form (ISO times, '.'
 * decimals, empty for null) — into a new table with the given typed columns, through the store's
 * bulk path: DuckDB's reader or PostgreSQL's COPY. DuckDB reads text and casts it: a value its
 * typed reader could not parse would become NULL without a word, a failed cast stops the load.
 */
public final class CleanCsv {

    private CleanCsv() {
    }

    public static long load(Store store, String table, Map<String, FieldType> columns, Path csv) throws SQLException, IOException {
        var dsl = store.dsl();
        if (store.isDuckDb()) {
            List<String> types = new ArrayList<>();
            List<String> casts = new ArrayList<>();
            columns.forEach((n, t) -> {
                types.add(dsl.render(inline(n)) + ": 'VARCHAR'");
                casts.add("CAST(" + dsl.render(name(n)) + " AS " + SqlTypes.duckDbReaderType(t) + ") AS " + dsl.render(name(n)));
            });
            try (Statement s = store.connection().createStatement()) {
                s.execute("CREATE TABLE " + dsl.render(name(table)) + " AS SELECT " + String.join(", ", casts) + " FROM read_csv("
                        + dsl.render(inline(csv.toAbsolutePath().toString())) + ", header = true, auto_detect = false, delim = ',', "
                        + "quote = '\"', escape = '\"', allow_quoted_nulls = false, columns = {" + String.join(", ", types) + "})");
            }
        } else {
            dsl.createTable(name(table)).columns(columns.entrySet().stream()
                    .map(e -> field(name(e.getKey()), store.dialect().type(e.getValue()))).toList()).execute();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                store.connection().unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + dsl.render(name(table)) + " FROM STDIN (FORMAT csv, HEADER)", in);
            }
        }
        return dsl.fetchCount(org.jooq.impl.DSL.table(name(table)));
    }
}
