package dev.herald.store.audience;

import dev.herald.store.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbAudiencesIT extends AudiencesContract {
}
