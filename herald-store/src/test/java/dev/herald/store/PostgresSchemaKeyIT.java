package dev.herald.store;

@Backend(Backend.Kind.POSTGRES)
class PostgresSchemaKeyIT extends SchemaKeyContract {
}
