package dev.herald.store;

import dev.herald.schema.FieldType;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Keyword;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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
    public boolean singleProcess() {
        return false;
    }

    @Override
    public Connection forLongReads(Connection c) throws SQLException {
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public DataType<?> type(FieldType type) {
        return type.kind() == FieldType.Kind.JSON ? SQLDataType.JSONB : SqlTypes.common(type);
    }

    @Override
    public Condition matches(Field<String> value, String pattern) {
        return DSL.condition("({0} ~ {1})", value, DSL.inline(pattern));
    }

    @Override
    public Field<Boolean> containsMatch(Field<?> text, Field<?> regex) {
        return DSL.field("({0} ~ {1})", SQLDataType.BOOLEAN, text, regex);
    }

    @Override
    public Field<Long> length(Field<?> text) {
        return DSL.field("cast(char_length({0}) as bigint)", SQLDataType.BIGINT, text);
    }

    @Override
    public Keyword integerDivision() {
        return DSL.keyword("/");
    }

    @Override
    public Field<Long> seededHash(Field<?> key, long seed) {
        return DSL.field("hashtextextended(cast({0} as text), {1})", Long.class, key, DSL.inline(seed));
    }

    @Override
    public Field<Long> microsBetween(Field<?> later, Field<?> earlier) {
        // extract(epoch …) is an exact numeric
        return DSL.field("cast((extract(epoch from {0}) - extract(epoch from {1})) * 1000000 as bigint)", SQLDataType.BIGINT, later,
                earlier);
    }

    @Override
    public Field<?> shift(Field<?> time, String sign, Field<?> micros) {
        // whole days, then the rest: interval arithmetic multiplies by a double, exact only below 2^53
        return DSL.field("({0} " + sign + " (({1} / {2}) * interval '1 day' + ({1} % {2}) * interval '1 microsecond'))",
                SQLDataType.TIMESTAMPWITHTIMEZONE, time, micros, DSL.inline(86_400_000_000L));
    }

    @Override
    public Field<Long> epochSeconds(Field<?> time) {
        return DSL.field("cast(floor(extract(epoch from {0})) as bigint)", SQLDataType.BIGINT, time);
    }

    @Override
    public Field<Boolean> matchesWhole(Field<?> text, String grammar) {
        return DSL.field("({0} ~ {1})", SQLDataType.BOOLEAN, text, DSL.inline("^(" + grammar + ")$"));
    }

    @Override
    public Field<?> textToLong(Field<Boolean> readable, Field<?> text, Field<?> low, Field<?> high) {
        // no try_cast: read through the exact numeric, and check the range before the cast that could fail
        return DSL.field("case when {0} then (case when cast({1} as numeric) >= {2} and cast({1} as numeric) < {3} "
                + "then cast(cast({1} as numeric) as bigint) end) end", SQLDataType.BIGINT, readable, text, low, high);
    }

    @Override
    public Field<?> textToDouble(Field<Boolean> readable, Field<?> text, Field<?> overflow, Field<?> underflow) {
        // numeric -> double fails below the smallest double and above the largest: round as a double would
        return DSL.field("case when {0} then (case when abs(cast({1} as numeric)) >= {2} then null "
                + "when abs(cast({1} as numeric)) <= {3} then cast(0 as double precision) "
                + "else cast(cast({1} as numeric) as double precision) end) end", SQLDataType.DOUBLE, readable, text, overflow, underflow);
    }

    @Override
    public boolean decorrelatesAggregates() {
        return false;
    }

    @Override
    public boolean narrowsSums() {
        return false;
    }

    @Override
    public boolean semiJoinsAsIn() {
        return false;
    }

    @Override
    public boolean picksByOrderInOneAggregate() {
        return false;
    }

    @Override
    public void changeType(DSLContext dsl, String table, String column, DataType<?> type) {
        // PostgreSQL needs USING to convert, e.g., varchar to integer.
        String ddl = dsl.alterTable(DSL.name(table)).alterColumn(DSL.name(column)).set(type).getSQL();
        dsl.execute(ddl + " USING {0}::{1}", DSL.field(DSL.name(column)), DSL.keyword(type.getCastTypeName()));
    }

    @Override
    public boolean indexesLinks() {
        return true;
    }

    @Override
    public boolean rekeysByCopy() {
        return false;
    }
}
