package dev.herald.store;

@Backend(Backend.Kind.DUCKDB)
class DuckDbSchemaKeyIT extends SchemaKeyContract {
}
