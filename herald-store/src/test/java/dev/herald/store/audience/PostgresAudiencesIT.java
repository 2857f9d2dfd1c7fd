package dev.herald.store.audience;

import dev.herald.store.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresAudiencesIT extends AudiencesContract {
}
