package dev.herald.testkit.tracking;

import dev.herald.testkit.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbTrackingIT extends TrackingContract {
}
