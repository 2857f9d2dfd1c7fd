package dev.herald.testkit.tracking;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresTrackingIT extends TrackingContract {
}
