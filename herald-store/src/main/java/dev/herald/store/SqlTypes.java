package dev.herald.store;

import dev.herald.schema.FieldType;
import org.jooq.DataType;
import org.jooq.SQLDialect;
import org.jooq.impl.SQLDataType;

/** The SQL type of each schema type, per store. */
public final class SqlTypes {

    /** jOOQ 3.19 renders JSON as clob on DuckDB; DuckDB has a real JSON type. */
    @SuppressWarnings("deprecation")
    private static final DataType<String> DUCKDB_JSON = new org.jooq.impl.DefaultDataType<>(SQLDialect.DUCKDB, String.class, "json");

    private SqlTypes() {
    }

    public static DataType<?> of(FieldType type, SQLDialect dialect) {
        return switch (type.kind()) {
            case STRING -> SQLDataType.VARCHAR;
            case INT -> SQLDataType.INTEGER;
            case LONG -> SQLDataType.BIGINT;
            case DECIMAL -> SQLDataType.DECIMAL(type.precision(), type.scale());
            case DOUBLE -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DATE -> SQLDataType.DATE;
            case TIMESTAMP -> SQLDataType.TIMESTAMPWITHTIMEZONE;
            case JSON -> dialect == SQLDialect.POSTGRES ? SQLDataType.JSONB : DUCKDB_JSON;
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
