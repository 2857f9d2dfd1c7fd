package dev.herald.store.campaign;

import dev.herald.store.Backend;

@Backend(Backend.Kind.DUCKDB)
class DuckDbDeliveryExportIT extends DeliveryExportContract {
}
