package dev.herald.store;

import dev.herald.workspace.StoreLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.SQLDialect;

/**
 * What differs between the engines Herald stores data in, one class per engine, so that the rest of
 * the store writes one statement for both and asks the dialect where they part.
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

    /** Whether {@code value} matches the regular expression {@code pattern} whole (POSIX classes allowed). */
    org.jooq.Condition matches(org.jooq.Field<String> value, String pattern);

    /** Runs one statement on {@code c}. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
