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

/** DuckDB, the embedded default: one file, one process. */
public final class DuckDbDialect implements Dialect {

    static final DuckDbDialect INSTANCE = new DuckDbDialect();

    /** jOOQ 3.19 renders JSON as clob on DuckDB; DuckDB has a real JSON type. */
    @SuppressWarnings("deprecation")
    private static final DataType<String> JSON = new org.jooq.impl.DefaultDataType<>(SQLDialect.DUCKDB, String.class, "json");

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

    @Override
    public Connection forLongReads(Connection c) {
        return c;
    }

    @Override
    public DataType<?> type(FieldType type) {
        return type.kind() == FieldType.Kind.JSON ? JSON : SqlTypes.common(type);
    }

    @Override
    public Condition matches(Field<String> value, String pattern) {
        return DSL.condition("regexp_full_match({0}, {1})", value, DSL.inline(pattern));
    }

    @Override
    public Field<Boolean> containsMatch(Field<?> text, Field<?> regex) {
        return DSL.field("regexp_matches({0}, {1})", SQLDataType.BOOLEAN, text, regex);
    }

    @Override
    public Field<Long> length(Field<?> text) {
        return DSL.field("cast(length({0}) as bigint)", SQLDataType.BIGINT, text);
    }

    @Override
    public Keyword integerDivision() {
        return DSL.keyword("//"); // jOOQ reads // in a template as a comment: it goes in as a keyword
    }

    @Override
    public Field<Long> seededHash(Field<?> key, long seed) {
        return DSL.field("hash({0}, {1})", Long.class, key, DSL.inline(seed));
    }

    @Override
    public Field<Long> microsBetween(Field<?> later, Field<?> earlier) {
        return DSL.field("(epoch_us({0}) - epoch_us({1}))", SQLDataType.BIGINT, later, earlier);
    }

    @Override
    public Field<?> shift(Field<?> time, String sign, Field<?> micros) {
        return DSL.field("({0} " + sign + " to_microseconds({1}))", SQLDataType.TIMESTAMPWITHTIMEZONE, time, micros);
    }

    @Override
    public Field<Long> epochSeconds(Field<?> time) {
        return DSL.field("(epoch_us({0}) {1} 1000000 - case when epoch_us({0}) % 1000000 < 0 then 1 else 0 end)", SQLDataType.BIGINT,
                time, integerDivision());
    }

    @Override
    public Field<Boolean> matchesWhole(Field<?> text, String grammar) {
        return DSL.field("regexp_full_match({0}, {1})", SQLDataType.BOOLEAN, text, DSL.inline(grammar));
    }

    @Override
    public Field<?> textToLong(Field<Boolean> readable, Field<?> text, Field<?> low, Field<?> high) {
        return DSL.field("case when {0} then try_cast({1} as bigint) end", SQLDataType.BIGINT, readable, text);
    }

    @Override
    public Field<?> textToDouble(Field<Boolean> readable, Field<?> text, Field<?> overflow, Field<?> underflow) {
        return DSL.field("case when {0} and not isinf(try_cast({1} as double)) then try_cast({1} as double) end",
                SQLDataType.DOUBLE, readable, text);
    }

    @Override
    public boolean decorrelatesAggregates() {
        return true;
    }

    @Override
    public boolean narrowsSums() {
        return true;
    }

    @Override
    public boolean semiJoinsAsIn() {
        return true;
    }

    @Override
    public boolean picksByOrderInOneAggregate() {
        return true;
    }

    @Override
    public void changeType(DSLContext dsl, String table, String column, DataType<?> type) {
        dsl.alterTable(DSL.name(table)).alterColumn(DSL.name(column)).set(type).execute();
    }

    @Override
    public boolean indexesLinks() {
        return false;
    }

    @Override
    public boolean rekeysByCopy() {
        return true;
    }
}
