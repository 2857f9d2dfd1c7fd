package dev.herald.store.load;

import static org.jooq.impl.DSL.inline;

import dev.herald.load.CsvOptions;
import dev.herald.load.ImportColumns;
import dev.herald.load.Reject;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.store.SqlTypes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Stages a CSV file with DuckDB's own parallel reader, typed by the schema. Rows the reader
 * cannot parse land in its rejects table with their line numbers; they are translated into
 * Herald's reasons. Staged rows keep the file's order in {@code rowid}.
 */
final class DuckDbStage implements ImportStage {

    private static final String ERRORS = "herald_csv_errors";
    private static final String SCANS = "herald_csv_scans";

    private final DSLContext dsl;
    private final Connection connection;
    private boolean hasLineColumn;
    private long firstRowId;

    DuckDbStage(DSLContext dsl, Connection connection) {
        this.dsl = dsl;
        this.connection = connection;
    }

    /** Runs DuckDB-specific SQL as written: it holds no value that is not rendered by jOOQ as a literal. */
    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public long load(Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects) throws SQLException {
        hasLineColumn = columns.hasLine();
        dsl.dropTableIfExists(TABLE).execute();
        execute("CREATE TEMP TABLE " + TABLE + " AS SELECT * FROM " + readCsv(csv, columns, options));
        long staged = dsl.fetchCount(DSL.table(DSL.name(TABLE)));
        // rowids of rows not yet committed start at a large offset; positions count from it.
        Long first = dsl.select(DSL.min(DSL.field(DSL.name("rowid"), Long.class))).from(DSL.table(DSL.name(TABLE)))
                .fetchOne(0, Long.class);
        firstRowId = first == null ? 0 : first;
        return staged + parseRejects(columns, earlierRejects);
    }

    @Override
    public Copied copyInto(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects)
            throws SQLException {
        hasLineColumn = columns.hasLine();
        List<String> names = columns.fields().stream().map(f -> dsl.render(DSL.name(f.name()))).toList();
        long rows;
        try (Statement s = connection.createStatement()) {
            rows = s.executeLargeUpdate("INSERT INTO " + dsl.render(DSL.name(entity.name())) + " (" + String.join(", ", names)
                    + ") SELECT " + String.join(", ", names) + " FROM " + readCsv(csv, columns, options));
        }
        return new Copied(rows + parseRejects(columns, earlierRejects), rows);
    }

    /** DuckDB's reader, typed by the schema, with its rejects kept in {@value #ERRORS}. */
    private String readCsv(Path csv, ImportColumns columns, CsvOptions options) throws SQLException {
        Map<String, Field> byName = new java.util.HashMap<>();
        columns.fields().forEach(f -> byName.put(f.name(), f));
        List<String> types = new ArrayList<>();
        for (String column : columns.header()) {
            String type = switch (column) {
                case ImportColumns.CHANGE -> "VARCHAR";
                case ImportColumns.LINE -> "BIGINT";
                default -> SqlTypes.duckDbReaderType(byName.get(column).type());
            };
            types.add(dsl.render(inline(column)) + ": " + dsl.render(inline(type)));
        }
        execute("DROP TABLE IF EXISTS " + ERRORS);
        execute("DROP TABLE IF EXISTS " + SCANS);
        StringBuilder read = new StringBuilder("read_csv(").append(dsl.render(inline(csv.toAbsolutePath().toString())))
                .append(", header = true, auto_detect = false")
                .append(", delim = ").append(dsl.render(inline(String.valueOf(options.delimiter()))))
                .append(", quote = ").append(dsl.render(inline(String.valueOf(options.quote()))))
                .append(", escape = ").append(dsl.render(inline(String.valueOf(options.escape()))))
                .append(", decimal_separator = ").append(dsl.render(inline(String.valueOf(options.decimalSeparator()))))
                .append(", columns = {").append(String.join(", ", types)).append('}')
                .append(", store_rejects = true, rejects_table = '").append(ERRORS)
                .append("', rejects_scan = '").append(SCANS).append("'");
        if (options.dateFormat() != null) {
            read.append(", dateformat = ").append(dsl.render(inline(options.dateFormat())));
        }
        if (options.timestampFormat() != null) {
            read.append(", timestampformat = ").append(dsl.render(inline(options.timestampFormat())));
        }
        return read.append(')').toString();
    }

    /** Moves the reader's rejects and the conversion's into {@code herald_reject}; returns how many lines. */
    private long parseRejects(ImportColumns columns, List<Reject> earlierRejects) throws SQLException {
        recordParseRejects(columns);
        RejectTable.insert(dsl, earlierRejects);
        execute("DROP TABLE IF EXISTS " + ERRORS);
        execute("DROP TABLE IF EXISTS " + SCANS);
        return dsl.fetchCount(RejectTable.TABLE);
    }

    /** One reject per bad line: a wrong column count first, else the first column that failed. */
    private void recordParseRejects(ImportColumns columns) throws SQLException {
        StringBuilder spelling = new StringBuilder("CASE e.column_name");
        for (Field f : columns.fields()) {
            spelling.append(" WHEN ").append(dsl.render(inline(f.name())))
                    .append(" THEN ").append(dsl.render(inline(f.type().spelling())));
        }
        spelling.append(" ELSE 'value' END");
        String value = "regexp_extract(e.error_message, 'string \"(.*)\" ', 1)";
        String shortValue = "CASE WHEN length(" + value + ") > 60 THEN left(" + value + ", 57) || '...' ELSE " + value + " END";
        String line = hasLineColumn ? "TRY_CAST(regexp_extract(e.csv_line, '^\\s*\"?(\\d+)', 1) AS BIGINT)" : "e.line";
        execute("INSERT INTO herald_reject (ord, line, col, reason) "
                + "SELECT NULL, " + line + ", "
                + "CASE WHEN e.error_type = 'CAST' THEN e.column_name END, "
                + "CASE WHEN e.error_type = 'CAST' THEN 'not a valid ' || " + spelling + " || ': \"' || " + shortValue + " || '\"' "
                + "WHEN e.error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') THEN 'expected " + columns.header().size()
                + " columns, found ' || regexp_extract(e.error_message, 'Found: (\\d+)', 1) "
                + "WHEN e.error_type = 'INVALID UNICODE' THEN 'not valid UTF-8 text' "
                + "ELSE lower(e.error_type) || ': ' || e.error_message END "
                + "FROM (SELECT *, row_number() OVER (PARTITION BY line ORDER BY error_type = 'CAST', column_idx) AS rn "
                + "FROM " + ERRORS + ") e WHERE e.rn = 1");
        execute("CREATE OR REPLACE TEMP TABLE herald_parse_lines AS "
                + "SELECT line, row_number() OVER (ORDER BY line) AS rnk FROM herald_reject");
    }

    @Override
    public org.jooq.Field<Long> order() {
        return DSL.field(DSL.name(TABLE, "rowid"), SQLDataType.BIGINT).minus(DSL.inline(firstRowId));
    }

    @Override
    public org.jooq.Field<Long> line() {
        if (hasLineColumn) {
            return DSL.field(DSL.name(TABLE, ImportColumns.LINE), SQLDataType.BIGINT);
        }
        // The reader drops unparsable rows, so a staged row's line is its position plus the header
        // plus the rejected lines before it.
        return DSL.field("({0} + 2 + (SELECT count(*) FROM herald_parse_lines p WHERE p.line - 1 - p.rnk <= {0}))",
                SQLDataType.BIGINT, order());
    }
}
