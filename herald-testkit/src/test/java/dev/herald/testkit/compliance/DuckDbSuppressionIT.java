package dev.herald.testkit.compliance;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbSuppressionIT extends SuppressionContract {
}
