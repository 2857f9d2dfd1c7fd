package dev.herald.testkit.store;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresSchemaKeyIT extends SchemaKeyContract {
}
