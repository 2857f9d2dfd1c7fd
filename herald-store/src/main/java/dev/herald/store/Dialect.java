package dev.herald.store;

import dev.herald.schema.FieldType;
import dev.herald.workspace.StoreLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Keyword;
import org.jooq.SQLDialect;

/**
 * What differs between the engines Herald stores data in, one class per engine: types, the
 * spelling of a few functions, which of two equivalent shapes of a statement the engine runs
 * faster, and its own DDL. The rest of the store writes one statement for both and asks the
 * dialect where they part; no other class tests which engine it is on.
 */
public sealed interface Dialect permits DuckDbDialect, PostgresDialect {

    static Dialect of(StoreLocation location) {
        if (location.isDuckDb()) {
            return DuckDbDialect.INSTANCE;
        }
        if (location.isPostgres()) {
            return PostgresDialect.INSTANCE;
        }
        throw new StoreException("unsupported store " + location + ": use a DuckDB file path or a jdbc:postgresql:// URL");
    }

    // ---- the engine ----

    SQLDialect jooq();

    /** The folder of this engine's migrations under {@code db/migration}. */
    String migrations();

    /** Sets up a new session: UTC times, and the engine's planner settings. Returns the connection. */
    Connection setUp(Connection c) throws SQLException;

    /**
     * Whether one process owns the store: a DuckDB file is held by the process that opened it, so a
     * run recorded as driven by another process cannot be running still.
     */
    boolean singleProcess();

    /** Makes a connection fit to stream a long result beside other units' writes (PostgreSQL streams only in a transaction). */
    Connection forLongReads(Connection c) throws SQLException;

    // ---- types ----

    /** The column type of a schema type. */
    DataType<?> type(FieldType type);

    // ---- functions ----

    /** Whether {@code value} matches the regular expression {@code pattern} whole (POSIX classes allowed). */
    Condition matches(Field<String> value, String pattern);

    /** Whether some part of {@code text} matches the regular expression {@code regex} (CEL's {@code matches}). */
    Field<Boolean> containsMatch(Field<?> text, Field<?> regex);

    /** The number of characters of a text. */
    Field<Long> length(Field<?> text);

    /** The operator of whole-number division that truncates toward zero. */
    Keyword integerDivision();

    /** A stable pseudo-random number for a key and a seed: the same seed, the same order of keys, every run. */
    Field<Long> seededHash(Field<?> key, long seed);

    /** Microseconds from {@code earlier} to {@code later}, two times. */
    Field<Long> microsBetween(Field<?> later, Field<?> earlier);

    /** A time moved by a whole number of microseconds, forward ({@code +}) or back ({@code -}). */
    Field<?> shift(Field<?> time, String sign, Field<?> micros);

    /** Seconds since 1970, rounded down (before 1970 too: -0.5 s is -1). */
    Field<Long> epochSeconds(Field<?> time);

    /** Whether a text matches {@code grammar} (a regular expression) as a whole. */
    Field<Boolean> matchesWhole(Field<?> text, String grammar);

    /** A text that reads as a whole number ({@code readable}) as a bigint, NULL outside a long's range. */
    Field<?> textToLong(Field<Boolean> readable, Field<?> text, Field<?> low, Field<?> high);

    /** A text that reads as a decimal number ({@code readable}) as a double, NULL past a double's range and 0 below it. */
    Field<?> textToDouble(Field<Boolean> readable, Field<?> text, Field<?> overflow, Field<?> underflow);

    // ---- which shape of a statement the engine runs best ----

    /**
     * Whether a condition on a link's aggregate is best as one grouped pass over the link; otherwise
     * (PostgreSQL) a correlated aggregate per record is best when the record's own conditions narrow
     * the set first.
     */
    boolean decorrelatesAggregates();

    /** Whether a sum of a small decimal or whole field is cast back to 64 bits (DuckDB's sums are 128-bit, slow to store). */
    boolean narrowsSums();

    /** Whether membership in a set is best as {@code IN} / {@code NOT IN} rather than {@code EXISTS}. */
    boolean semiJoinsAsIn();

    /** Whether the engine picks a row's values by the smallest or largest order in one aggregate ({@code arg_min_null}). */
    boolean picksByOrderInOneAggregate();

    // ---- DDL ----

    /** Changes a column's type, converting its values. */
    void changeType(DSLContext dsl, String table, String column, DataType<?> type);

    /** Whether the links of an entity get an index (where it pays: PostgreSQL's nested loops). */
    boolean indexesLinks();

    /** Whether a new key is given by copying the table (DuckDB drops neither a constraint nor a column before an indexed one). */
    boolean rekeysByCopy();

    /** Runs one statement on {@code c}. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
