package dev.herald.store;

@Backend(Backend.Kind.POSTGRES)
class PostgresStoreIT extends StoreContract {
}
