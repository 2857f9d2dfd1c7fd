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
    public org.jooq.Condition matches(org.jooq.Field<String> value, String pattern) {
        return org.jooq.impl.DSL.condition("regexp_full_match({0}, {1})", value, org.jooq.impl.DSL.inline(pattern));
    }

    @Override
    public boolean singleProcess() {
        return true;
    }
}
