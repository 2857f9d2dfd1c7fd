package dev.herald.store;

import dev.herald.schema.FieldType;
import org.jooq.DataType;
import org.jooq.SQLDialect;
import org.jooq.impl.SQLDataType;

/** The SQL type of each schema type, per store. */
public final class SqlTypes {

    private SqlTypes() {
    }

    /** The type of a schema type on {@code dialect}. */
    public static DataType<?> of(FieldType type, SQLDialect dialect) {
        return (dialect == SQLDialect.DUCKDB ? DuckDbDialect.INSTANCE : PostgresDialect.INSTANCE).type(type);
    }

    /** The type every engine spells the same; json differs ({@link Dialect#type}). */
    static DataType<?> common(FieldType type) {
        return switch (type.kind()) {
            case STRING -> SQLDataType.VARCHAR;
            case INT -> SQLDataType.INTEGER;
            case LONG -> SQLDataType.BIGINT;
            case DECIMAL -> SQLDataType.DECIMAL(type.precision(), type.scale());
            case DOUBLE -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DATE -> SQLDataType.DATE;
            case TIMESTAMP -> SQLDataType.TIMESTAMPWITHTIMEZONE;
            case JSON -> SQLDataType.JSON;
        };
    }

    /** The type as DuckDB's readers spell it in a {@code columns} map. */
    public static String duckDbReaderType(FieldType type) {
        return switch (type.kind()) {
            case STRING -> "VARCHAR";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case JSON -> "JSON";
        };
    }
}
