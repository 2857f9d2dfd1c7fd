package dev.herald.testkit.store;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbSchemaKeyIT extends SchemaKeyContract {
}
