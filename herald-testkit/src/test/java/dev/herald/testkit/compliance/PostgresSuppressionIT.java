package dev.herald.testkit.compliance;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresSuppressionIT extends SuppressionContract {
}
