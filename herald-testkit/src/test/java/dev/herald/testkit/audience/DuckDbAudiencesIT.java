package dev.herald.testkit.audience;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbAudiencesIT extends AudiencesContract {
}
