package dev.herald.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.SQLDialect;

/** PostgreSQL, the server store: several Herald processes share one database. */
public final class PostgresDialect implements Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
    }

    @Override
    public SQLDialect jooq() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public String migrations() {
        return "postgresql";
    }

    @Override
    public Connection setUp(Connection c) throws SQLException {
        Dialect.execute(c, "SET TIME ZONE 'UTC'");
        // Herald's queries are set-based and bind every value; a plan made for the actual values
        // (not a generic one after five runs) is worth its planning time.
        Dialect.execute(c, "SET plan_cache_mode = force_custom_plan");
        return c;
    }

    @Override
    public org.jooq.Condition matches(org.jooq.Field<String> value, String pattern) {
        return org.jooq.impl.DSL.condition("({0} ~ {1})", value, org.jooq.impl.DSL.inline(pattern));
    }

    @Override
    public boolean singleProcess() {
        return false;
    }
}
