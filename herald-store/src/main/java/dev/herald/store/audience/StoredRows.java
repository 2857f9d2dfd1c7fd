package dev.herald.store.audience;

import dev.herald.expr.ProfileReader;
import dev.herald.expr.Row;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import java.util.Optional;

/** Reads one record of the store by its key as a {@link StoredRow}, for the in-memory interpreter. */
public final class StoredRows implements ProfileReader {

    private final Store store;
    private final Schema schema;

    public StoredRows(Store store, Schema schema) {
        this.store = store;
        this.schema = schema;
    }

    @Override
    public Optional<Row> read(Entity entity, Object key) {
        StoredRow row = new StoredRow(store, schema, entity, key);
        return row.exists() ? Optional.of(row) : Optional.empty();
    }
}
