package dev.herald.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.SQLDialect;

/** DuckDB, the embedded default: one file, one process. */
public final class DuckDbDialect implements Dialect {

    static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {
    }

    @Override
    public SQLDialect jooq() {
        return SQLDialect.DUCKDB;
    }

    @Override
    public String migrations() {
        return "duckdb";
    }

    @Override
    public Connection setUp(Connection c) throws SQLException {
        Dialect.execute(c, "SET TimeZone = 'UTC'");
        return c;
    }

    @Override
    public boolean singleProcess() {
        return true;
    }
}
