package dev.herald.store.load;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;

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
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Stages a CSV file with DuckDB's own parallel reader. The reader types the columns whose values
 * are all plain and reads the others as text, each of their values checked and typed in SQL by
 * {@link DuckDbValues}, so that a value that does not fit rejects its row instead of being
 * rounded or emptied. Rows the reader itself cannot split land in its rejects table with their
 * line numbers. Staged rows keep the file's order in {@code rowid}.
 *
 * <p>The file is one Herald has checked is plain ({@link PlainCsv}: one record per line, the
 * header's width, valid UTF-8) or one it wrote itself, with a {@code _line} column.
 */
final class DuckDbStage implements ImportStage {

    private static final String ERRORS = "herald_csv_errors";
    private static final String SCANS = "herald_csv_scans";
    /** The message of the error a direct insert raises at the first value that does not fit. */
    static final String BAD_VALUE = "herald: a value does not fit its field";
    static final String BAD_COLUMN = "herald_bad_column";
    static final String BAD_REASON = "herald_bad_reason";
    static final String KEY = "herald_key";

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
    public long load(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects,
                     Set<String> typedByReader) throws SQLException {
        hasLineColumn = columns.hasLine();
        dsl.dropTableIfExists(TABLE).execute();
        Checked checked = new Checked(columns, options, typedByReader, DSL.inline((Object) null), false);
        List<String> keyColumns = entity.key().stream().map(columns::columnOf).toList();
        checked.select.add(ImportStage.keyText(keyColumns, keyColumns.stream().<org.jooq.Field<?>>map(k -> DSL.field(DSL.name(k))).toList())
                .as(KEY));
        checked.select.add(firstOf(checked.bad, checked.badColumns).as(BAD_COLUMN));
        checked.select.add(firstOf(checked.bad, checked.reasons).as(BAD_REASON));
        execute("CREATE TEMP TABLE " + TABLE + " AS " + checked.sql(readCsv(csv, columns, options, typedByReader)));
        long staged = dsl.fetchCount(DSL.table(DSL.name(TABLE)));
        // rowids of rows not yet committed start at a large offset; positions count from it.
        Long first = dsl.select(DSL.min(DSL.field(DSL.name("rowid"), Long.class))).from(DSL.table(DSL.name(TABLE)))
                .fetchOne(0, Long.class);
        firstRowId = first == null ? 0 : first;
        long read = staged + parseRejects(columns, earlierRejects);
        dsl.insertInto(RejectTable.TABLE, RejectTable.ORD_COLUMN, RejectTable.LINE_COLUMN, RejectTable.COLUMN_COLUMN,
                        RejectTable.REASON_COLUMN, RejectTable.KEY_COLUMN)
                .select(DSL.select(order(), line(), DSL.field(DSL.name(TABLE, BAD_COLUMN), String.class),
                                DSL.field(DSL.name(TABLE, BAD_REASON), String.class), key())
                        .from(DSL.table(DSL.name(TABLE)))
                        .where(DSL.field(DSL.name(TABLE, BAD_COLUMN)).isNotNull()))
                .execute();
        return read;
    }

    /**
     * The file's columns checked and typed: an inner projection makes each typed attempt once per
     * row, the outer one keeps it when the text is its exact spelling, else applies the rules.
     */
    private final class Checked {
        final List<SelectField<?>> attempts = new ArrayList<>();
        final List<SelectField<?>> select = new ArrayList<>();
        final List<org.jooq.Condition> bad = new ArrayList<>();
        final List<org.jooq.Field<String>> badColumns = new ArrayList<>();
        final List<org.jooq.Field<String>> reasons = new ArrayList<>();

        /** With {@code fieldsOnly}, the columns of fields alone (no {@code _change}, no {@code _line}). */
        Checked(ImportColumns columns, CsvOptions options, Set<String> typedByReader, org.jooq.Field<Object> otherwise,
                boolean fieldsOnly) {
            for (int i = 0; i < columns.header().size(); i++) {
                String loaded = columns.loadedName(i);
                if (loaded == null || (fieldsOnly && columns.fieldAt(i) == null)) {
                    continue;
                }
                String column = columns.header().get(i);
                Field f = columns.fieldAt(i);
                if (f == null || DuckDbValues.readerTypes(f.type()) || typedByReader.contains(column)) {
                    select.add(DSL.field(DSL.name(column)).as(loaded));
                    continue;
                }
                org.jooq.Field<String> raw = DuckDbValues.text(column);
                DuckDbValues values = new DuckDbValues(f.type(), options.decimalSeparator());
                String attemptName = "herald_try_" + i;
                attempts.add(values.attempt(raw).as(attemptName));
                org.jooq.Field<Object> attempt = DSL.field(DSL.name(attemptName));
                select.add(values.checked(raw, attempt, otherwise).as(loaded));
                bad.add(values.invalid(raw, attempt));
                badColumns.add(inline(column));
                reasons.add(values.reason(raw));
            }
        }

        String sql(String readCsv) {
            List<org.jooq.SelectFieldOrAsterisk> all = new ArrayList<>();
            all.add(DSL.asterisk());
            all.addAll(attempts);
            String inner = dsl.renderInlined(DSL.select(all)) + " FROM " + readCsv;
            return dsl.renderInlined(DSL.select(select)) + " FROM (" + inner + ") herald_read";
        }
    }

    private static org.jooq.Field<String> firstOf(List<org.jooq.Condition> conditions, List<org.jooq.Field<String>> values) {
        if (conditions.isEmpty()) {
            return DSL.inline(null, SQLDataType.VARCHAR);
        }
        var choice = when(conditions.get(0), values.get(0));
        for (int i = 1; i < conditions.size(); i++) {
            choice = choice.when(conditions.get(i), values.get(i));
        }
        return choice;
    }

    /**
     * Inserts straight from the reader; the first value that does not fit fails the statement with
     * {@link #BAD_VALUE} (then the caller stages the file, which names every such row).
     */
    @Override
    public Copied copyInto(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects,
                           Set<String> typedByReader) throws SQLException {
        hasLineColumn = columns.hasLine();
        List<String> names = new ArrayList<>();
        for (Field f : columns.fields()) {
            names.add(dsl.render(DSL.name(f.name())));
        }
        Checked checked = new Checked(columns, options, typedByReader, DSL.field("error({0})", Object.class, inline(BAD_VALUE)), true);
        long rows;
        try (Statement s = connection.createStatement()) {
            rows = s.executeLargeUpdate("INSERT INTO " + dsl.render(DSL.name(entity.name())) + " (" + String.join(", ", names)
                    + ") " + checked.sql(readCsv(csv, columns, options, typedByReader)));
        }
        return new Copied(rows + parseRejects(columns, earlierRejects), rows);
    }

    /** Whether {@code e} is the direct insert meeting a value that does not fit. */
    static boolean isBadValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(BAD_VALUE)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} is DuckDB's CSV reader failing on the file itself (not a value, not a key). */
    static boolean isReaderFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SQLException && m != null && m.startsWith("Invalid Input Error")
                    && (m.contains("CSV") || m.contains("state machine"))) {
                return true;
            }
        }
        return false;
    }

    /** DuckDB's reader, reading text but for JSON and the columns it types itself, with its rejects kept in {@value #ERRORS}. */
    private String readCsv(Path csv, ImportColumns columns, CsvOptions options, Set<String> typedByReader) throws SQLException {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < columns.header().size(); i++) {
            Field f = columns.fieldAt(i);
            String column = columns.header().get(i);
            String type = column.equals(ImportColumns.LINE) ? "BIGINT"
                    : f != null && (DuckDbValues.readerTypes(f.type()) || typedByReader.contains(column))
                    ? SqlTypes.duckDbReaderType(f.type()) : "VARCHAR";
            types.add(dsl.render(inline(columns.header().get(i))) + ": " + dsl.render(inline(type)));
        }
        execute("DROP TABLE IF EXISTS " + ERRORS);
        execute("DROP TABLE IF EXISTS " + SCANS);
        return "read_csv(" + dsl.render(inline(csv.toAbsolutePath().toString()))
                + ", header = true, auto_detect = false"
                + ", delim = " + dsl.render(inline(String.valueOf(options.delimiter())))
                + ", quote = " + dsl.render(inline(String.valueOf(options.quote())))
                + ", escape = " + dsl.render(inline(String.valueOf(options.escape())))
                + ", columns = {" + String.join(", ", types) + "}"
                + ", store_rejects = true, rejects_table = '" + ERRORS + "', rejects_scan = '" + SCANS + "')";
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
        for (int i = 0; i < columns.header().size(); i++) {
            if (columns.fieldAt(i) != null) {
                spelling.append(" WHEN ").append(dsl.render(inline(columns.header().get(i))))
                        .append(" THEN ").append(dsl.render(inline(columns.fieldAt(i).type().spelling())));
            }
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
                + "WHEN e.error_type = 'INVALID ENCODING' THEN 'not valid UTF-8' "
                + "ELSE lower(e.error_type) || ': ' || e.error_message END "
                + "FROM (SELECT *, row_number() OVER (PARTITION BY line ORDER BY error_type = 'CAST', column_idx) AS rn "
                + "FROM " + ERRORS + ") e WHERE e.rn = 1");
        execute("CREATE OR REPLACE TEMP TABLE herald_parse_lines AS "
                + "SELECT line, row_number() OVER (ORDER BY line) AS rnk FROM herald_reject WHERE ord IS NULL");
    }

    @Override
    public org.jooq.Field<Long> order() {
        return DSL.field(DSL.name(TABLE, "rowid"), SQLDataType.BIGINT).minus(DSL.inline(firstRowId));
    }

    /** The key as the file writes it, kept at staging (a key that does not fit stages as NULL). */
    @Override
    public org.jooq.Field<String> key() {
        return DSL.field(DSL.name(TABLE, KEY), String.class);
    }

    @Override
    public org.jooq.Field<Long> line() {
        if (hasLineColumn) {
            return DSL.field(DSL.name(TABLE, ImportColumns.LINE), SQLDataType.BIGINT);
        }
        // The reader drops unparsable rows, so a staged row's line is its position plus the header
        // plus the rejected lines before it (a plain file has one record per line).
        return DSL.field("({0} + 2 + (SELECT count(*) FROM herald_parse_lines p WHERE p.line - 1 - p.rnk <= {0}))",
                SQLDataType.BIGINT, order());
    }
}
