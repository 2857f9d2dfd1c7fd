package dev.herald.store;

@Backend(Backend.Kind.DUCKDB)
class DuckDbStoreIT extends StoreContract {
}
