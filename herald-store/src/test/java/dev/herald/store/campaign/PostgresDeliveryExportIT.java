package dev.herald.store.campaign;

import dev.herald.store.Backend;

@Backend(Backend.Kind.POSTGRES)
class PostgresDeliveryExportIT extends DeliveryExportContract {
}
